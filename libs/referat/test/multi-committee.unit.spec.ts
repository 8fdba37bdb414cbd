import { itemOf, kindOf, parseFixture } from './fixtures';

describe('given council minutes with one "Beslutning <udvalg> den DD-MM-YYYY" block per committee', () => {
  const minutes = parseFixture('multi-committee.txt');

  it("then every block is kept in order with its committee and date, and only this council's is current", () => {
    const decisions = itemOf(minutes, 14).decisions.map((d) => ({
      committee: d.committee,
      date: d.date,
      item: d.item,
      current: d.current,
      kind: kindOf(d.classification),
    }));
    expect(decisions).toEqual([
      { committee: 'Børne- og Familieudvalget', date: '2024-03-04', item: null, current: false, kind: 'recommended' },
      { committee: 'Beskæftigelsesudvalget', date: '2024-03-05', item: null, current: false, kind: 'recommended' },
      { committee: 'Økonomiudvalget', date: '2024-03-06', item: null, current: false, kind: 'recommended' },
      { committee: 'Byrådet', date: '2024-03-13', item: 14, current: true, kind: 'decided/approved' },
    ]);
  });

  it("then an absence line inside another committee's block is lifted out of its text", () => {
    expect(itemOf(minutes, 14).decisions[2]).toEqual(expect.objectContaining({ text: 'Indstillingen anbefales.', absent: ['Carl Ibsen'] }));
  });

  it('then the route and deciding body come from "indstiller til byrådet via ..."', () => {
    expect(itemOf(minutes, 14).route).toEqual(['Børne- og familieudvalget', 'Beskæftigelsesudvalget', 'Økonomiudvalget']);
    expect(itemOf(minutes, 14).decidingBody).toBe('Byrådet');
  });

  it('then "Sagens forløb" with DD/MM/YYYY dates is read', () => {
    expect(itemOf(minutes, 14).history.map((h) => [h.date, h.committee, kindOf(h.classification)])).toEqual([
      ['2024-03-04', 'Børne- og Familieudvalget', 'recommended'],
      ['2024-03-06', 'Økonomiudvalget', 'recommended'],
    ]);
  });

  it('then sag numbers in KLE and slash formats are kept as printed', () => {
    expect(minutes.items.map((i) => i.sagsnummer)).toEqual(['15.00.00-K01-1-20', '00.32.00-S00-3-24', '24/1187']);
  });

  it('then "Indstilles godkendt" is a recommendation and "Ikke godkendt" a rejection', () => {
    expect(itemOf(minutes, 15).decisions.map((d) => kindOf(d.classification))).toEqual(['recommended', 'decided/rejected']);
    expect(kindOf(itemOf(minutes, 16).decisions[0]!.classification)).toBe('decided/postponed');
  });

  it('then item numbers may start anywhere, and the header "Fraværende:" is an absence', () => {
    expect(minutes.items.map((i) => i.number)).toEqual([14, 15, 16]);
    expect(minutes.meeting.absent).toEqual(['Bo Vestergaard']);
    expect(minutes.meeting.members).toHaveLength(5);
    expect(minutes.kommune).toBe('Kildeby');
    expect(minutes.warnings).toEqual([]);
  });
});
