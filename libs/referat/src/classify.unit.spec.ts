import { classifyDecision } from './classify';

function kind(text: string): string {
  const c = classifyDecision(text);
  return c.step === 'decided' ? `decided/${c.outcome}` : c.step;
}

describe('classifyDecision', () => {
  describe('given a phrase from the domain table, possibly followed by remarks', () => {
    it.each([
      ['Godkendt', 'decided/approved'],
      ['Godkendt.', 'decided/approved'],
      ['godkendt med bemærkning om, at sagen følges tæt', 'decided/approved'],
      ['Indstillingen tiltrådt.', 'decided/approved'],
      ['Indstillingerne tiltrådt.', 'decided/approved'],
      ['Udvalget godkendte planen med to ændringer.', 'decided/approved'],
      ['Tiltrådt med den tilføjelse, at ordningen evalueres.', 'decided/approved'],
      ['Taget til efterretning', 'decided/noted'],
      ['Taget til orientering.', 'decided/noted'],
      ['Orienteringen taget til efterretning.', 'decided/noted'],
      ['TAGET TIL EFTERRETNING', 'decided/noted'],
      ['Drøftet', 'decided/discussed'],
      ['Drøftet med bemærkning om at der indledes med en åben proces.', 'decided/discussed'],
      ['Ikke godkendt', 'decided/rejected'],
      ['Indstillingen ikke tiltrådt.', 'decided/rejected'],
      ['Forkastet', 'decided/rejected'],
      ['Sagen genoptages med udgangspunkt i yderligere oplysninger.', 'decided/postponed'],
      ['Punktet genoptages på kommende udvalgs møde', 'decided/postponed'],
      ['Udsat', 'decided/postponed'],
      ['Udsat til næste møde.', 'decided/postponed'],
      ['Indstillingen anbefales.', 'recommended'],
      ['Anbefales', 'recommended'],
      ['Indstilles godkendt.', 'recommended'],
      ['Intet under dette punkt.', 'none'],
      ['', 'none'],
    ])('when classifying "%s", then it is %s', (text, expected) => {
      expect(kind(text)).toBe(expected);
    });
  });

  describe('given phrases that contain another phrase', () => {
    it('then "Ikke godkendt" is not approved', () => {
      expect(kind('Ikke godkendt.')).toBe('decided/rejected');
    });
    it('then "Indstilles godkendt" is a recommendation, not an approval', () => {
      expect(kind('Indstilles godkendt.')).toBe('recommended');
    });
    it('then words that merely begin like a phrase do not count ("Udsatte borgere ...")', () => {
      expect(kind('Udsatte borgere prioriteres.')).toBe('decided/other');
    });
    it('then a phrase inside a sentence does not count', () => {
      expect(kind('Borgerne har taget til efterretning at åbningstiden ændres.')).toBe('decided/other');
    });
  });

  describe('given several decisions in one text', () => {
    it('then a recommendation beats a discussion ("1. Drøftet. 2. Indstilles godkendt")', () => {
      expect(kind('1. Drøftet. 2. Indstilles godkendt')).toBe('recommended');
    });
    it('then approved beats postponed, which beats noted, which beats discussed', () => {
      expect(kind('1. Taget til efterretning.\n2. Godkendt.')).toBe('decided/approved');
      expect(kind('Drøftet. Sagen genoptages i juni.')).toBe('decided/postponed');
      expect(kind('a) Drøftet\nb) Taget til orientering')).toBe('decided/noted');
    });
    it('then a postponement in the last paragraph after a proposal text is found', () => {
      const text =
        'Venstre foreslår, at forvaltningens forslag følges - med følgende tilføjelse:\nAt\nder laves et oplæg.\nPunktet genoptages på kommende udvalgs møde';
      expect(kind(text)).toBe('decided/postponed');
    });
  });

  describe('given absence lines inside the text', () => {
    it('then they are stripped before classifying and from the text', () => {
      const c = classifyDecision('Fraværende: Jens Mikkelsen (V)\n\nTaget til efterretning.');
      expect(c).toEqual({ step: 'decided', outcome: 'noted', text: 'Taget til efterretning.', known: true });
    });
    it('then a text of only absence lines has no outcome', () => {
      expect(classifyDecision('Afbud: Lone Bach\nFraværende:').step).toBe('none');
    });
    it('then "<name> deltog ikke under dette punkt." is an absence line', () => {
      expect(classifyDecision('Indstillingen anbefales.\nBirthe Vang (F) deltog ikke under dette punkt.').text).toBe(
        'Indstillingen anbefales.',
      );
    });
  });

  describe('given a decision that agrees to the indstilling it answers', () => {
    const classOf = (text: string, points: string[]) => {
      const c = classifyDecision(text, { proposalPoints: points });
      return c.step === 'decided' ? `decided/${c.outcome}` : c.step;
    };
    it.each([
      ['at orienteringen tages til efterretning', 'decided/noted'],
      ['at udvalget tager orienteringen til efterretning', 'decided/noted'],
      ['at sagen drøftes', 'decided/discussed'],
      ['at udvalget drøfter udkastet', 'decided/discussed'],
      ['at planen godkendes', 'decided/approved'],
      ['at udvalget over for økonomiudvalget og byrådet anbefaler, at planen godkendes', 'recommended'],
      ['at udvalget tager stilling til deltagelse', 'decided/approved'],
    ])('when "Indstillingen tiltrådt" answers "%s", then it is %s', (point, expected) => {
      expect(classOf('Indstillingen tiltrådt.', [point])).toBe(expected);
      expect(classOf('Godkendt som indstillet.', [point])).toBe(expected);
    });
    it('when each numbered point is answered, then each takes its own point, and the strongest wins', () => {
      const points = ['at orienteringen tages til efterretning', 'at sagen drøftes'];
      expect(classOf('1. Tiltrådt.\n2. Tiltrådt.', points)).toBe('decided/noted');
      expect(classOf('Ad 2: Tiltrådt.', points)).toBe('decided/discussed');
    });
    it('when there is no indstilling to read, then "tiltrådt" is approved, as the phrase table says', () => {
      expect(classOf('Indstillingen tiltrådt.', [])).toBe('decided/approved');
    });
  });

  describe('given "drøftede ... og besluttede, at ..."', () => {
    it('then what was decided counts, not the discussion', () => {
      expect(kind('Udvalget drøftede sagen og besluttede, at planen godkendes.')).toBe('decided/approved');
      expect(kind('Udvalget drøftede sagen og besluttede at anbefale planen.')).toBe('recommended');
      expect(kind('Udvalget drøftede lokalerne og besluttede, at sagen genoptages i juni.')).toBe('decided/postponed');
    });
    it('then a decision whose content names no outcome is approved, marked as guessed', () => {
      expect(classifyDecision('Udvalget drøftede deltagelse og besluttede, at de der ønsker det kan deltage.')).toMatchObject({
        step: 'decided',
        outcome: 'approved',
        known: true,
        guessed: true,
      });
    });
  });

  describe('given orientation and empty phrasings', () => {
    it.each([
      ['Forvaltningen orienterede om status på rekrutteringen.', 'decided/noted'],
      ['Direktøren orienterede udvalget om budgettet.', 'decided/noted'],
      ['Udvalget blev orienteret.', 'decided/noted'],
      ['Orienteret.', 'decided/noted'],
      ['Der var intet under Eventuelt.', 'none'],
      ['Ingen bemærkninger.', 'none'],
      ['Intet.', 'none'],
    ])('when classifying "%s", then it is %s', (text, expected) => {
      expect(kind(text)).toBe(expected);
    });
  });

  describe('given unknown wording', () => {
    it('then it is decided/other, not known, with the text kept', () => {
      expect(classifyDecision('Udvalget ønsker en ny sag i juni.')).toEqual({
        step: 'decided',
        outcome: 'other',
        text: 'Udvalget ønsker en ny sag i juni.',
        known: false,
      });
    });
  });
});
