import {
  abbreviationsOf,
  committeeKey,
  storedCommitteeKey,
  committeePeriod,
  emptyCommitteeRegistry,
  ownAbbreviation,
  resolveCommittee,
  titlePrefixAbbreviations,
  withAbbreviationUsage,
  withCommittee,
  type CommitteeRegistry,
} from '@sagsspor/sag';

const registryOf = (...names: string[]): CommitteeRegistry => names.reduce(withCommittee, emptyCommitteeRegistry('Lejre'));
const keyIn = (registry: CommitteeRegistry, printed: string) => {
  const r = resolveCommittee(registry, printed);
  return r.kind === 'resolved' ? r.key : r.kind;
};

describe('Committee identity', () => {
  describe('one key for every spelling of a committee', () => {
    it.each([
      ['Teknik- og Miljøudvalget', 'teknik og miljøudvalget'],
      ['Teknik og miljøudvalg', 'teknik og miljøudvalget'],
      ['Teknik- og Miljøudvalget - 2022-2025', 'Teknik og Miljøudvalget (2018-2021)'],
      ['Udvalget for Social, Sundhed & Ældre', 'Social, Sundhed og Ældre - 2022-2025'],
      ['Udvalget\u00a0for  Job, Arbejdsmarked og\u200b Integration', 'udvalget for job, arbejdsmarked og integration'],
      ['Byra\u030adet', 'Byrådet'],
      ['Børne-, Unge- og Familieudvalget', 'børne, unge og familieudvalget'],
      ['Byråd', 'Byrådet 2013-2021'],
    ])('given %j and %j, the keys are equal', (a, b) => {
      expect(committeeKey(a)).toBe(committeeKey(b));
    });

    it.each([
      ['Børne- og Familieudvalget', 'Børne- og Ungdomsudvalget'],
      ['Udvalget for Job & Arbejdsmarked - 2018-2021', 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025'],
      ['Udvalget for Teknik og Miljø', 'Teknik- og Miljøudvalget'],
      ['Økonomiudvalget', 'Økonomi'],
    ])('given %j and %j, the keys differ', (a, b) => {
      expect(committeeKey(a)).not.toBe(committeeKey(b));
    });

    it('folds case, & as og, the period and a suspended hyphen into the one key', () => {
      expect(committeeKey('Børne- og Familieudvalget')).toBe('børne og familieudvalget');
      expect(committeeKey('Social, Sundhed & Ældre - 2022-2025')).toBe('social, sundhed og ældre');
      expect(committeeKey('So\u200bcial,  Sundhed & \u00c6ldre')).toBe('social, sundhed og ældre');
    });

    it("reads a key stored by the earlier spelling rule as today's key", () => {
      expect(storedCommitteeKey('børne- og familieudvalget')).toBe(committeeKey('Børne og Familieudvalget'));
      expect(storedCommitteeKey('udvalget for job, arbejdsmarked og integration')).toBe('job, arbejdsmarked og integration');
    });

    it('reads a period printed bare after the name, as well as after " - " and in brackets', () => {
      expect(['Byrådet 2013-2021', 'Byrådet - 2013-2021', 'Byrådet (2013-2021)', 'Byrådet'].map(committeePeriod)).toEqual([
        '2013-2021',
        '2013-2021',
        '2013-2021',
        null,
      ]);
    });
  });

  describe('abbreviations', () => {
    it.each([
      ['Udvalget for Social, Sundhed & Ældre', ['SSÆ']],
      ['Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', ['JAI']],
      ['Udvalget for Børn og Unge', ['BU']],
      ['Økonomiudvalget', ['ØU']],
      ['Kommunalbestyrelsen', ['KB']],
      ['Teknik- og Miljøudvalget', ['TM', 'TMU']],
      ['Byrådet', ['BR', 'BY']],
    ])('given %j, the initials give %j', (name, expected) => {
      expect(abbreviationsOf(name)).toEqual(expected);
    });

    it('reads the committees of a title prefix', () => {
      expect(titlePrefixAbbreviations('SSÆ/BU/JAI - Status på kvartalsplaner')).toEqual(['SSÆ', 'BU', 'JAI']);
      expect(titlePrefixAbbreviations('Status på kvartalsplaner - 2024')).toEqual([]);
      expect(titlePrefixAbbreviations('EU-midler - ansøgning')).toEqual([]);
    });

    it("learns a committee's abbreviation only when every item of its minutes carries it", () => {
      expect(ownAbbreviation(['JAI - Orientering maj 2024', 'JAI - Budget 2025'])).toBe('JAI');
      expect(ownAbbreviation(['JAI - Orientering maj 2024', 'SSÆ/BU/JAI - Status på handleplaner'])).toBe('JAI');
      expect(ownAbbreviation(['JAI - Orientering maj 2024', 'SSÆ/BU - Budget 2025'])).toBeNull();
      expect(ownAbbreviation(['SSÆ/JAI - Orientering', 'SSÆ/JAI - Budget 2025'])).toBeNull();
      expect(ownAbbreviation(['JAI - Orientering maj 2024'])).toBeNull();
    });
  });

  describe('the registry of a kommune', () => {
    const names = [
      'Udvalget for Social, Sundhed & Ældre - 2022-2025',
      'Social, Sundhed og Ældre',
      'teknik og miljøudvalget',
      'Teknik- og Miljøudvalget - 2022-2025',
      'Teknik og Miljøudvalget (2018-2021)',
      'Økonomiudvalget',
      'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025',
      'Udvalget for Job & Arbejdsmarked - 2018-2021',
      'Børne- og Familieudvalget',
      'Børne- og Ungdomsudvalget',
    ];

    it('given names in any order, holds the same committees', () => {
      const forward = registryOf(...names);
      const backward = registryOf(...[...names].reverse());
      expect([...backward.committees.values()].sort((a, b) => a.key.localeCompare(b.key))).toEqual(
        [...forward.committees.values()].sort((a, b) => a.key.localeCompare(b.key)),
      );
      expect(forward.committees.size).toBe(7);
    });

    it('given a lower-case, differently hyphenated spelling, enriches the committee instead of adding one', () => {
      const registry = registryOf(...names);
      expect(registry.committees.get('teknik og miljøudvalget')).toEqual({
        key: 'teknik og miljøudvalget',
        name: 'Teknik- og Miljøudvalget',
        periods: ['2018-2021', '2022-2025'],
        spellings: ['teknik og miljøudvalget', 'teknik- og miljøudvalget'],
        abbreviations: ['TM', 'TMU'],
      });
    });

    it('resolves names and abbreviations, and never merges different committees', () => {
      const registry = registryOf(...names);
      expect(keyIn(registry, 'teknik- og miljøudvalg')).toBe('teknik og miljøudvalget');
      expect(keyIn(registry, 'SSÆ')).toBe('social, sundhed og ældre');
      expect(keyIn(registry, 'ØU')).toBe('økonomiudvalget');
      expect(keyIn(registry, 'JAI')).toBe('job, arbejdsmarked og integration');
      expect(keyIn(registry, 'JA')).toBe('job og arbejdsmarked');
      expect(keyIn(registry, 'Børne- og Ungdomsudvalget')).not.toBe(keyIn(registry, 'Børne- og Familieudvalget'));
      expect(resolveCommittee(registry, 'Plan- og Boligudvalget')).toEqual({ kind: 'unknown', key: 'plan og boligudvalget' });
    });

    it('given two committees with the same initials, an abbreviation is ambiguous until a document shows its use', () => {
      const registry = registryOf('Børne- og Ungdomsudvalget', 'Udvalget for Børn og Unge');
      expect(resolveCommittee(registry, 'BU')).toEqual({
        kind: 'ambiguous',
        candidates: ['børn og unge', 'børne og ungdomsudvalget'],
      });
      const taught = withAbbreviationUsage(registry, 'BU', 'Udvalget for Børn og Unge');
      expect(keyIn(taught, 'BU')).toBe('børn og unge');
    });

    it('learns an abbreviation initials do not give from a document using it', () => {
      const registry = withAbbreviationUsage(
        registryOf('Erhvervs- og Beskæftigelsesudvalget'),
        'EBU',
        'Erhvervs- og Beskæftigelsesudvalget',
      );
      const withOwn = withAbbreviationUsage(registry, 'ERB', 'Erhvervs- og Beskæftigelsesudvalget');
      expect(keyIn(withOwn, 'ERB')).toBe('erhvervs og beskæftigelsesudvalget');
      expect(withOwn.committees.get('erhvervs og beskæftigelsesudvalget')?.abbreviations).toContain('ERB');
    });
  });
});
