import { itemOf, kindOf, parseFixture } from './fixtures';

describe('given minutes quoting earlier treatments elsewhere with their own item numbers', () => {
  const minutes = parseFixture('earlier-treatments.txt');

  it('then "Beslutning <udvalg> den D. måned ÅÅÅÅ punkt N:" keeps that committee, date and item', () => {
    const [earlier, own] = itemOf(minutes, 76).decisions;
    expect(earlier).toEqual(expect.objectContaining({ committee: 'Ældreudvalget', date: '2024-04-29', item: 31, current: false }));
    expect(own).toEqual(expect.objectContaining({ committee: null, date: null, item: 76, current: true }));
    expect(kindOf(own!.classification)).toBe('decided/noted');
  });

  it('then "Beslutning fra <udvalg>, D. måned ÅÅÅÅ, pkt. N:" works with commas inside the committee name', () => {
    const decisions = itemOf(minutes, 77).decisions.map((d) => [d.committee, d.date, d.item, d.current, kindOf(d.classification)]);
    expect(decisions).toEqual([
      ['Ældreudvalget', '2024-04-29', 32, false, 'recommended'],
      ['Udvalget for Sundhed, Forebyggelse og Trivsel', '2024-04-30', 12, false, 'recommended'],
      [null, null, 77, true, 'recommended'],
    ]);
    expect(itemOf(minutes, 77).decisions[2]?.absent).toEqual(['Inger Thy']);
  });

  it('then "indstiller til økonomiudvalget og byrådet, at ..." gives route, deciding body and the inline point', () => {
    const item = itemOf(minutes, 77);
    expect(item.route).toEqual(['Økonomiudvalget']);
    expect(item.decidingBody).toBe('Byrådet');
    expect(item.proposal?.proposedBy).toBe('Direktøren for Sundhed og Omsorg');
    expect(item.proposal?.points).toEqual(['at den nye model for hjemmepleje godkendes.']);
  });

  it('then a document naming no kommune has kommune null unless one is given', () => {
    expect(minutes.kommune).toBeNull();
    expect(parseFixture('earlier-treatments.txt', { kommune: 'Nordhavn' }).kommune).toBe('Nordhavn');
    expect(minutes.committee).toEqual({ name: 'Social- og Sundhedsudvalget', period: null });
  });
});
