import { parseMinutes } from '@sagsspor/referat';
import { fixtureText, itemOf, kindOf, parseFixture } from './fixtures';

describe('given Lejre-style minutes (plain "Beslutning" headings, contents list, page furniture)', () => {
  const minutes = parseFixture('lejre-style.txt');

  it('then the header gives committee without period, date, time, place and members with absences', () => {
    expect(minutes.committee).toEqual({ name: 'Udvalget for Kultur, Fritid og Idræt', period: '2022-2025' });
    expect(minutes.meeting).toEqual({
      date: '2024-03-13',
      time: '17:00',
      place: 'Mødelokale Ågården, Rådhusvej 4, 4390 Søvang',
      members: ['Hanne Dalby', 'Mikkel Strand', 'Søren Bækgaard', 'Lise Hjorth', 'Anders Kjær'],
      absent: ['Mikkel Strand'],
    });
  });

  it('then the kommune is the one the text names most', () => {
    expect(minutes.kommune).toBe('Søvang');
  });

  it('then an explicit kommune wins over the text', () => {
    expect(parseFixture('lejre-style.txt', { kommune: 'Andeby Kommune' }).kommune).toBe('Andeby');
  });

  it('then the contents list creates no items, and every "Punkt N:" in the body does', () => {
    expect(minutes.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(itemOf(minutes, 4).line).toBeGreaterThan(30);
    expect(minutes.warnings).toEqual([]);
  });

  it('then the bare sag number after the title is kept exactly as printed', () => {
    expect(itemOf(minutes, 2).sagsnummer).toBe('24-001122');
    expect(itemOf(minutes, 3).sagsnummer).toBe('00.01.00-I00-23-12');
    expect(itemOf(minutes, 4).sagsnummer).toBe('19/3742');
    expect(itemOf(minutes, 1).sagsnummer).toBeNull();
  });

  it('then page footers and repeated title lines stay out of decision and section texts', () => {
    const texts = minutes.items.flatMap((i) => [...i.decisions.map((d) => d.text), ...Object.values(i.sections)]);
    expect(texts.filter((t) => /Side \d+ af|REFERAT/.test(t))).toEqual([]);
    expect(itemOf(minutes, 1).decisions[0]?.text).toBe('Godkendt');
    expect(itemOf(minutes, 2).attachments).toEqual(['Oversigt over foreningsmidler 2024']);
  });

  it('then a plain "Beslutning" is this committee\'s outcome at this meeting, with this item\'s number', () => {
    expect(itemOf(minutes, 3).decisions).toEqual([
      expect.objectContaining({ committee: null, date: null, item: 3, current: true, absent: [] }),
    ]);
    expect(kindOf(itemOf(minutes, 3).decisions[0]!.classification)).toBe('decided/approved');
  });

  it('then the proposal has its proposer and points, and Beslutningskompetence names the deciding body', () => {
    const item = itemOf(minutes, 3);
    expect(item.proposal?.proposedBy).toBe('Direktionen');
    expect(item.proposal?.points).toEqual([
      'at udvalget godkender de reviderede retningslinjer for lokaletilskud',
      'at de nye retningslinjer træder i kraft den 1. maj 2024.',
    ]);
    expect(item.decidingBody).toBe('Udvalget for Kultur, Fritid & Idræt');
    expect(Object.keys(item.sections)).toEqual(['resume', 'indstilling', 'beslutningskompetence', 'sagsfremstilling', 'økonomi']);
  });

  it('then "indstiller til byrådet via ..." gives the route and Byrådet as deciding body', () => {
    const item = itemOf(minutes, 4);
    expect(item.route).toEqual(['Kultur-, fritids- og idrætsudvalget', 'Teknik- og miljøudvalget', 'Økonomiudvalget']);
    expect(item.decidingBody).toBe('Byrådet');
  });

  it('then numbered decisions take the strongest step: a recommendation beats "Drøftet"', () => {
    expect(kindOf(itemOf(minutes, 4).decisions[0]!.classification)).toBe('recommended');
  });

  it('then "Sagens forløb" lines in both date formats become history without periods or absence lines', () => {
    const history = itemOf(minutes, 4).history.map(({ date, committee, text, absent, classification }) => ({
      date,
      committee,
      text,
      absent,
      kind: kindOf(classification),
    }));
    expect(history).toEqual([
      {
        date: '2024-03-11',
        committee: 'Teknik- og Miljøudvalget',
        text: 'Indstillingen anbefales.',
        absent: ['Jonas Friis (A)'],
        kind: 'recommended',
      },
      {
        date: '2024-03-12',
        committee: 'Udvalget for Social, Sundhed og Ældre',
        text: 'Taget til orientering.',
        absent: [],
        kind: 'decided/noted',
      },
    ]);
    expect(itemOf(minutes, 4).attachments).toEqual(['Tidsplan for renovering af svømmehallen', 'Økonomioversigt anlæg 2024-2026']);
  });

  it('then a "Lukket punkt" item is closed and the others open', () => {
    expect(minutes.items.map((i) => i.access)).toEqual(['open', 'open', 'open', 'open', 'closed', 'open', 'open']);
  });

  it('then a decision reading "Referat godkendt." is text, not a page header', () => {
    const text = fixtureText('lejre-style.txt').replace(
      /(Punkt 7: KFI - Godkendelse af referat\n\nBeslutning\n)/,
      '$1\nReferat godkendt.\n',
    );
    const item = parseMinutes(text).items.find((i) => i.number === 7);
    expect(item?.decisions[0]?.text).toBe('Referat godkendt.');
  });

  it('then "Intet under dette punkt" and an empty decision have no treatment outcome', () => {
    expect(itemOf(minutes, 6).decisions[0]?.classification.step).toBe('none');
    expect(itemOf(minutes, 7).decisions[0]).toEqual(expect.objectContaining({ text: '', classification: { step: 'none', text: '' } }));
  });
});
