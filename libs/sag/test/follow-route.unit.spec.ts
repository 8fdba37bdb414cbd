import {
  committeeKey,
  decideRoute,
  emptyCommitteeRegistry,
  fold,
  followRoute,
  initialRouteState,
  recommendationTarget,
  resolveCommittee,
  titlePrefixAbbreviations,
  withCommittee,
  type Outcome,
  type Route,
  type RouteTreatment,
} from '@sagsspor/sag';
import { proposed, sag, social } from './fixtures';

const stop = (committee: string) => ({ committee, committeeKey: committeeKey(committee) });
const keys = (stops: readonly { committeeKey: string }[]) => stops.map((s) => s.committeeKey);

const proposal = (committee: string, date: string, item = 1): RouteTreatment => ({ committee, date, item, kind: 'proposed' });
const recommendation = (committee: string, date: string, recommendedTo: string, item = 1): RouteTreatment[] => [
  proposal(committee, date, item),
  { committee, date, item, kind: 'recommended', recommendedTo },
];
const decision = (committee: string, date: string, outcome: Outcome, item = 1): RouteTreatment[] => [
  proposal(committee, date, item),
  { committee, date, item, kind: 'decided', outcome },
];

describe('Following a sag along its route', () => {
  describe('given "indstiller til byrådet via teknik- og miljøudvalget, kultur- og fritidsudvalget og økonomiudvalget", met in another order', () => {
    const route: Route = {
      via: [stop('teknik- og miljøudvalget'), stop('kultur- og fritidsudvalget'), stop('økonomiudvalget')],
      decidingBodies: [stop('byrådet')],
    };
    const meetings = [
      ...recommendation('Kultur- og Fritidsudvalget', '2024-03-04', 'Byrådet'),
      ...decision('Plan- og Boligudvalget', '2024-03-06', 'noted'),
      ...recommendation('Teknik- og Miljøudvalget - 2022-2025', '2024-03-11', 'Byrådet'),
    ];

    it('recommends to the deciding body from every committee, never to one that treated it before', () => {
      const targets = ['Kultur- og Fritidsudvalget', 'Teknik- og Miljøudvalget'].map((committee, i) =>
        recommendationTarget(route, meetings, { committee, date: ['2024-03-04', '2024-03-11'][i] ?? '' }),
      );
      expect(targets).toEqual([stop('byrådet'), stop('byrådet')]);
    });

    it('is now at the committee that met last, next at the first planned stop not yet visited, with the unplanned committee as extra', () => {
      const view = followRoute(meetings, route);
      expect(view.visited.map((v) => [v.date, v.committeeKey, v.kind, v.outcome])).toEqual([
        ['2024-03-04', 'kultur og fritidsudvalget', 'recommended', null],
        ['2024-03-06', 'plan og boligudvalget', 'decided', 'noted'],
        ['2024-03-11', 'teknik og miljøudvalget', 'recommended', null],
      ]);
      expect(view.now).toEqual({
        committee: 'Teknik- og Miljøudvalget - 2022-2025',
        committeeKey: 'teknik og miljøudvalget',
        date: '2024-03-11',
      });
      expect(view.next).toEqual(stop('økonomiudvalget'));
      expect(keys(view.pending)).toEqual(['økonomiudvalget']);
      expect(keys(view.extra)).toEqual(['plan og boligudvalget']);
      expect(view.final).toBe(false);
      expect(view.skipped).toEqual([]);
    });

    it('after every planned stop, goes next to the deciding body; its decision is final with nothing skipped', () => {
      const atOeu = [...meetings, ...recommendation('Økonomiudvalget', '2024-03-20', 'Byrådet')];
      expect(followRoute(atOeu, route).next).toEqual(stop('byrådet'));
      const decided = followRoute([...atOeu, ...decision('Byrådet', '2024-03-27', 'approved')], route);
      expect(decided).toMatchObject({ final: true, next: null, skipped: [], pending: [] });
    });
  });

  describe('given the title prefix "SSÆ/BU/JAI - …" and "Beslutningskompetence: Økonomiudvalget"', () => {
    const registry = [
      'Udvalget for Social, Sundhed & Ældre - 2022-2025',
      'Udvalget for Børn og Unge - 2022-2025',
      'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025',
      'Økonomiudvalget',
    ].reduce(withCommittee, emptyCommitteeRegistry('Lejre'));
    const keyOf = (name: string) => {
      const r = resolveCommittee(registry, name);
      return r.kind === 'resolved' ? r.key : committeeKey(name);
    };
    const [routed] = decideRoute(
      {
        type: 'RecordRoute',
        data: {
          sag,
          via: titlePrefixAbbreviations('SSÆ/BU/JAI - Status på kvartalsplaner').map((committee) => ({
            committee,
            committeeKey: keyOf(committee),
          })),
          decidingBodies: [{ committee: 'Økonomiudvalget', committeeKey: keyOf('Økonomiudvalget') }],
          sources: [
            { kind: 'title-prefix', text: 'SSÆ/BU/JAI - Status på kvartalsplaner', document: 'ssae.pdf', line: 12 },
            { kind: 'beslutningskompetence', text: 'Økonomiudvalget', document: 'ssae.pdf', line: 30 },
          ],
          effectiveDate: '2024-02-05',
        },
      },
      fold([proposed(social)]),
      initialRouteState,
    );
    const route: Route = routed?.data ?? { via: [], decidingBodies: [] };
    const committees = [
      ...recommendation('Social, Sundhed & Ældre - 2022-2025', '2024-02-05', 'Økonomiudvalget'),
      ...recommendation('Udvalget for Børn og Unge', '2024-02-06', 'Økonomiudvalget'),
      ...recommendation('Udvalget for Job, Arbejdsmarked og Integration', '2024-02-07', 'Økonomiudvalget'),
    ];

    it('plans via SSÆ, BU and JAI to Økonomiudvalget', () => {
      expect(keys(route.via)).toEqual(['social, sundhed og ældre', 'børn og unge', 'job, arbejdsmarked og integration']);
      expect(keys(route.decidingBodies)).toEqual(['økonomiudvalget']);
    });

    it('after SSÆ, goes next to BU; after JAI, to Økonomiudvalget', () => {
      expect(followRoute(committees.slice(0, 2), route, keyOf).next?.committee).toBe('BU');
      const afterJai = followRoute(committees, route, keyOf);
      expect(afterJai.next).toEqual({ committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' });
      expect(afterJai.pending).toEqual([]);
      expect(afterJai.extra).toEqual([]);
    });

    it('given Økonomiudvalget decides before BU has met, the decision is final and BU is skipped', () => {
      const withoutBu = [...committees.slice(0, 2), ...committees.slice(4), ...decision('Økonomiudvalget', '2024-02-21', 'approved')];
      const view = followRoute(withoutBu, route, keyOf);
      expect(view).toMatchObject({ final: true, next: null });
      expect(view.skipped.map((s) => s.committee)).toEqual(['BU']);
      expect(view.now?.committeeKey).toBe('økonomiudvalget');
    });

    it('given a stop that met only after the final decision, still lists it as skipped', () => {
      const late = [
        ...committees.slice(0, 2),
        ...decision('Økonomiudvalget', '2024-02-21', 'approved'),
        ...recommendation('Udvalget for Job, Arbejdsmarked og Integration', '2024-03-01', 'Økonomiudvalget'),
      ];
      expect(followRoute(late, route, keyOf).skipped.map((s) => s.committee)).toEqual(['BU', 'JAI']);
    });

    it.each<[Outcome, boolean]>([
      ['approved', true],
      ['rejected', true],
      ['noted', true],
      ['postponed', false],
      ['discussed', false],
      ['other', false],
    ])('given the deciding body reaches %s, final is %s', (outcome, final) => {
      const view = followRoute([...committees, ...decision('Økonomiudvalget', '2024-02-21', outcome)], route, keyOf);
      expect(view.final).toBe(final);
      expect(view.next).toEqual(final ? null : { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' });
    });

    it('a decision by a committee without the competence is not final', () => {
      const view = followRoute([...decision('Social, Sundhed & Ældre', '2024-02-05', 'approved')], route, keyOf);
      expect(view.final).toBe(false);
      expect(view.next?.committee).toBe('BU');
    });
  });

  describe('given two deciding bodies ("Kompetence: Økonomiudvalget og Byrådet")', () => {
    const route: Route = { via: [stop('Teknik- og Miljøudvalget')], decidingBodies: [stop('Økonomiudvalget'), stop('Byrådet')] };

    it('recommends from a committee to the first, and from the first to the second', () => {
      const t = recommendation('Teknik- og Miljøudvalget', '2024-03-01', 'Økonomiudvalget');
      expect(recommendationTarget(route, t, { committee: 'Teknik- og Miljøudvalget', date: '2024-03-01' })).toEqual(
        stop('Økonomiudvalget'),
      );
      expect(recommendationTarget(route, t, { committee: 'Økonomiudvalget', date: '2024-03-10' })).toEqual(stop('Byrådet'));
      const afterOeu = [...t, ...recommendation('Økonomiudvalget', '2024-03-10', 'Byrådet')];
      expect(followRoute(afterOeu, route).next).toEqual(stop('Byrådet'));
    });
  });

  describe('given no deciding body, only a via-list', () => {
    const route: Route = { via: [stop('A-udvalget'), stop('B-udvalget'), stop('C-udvalget')], decidingBodies: [] };

    it('recommends to the first planned stop that had not treated the sag before that meeting', () => {
      const t = [...recommendation('A-udvalget', '2024-01-10', 'x'), ...recommendation('C-udvalget', '2024-02-01', 'x')];
      expect(recommendationTarget(route, t, { committee: 'C-udvalget', date: '2024-02-01' })).toEqual(stop('B-udvalget'));
      expect(recommendationTarget(route, t, { committee: 'A-udvalget', date: '2024-01-10' })).toEqual(stop('B-udvalget'));
    });
  });

  describe('given no known route', () => {
    it('is now at the latest treatment and next at the body it was last recommended to', () => {
      const t = [
        ...recommendation('Social, Sundhed & Ældre', '2024-02-05', 'Økonomiudvalget'),
        ...recommendation('Økonomiudvalget', '2024-02-21', 'Byrådet'),
      ];
      const view = followRoute(t, null);
      expect(view.now).toMatchObject({ committeeKey: 'økonomiudvalget', date: '2024-02-21' });
      expect(view.next).toEqual(stop('Byrådet'));
      expect(view).toMatchObject({ via: [], pending: [], extra: [], final: false, skipped: [] });
    });

    it('is final when the body it was recommended to decides', () => {
      const t = [
        ...recommendation('Social, Sundhed & Ældre', '2024-02-05', 'Økonomiudvalget'),
        ...decision('Økonomiudvalget', '2024-02-21', 'approved'),
      ];
      expect(followRoute(t, null)).toMatchObject({ final: true, next: null });
    });

    it('given nothing recorded, answers nothing', () => {
      expect(followRoute([], null)).toMatchObject({ visited: [], now: null, next: null, final: false });
    });
  });
});
