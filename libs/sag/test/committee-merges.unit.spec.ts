import {
  canonicalKey,
  COMMITTEE_EVENT_TYPES,
  committeeKey,
  committeeStreamName,
  decideCommittees,
  followRoute,
  foldMerges,
  keysOfCommittee,
  kommuneKeyOfCommitteeStream,
  mergedKeyOf,
  mergedRoute,
  NO_MERGES,
  registryOfNames,
  type CommitteeCommand,
  type CommitteeEvent,
  type CommitteeMerges,
  type Route,
  type RouteTreatment,
} from '@sagsspor/sag';

const JA = 'Udvalget for Job & Arbejdsmarked - 2018-2021';
const JAI = 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025';
const OEU = 'Økonomiudvalget';
const known = registryOfNames('Lejre', [JA, JAI, OEU, 'Byrådet']);
const stop = (name: string) => ({ committee: name, committeeKey: committeeKey(name) });

const merge = (alias: string, into: string): CommitteeCommand => ({
  type: 'MergeCommittees',
  data: { kommune: 'Lejre Kommune', alias, into },
});
const split = (alias: string): CommitteeCommand => ({ type: 'SplitCommittee', data: { kommune: 'Lejre', alias } });

/** Decides each command on the merges so far, as the command handler does. */
function given(...commands: CommitteeCommand[]): { merges: CommitteeMerges; events: CommitteeEvent[] } {
  let merges = NO_MERGES;
  const events: CommitteeEvent[] = [];
  for (const c of commands) {
    const decided = decideCommittees(c, merges, known);
    events.push(...decided);
    merges = foldMerges(decided, merges);
  }
  return { merges, events };
}

describe('Merging and splitting committee aliases', () => {
  describe('given the job committee of one period and its successor', () => {
    it('when an admin merges the old one into the new by name, then one merge event names both by key, and the old key reads as the new', () => {
      const { merges, events } = given(merge(JA, 'JAI'));
      expect(events).toEqual([
        {
          type: COMMITTEE_EVENT_TYPES.merged,
          data: {
            kommune: 'Lejre',
            alias: { committee: 'Udvalget for Job & Arbejdsmarked', committeeKey: 'job og arbejdsmarked' },
            into: { committee: 'Udvalget for Job, Arbejdsmarked og Integration', committeeKey: 'job, arbejdsmarked og integration' },
            reason: null,
          },
        },
      ]);
      expect(canonicalKey(merges, 'job og arbejdsmarked')).toBe('job, arbejdsmarked og integration');
      expect(keysOfCommittee(merges, 'job, arbejdsmarked og integration')).toEqual([
        'job, arbejdsmarked og integration',
        'job og arbejdsmarked',
      ]);
      expect(keysOfCommittee(merges, 'job og arbejdsmarked')).toEqual(keysOfCommittee(merges, 'job, arbejdsmarked og integration'));
    });

    it('when the same merge is asked again, then nothing more is recorded', () => {
      expect(given(merge(JA, JAI), merge(JA, JAI)).events).toHaveLength(1);
    });

    it('when it is split again, then each key is its own committee', () => {
      const { merges, events } = given(merge(JA, JAI), split('job og arbejdsmarked'));
      expect(events.map((e) => e.type)).toEqual([COMMITTEE_EVENT_TYPES.merged, COMMITTEE_EVENT_TYPES.split]);
      expect(events[1]?.data).toMatchObject({
        alias: { committeeKey: 'job og arbejdsmarked' },
        from: { committeeKey: 'job, arbejdsmarked og integration' },
      });
      expect(canonicalKey(merges, 'job og arbejdsmarked')).toBe('job og arbejdsmarked');
    });

    it('when merged in a chain, then every alias reads as the last committee, and merging into an alias merges into its committee', () => {
      const { merges } = given(merge(JA, JAI), merge(JAI, OEU));
      expect(canonicalKey(merges, 'job og arbejdsmarked')).toBe('økonomiudvalget');
      const { events } = given(merge(JA, JAI), merge('Byrådet', JA));
      expect(events[1]?.data.alias.committeeKey).toBe('byrådet');
      expect(events[1]?.type === COMMITTEE_EVENT_TYPES.merged && events[1].data.into.committeeKey).toBe(
        'job, arbejdsmarked og integration',
      );
    });
  });

  describe('bad requests are refused and decide nothing', () => {
    it.each([
      ['a committee with itself', [merge(OEU, 'økonomiudvalget')], 'committee.merge-self'],
      ['a committee with its own alias', [merge(JA, JAI), merge(JAI, JA)], 'committee.merge-self'],
      ['an unknown committee', [merge('Plan- og Boligudvalget', OEU)], 'committee.unknown'],
      ['into an unknown committee', [merge(OEU, 'Erhvervsudvalget')], 'committee.unknown'],
      ['an alias already merged elsewhere', [merge(JA, JAI), merge(JA, OEU)], 'committee.already-merged'],
      ['a split of a committee that is not merged', [split(OEU)], 'committee.not-merged'],
      ['a split of an unknown committee', [split('Plan- og Boligudvalget')], 'committee.unknown'],
    ])('when merging %s', (_what, commands, code) => {
      expect(() => given(...commands)).toThrow(expect.objectContaining({ code }));
    });
  });

  describe('given the route and treatments of a sag that met the old job committee', () => {
    const route: Route = { via: [stop(JAI)], decidingBodies: [stop(OEU)] };
    const treatments: RouteTreatment[] = [{ committee: JA, date: '2021-06-01', item: 3, kind: 'recommended', recommendedTo: OEU }];

    it('when not merged, then the old committee is an extra stop and the new one is next', () => {
      const view = followRoute(treatments, route);
      expect(view.next?.committeeKey).toBe('job, arbejdsmarked og integration');
      expect(view.extra.map((s) => s.committeeKey)).toEqual(['job og arbejdsmarked']);
    });

    it('when merged, then the treatment visits the planned stop and the deciding body is next', () => {
      const { merges } = given(merge(JA, JAI));
      const view = followRoute(treatments, mergedRoute(merges, route), mergedKeyOf(merges));
      expect(view.visited.map((v) => v.committeeKey)).toEqual(['job, arbejdsmarked og integration']);
      expect(view.next?.committeeKey).toBe('økonomiudvalget');
      expect(view.extra).toEqual([]);
    });
  });

  it('keeps each kommune’s merges in a stream of its own, named by its key', () => {
    expect(committeeStreamName('Lyngby-Taarbæk Kommune')).toBe('committees-lyngby-taarbæk');
    expect(kommuneKeyOfCommitteeStream('committees-lyngby-taarbæk')).toBe('lyngby-taarbæk');
    expect(kommuneKeyOfCommitteeStream('sag-lejre:1')).toBeNull();
  });
});
