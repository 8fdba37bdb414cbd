import {
  decideRoute,
  fold,
  foldRoute,
  initialRouteState,
  isRouteEventType,
  isSagEventType,
  type RecordRoute,
  type RouteSource,
  type SagEvent,
  type SagRouteEvent,
} from '@sagsspor/sag';
import { proposed, sag, social } from './fixtures';

const indstilling: RouteSource = {
  kind: 'indstilling',
  text: 'Direktionen indstiller til byrådet via teknik- og miljøudvalget, kultur- og fritidsudvalget og økonomiudvalget',
  document: 'tmu-2024-03-11.pdf',
  line: 41,
};

const recordRoute = (via: string[], decidingBodies: string[], sources: RouteSource[] = [indstilling]): RecordRoute => ({
  type: 'RecordRoute',
  data: {
    sag,
    via: via.map((committee) => ({ committee })),
    decidingBodies: decidingBodies.map((committee) => ({ committee })),
    sources,
    effectiveDate: '2024-02-05',
  },
});

/** Given these events of the sag's stream, when a route is recorded, then ... */
function given(...stream: (SagEvent | SagRouteEvent)[]) {
  const treatments = stream.filter((e): e is SagEvent => isSagEventType(e.type));
  const routes = stream.filter((e): e is SagRouteEvent => isRouteEventType(e.type));
  return {
    when(command: RecordRoute) {
      const run = () => decideRoute(command, fold(treatments), foldRoute(routes));
      return {
        events: run,
        thenNothingIsRecorded: () => expect(run()).toEqual([]),
        thenFailsWith: (code: string) => expect(run).toThrow(expect.objectContaining({ code }) as unknown as Error),
      };
    },
  };
}

const known = proposed(social);

describe('Recording a route', () => {
  it('records the planned stops in printed order, the deciding body and where it was read', () => {
    const events = given(known)
      .when(recordRoute(['teknik- og miljøudvalget', 'kultur- og fritidsudvalget', 'økonomiudvalget'], ['byrådet']))
      .events();
    expect(events).toEqual([
      {
        type: 'SagRouted.v1',
        data: {
          kommune: 'Lejre',
          sagsnummer: '23-002657',
          via: [
            { committee: 'teknik- og miljøudvalget', committeeKey: 'teknik og miljøudvalget' },
            { committee: 'kultur- og fritidsudvalget', committeeKey: 'kultur og fritidsudvalget' },
            { committee: 'økonomiudvalget', committeeKey: 'økonomiudvalget' },
          ],
          decidingBodies: [{ committee: 'byrådet', committeeKey: 'byrådet' }],
          sources: [indstilling],
          effectiveDate: '2024-02-05',
        },
      },
    ]);
  });

  it('takes the key a caller resolved (an abbreviation through the registry) and drops a period from the name', () => {
    const [event] = given(known)
      .when({
        type: 'RecordRoute',
        data: {
          sag,
          via: [{ committee: 'SSÆ', committeeKey: 'social, sundhed og ældre' }],
          decidingBodies: [{ committee: 'Økonomiudvalget - 2022-2025' }],
          sources: [{ kind: 'title-prefix', text: 'SSÆ - Status', document: null, line: null }],
          effectiveDate: '2024-02-05',
        },
      })
      .events();
    expect(event?.data.via).toEqual([{ committee: 'SSÆ', committeeKey: 'social, sundhed og ældre' }]);
    expect(event?.data.decidingBodies).toEqual([{ committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' }]);
  });

  it('accepts a deciding body alone ("Beslutningskompetence: Økonomiudvalget")', () => {
    const source: RouteSource = { kind: 'beslutningskompetence', text: 'Økonomiudvalget', document: 'x.pdf', line: 3 };
    expect(
      given(known)
        .when(recordRoute([], ['Økonomiudvalget'], [source]))
        .events(),
    ).toHaveLength(1);
  });

  it('refuses a route for a sag with no recorded treatment', () => {
    given()
      .when(recordRoute(['Økonomiudvalget'], ['Byrådet']))
      .thenFailsWith('sag.unknown');
  });

  it('refuses an empty via-list with no deciding body', () => {
    given(known).when(recordRoute([], [])).thenFailsWith('sag.route-empty');
  });

  it('refuses a stop naming the same committee twice, however it is spelled', () => {
    given(known)
      .when(recordRoute(['Teknik- og Miljøudvalget', 'teknik og miljøudvalg'], ['Byrådet']))
      .thenFailsWith('sag.route-repeated-stop');
  });

  it('refuses more than two deciding bodies, a blank stop and a route without its source', () => {
    given(known)
      .when(recordRoute([], ['Økonomiudvalget', 'Byrådet', 'Teknik- og Miljøudvalget']))
      .thenFailsWith('sag.invalid-command');
    given(known)
      .when(recordRoute(['  '], ['Byrådet']))
      .thenFailsWith('sag.invalid-command');
    given(known)
      .when(recordRoute(['Økonomiudvalget'], ['Byrådet'], []))
      .thenFailsWith('sag.invalid-command');
  });

  describe('a route already recorded', () => {
    const first = given(known)
      .when(recordRoute(['Teknik- og Miljøudvalget', 'Økonomiudvalget'], ['Byrådet']))
      .events();

    it('appends nothing for the same route, even read from another document or spelled otherwise', () => {
      const again: RouteSource = { ...indstilling, document: 'oeu-2024-03-20.pdf' };
      given(known, ...first)
        .when(recordRoute(['teknik og miljøudvalg', 'økonomiudvalget'], ['byrådet'], [again]))
        .thenNothingIsRecorded();
    });

    it('records a changed route as a new version and keeps the old one in the history', () => {
      const second = given(known, ...first)
        .when(
          recordRoute(['Økonomiudvalget'], ['Byrådet'], [{ kind: 'clerk', text: 'TMU behandler ikke sagen', document: null, line: null }]),
        )
        .events();
      expect(second).toHaveLength(1);
      const state = foldRoute([...(first as SagRouteEvent[]), ...second]);
      expect(state.versions.map((v) => v.via.map((s) => s.committeeKey))).toEqual([
        ['teknik og miljøudvalget', 'økonomiudvalget'],
        ['økonomiudvalget'],
      ]);
      expect(state.current?.via.map((s) => s.committee)).toEqual(['Økonomiudvalget']);
    });
  });

  it('given an old log with treatments only, the sag reads as before and has no route', () => {
    const old: SagEvent[] = [known];
    expect(old.filter((e) => isRouteEventType(e.type))).toEqual([]);
    expect(foldRoute([])).toEqual(initialRouteState);
    expect(fold(old).records).toHaveLength(1);
  });
});
