import { liftAbsence } from './absence';
import { parseVotes } from './votes';

describe('parseVotes', () => {
  it.each([
    ['Anbefales af et flertal bestående af V, B og A. (O) stemte imod.', { for: ['V', 'B', 'A'], against: ['O'], abstained: [] }],
    ['Et mindretal (Ø) kunne ikke anbefale indstillingen.', { for: [], against: ['Ø'], abstained: [] }],
    ['Godkendt. (F) undlod at stemme.', { for: [], against: [], abstained: ['F'] }],
    ['For stemte: A, V og F. Imod stemte: Ø.', { for: ['A', 'V', 'F'], against: ['Ø'], abstained: [] }],
    ['Et flertal (A, V) godkendte, mens (O) stemte imod.', { for: ['A', 'V'], against: ['O'], abstained: [] }],
    ['Anne Hansen (F) stemte imod.', { for: [], against: ['F'], abstained: [] }],
  ])('given "%s", then the vote is %j', (text, expected) => {
    expect(parseVotes(text)).toEqual({ ...expected, notTakingPart: [] });
  });

  it('given no vote, then there is none', () => {
    expect(parseVotes('Godkendt med bemærkning om, at sagen følges.')).toBeNull();
    expect(parseVotes('Udvalget ønsker en ny sag i juni, og Ø-gruppen kommer med et oplæg.')).toBeNull();
  });

  it('given a member who took no part, then the vote names them', () => {
    expect(parseVotes('Godkendt.', ['Kim Lund (A)'])).toEqual({ for: [], against: [], abstained: [], notTakingPart: ['Kim Lund (A)'] });
  });
});

describe('liftAbsence', () => {
  it('given a bare "Afbud:" with the names on the lines below, then the names are absent and the lines gone', () => {
    expect(liftAbsence(['Godkendt.', 'Afbud:', 'Anne Hansen (F)', 'Per Holm (V), Ida Lund (A)', 'Med bemærkning.'])).toEqual({
      lines: ['Godkendt.', 'Med bemærkning.'],
      absent: ['Anne Hansen (F)', 'Per Holm (V)', 'Ida Lund (A)'],
      notTakingPart: [],
    });
  });

  it('given "Afbud fra" or "deltog ikke" inside a line, then only that sentence goes', () => {
    expect(liftAbsence(['Godkendt. Afbud fra Jens K. Olsen.'])).toEqual({
      lines: ['Godkendt.'],
      absent: ['Jens K. Olsen'],
      notTakingPart: [],
    });
    expect(liftAbsence(['Anbefales. Irene Porse (F) deltog ikke under dette punkt.'])).toMatchObject({
      lines: ['Anbefales.'],
      absent: ['Irene Porse (F)'],
    });
  });

  it('given "deltog ikke i behandlingen" or "inhabil", then the member took no part rather than was absent', () => {
    expect(liftAbsence(['Kim Lund (A) erklærede sig inhabil og deltog ikke i behandlingen.'])).toEqual({
      lines: [],
      absent: [],
      notTakingPart: ['Kim Lund (A)'],
    });
  });

  it('given a bare "Fraværende:" followed by the decision, then the decision stays', () => {
    expect(liftAbsence(['Fraværende:', 'Indstillingen anbefales.'])).toEqual({
      lines: ['Indstillingen anbefales.'],
      absent: [],
      notTakingPart: [],
    });
  });
});
