import { itemOf, kindOf, parseFixture } from './fixtures';

describe('given minutes whose decisions answer their indstilling, carry votes and name absent members', () => {
  const minutes = parseFixture('votes-and-context.txt');
  const current = (n: number) => {
    const d = itemOf(minutes, n).decisions.find((x) => x.current);
    if (!d) throw new Error(`item ${n} has no current decision`);
    return d;
  };

  it('when "Indstillingen tiltrådt" answers "at orienteringen tages til efterretning", then it is noted', () => {
    expect(kindOf(current(1).classification)).toBe('decided/noted');
    expect(current(1).text).toBe('Indstillingen tiltrådt.');
  });

  it('when "Godkendt som indstillet" answers "at udvalget drøfter ...", then it is discussed', () => {
    expect(kindOf(current(2).classification)).toBe('decided/discussed');
  });

  it('when "Indstillingen tiltrådt" answers "at ... godkendes", then it is approved', () => {
    expect(kindOf(current(3).classification)).toBe('decided/approved');
  });

  it('when "Afbud:" stands on its own line with the names on the lines below, then the names are absent and not in the text', () => {
    expect(current(3).absent).toEqual(['Anne Hansen (F)', 'Per Holm (V)']);
    expect(current(3).text).toBe('Indstillingen tiltrådt.');
  });

  it('when a majority recommends and a party votes against, then both are kept as votes, and "Afbud fra" leaves the text', () => {
    const d = current(4);
    expect(d.classification.step).toBe('recommended');
    expect(d.votes).toEqual({ for: ['V', 'B', 'A'], against: ['O'], abstained: [], notTakingPart: [] });
    expect(d.absent).toEqual(['Jens Olsen']);
    expect(d.text).toBe('Anbefales af et flertal bestående af V, B og A. (O) stemte imod.');
  });

  it('when the committee "drøftede ... og besluttede, at sagen genoptages", then it is the decision (postponed), not a discussion', () => {
    expect(kindOf(current(5).classification)).toBe('decided/postponed');
  });

  it('when "Forvaltningen orienterede om ...", then it is noted', () => {
    expect(current(6).classification).toEqual({
      step: 'decided',
      outcome: 'noted',
      text: 'Forvaltningen orienterede om status på rekrutteringen af sagsbehandlere.',
      known: true,
    });
  });

  it('when a party abstains and a member takes no part, then the vote says so and the member is not absent', () => {
    const d = current(7);
    expect(d.votes).toEqual({ for: [], against: [], abstained: ['F'], notTakingPart: ['Kim Lund (A)'] });
    expect(d.absent).toEqual([]);
    expect(d.text).toBe('Godkendt. (F) undlod at stemme.');
  });

  it('when "Der var intet under Eventuelt", then there is no outcome and no warning', () => {
    expect(current(8).classification.step).toBe('none');
  });

  it('when two items have one sag number, then both keep their titles and one warning says so', () => {
    expect(itemOf(minutes, 4).title).toBe('BI - Budget 2025 for beskæftigelse');
    expect(itemOf(minutes, 7).title).toBe('BI - Budget 2025, tillæg om kontanthjælp');
    expect(minutes.warnings).toEqual([
      {
        line: expect.any(Number),
        item: 7,
        message: 'item 7 has the same sag number (24-003104) as item 4: two treatments of one sag in this meeting',
      },
    ]);
  });
});
