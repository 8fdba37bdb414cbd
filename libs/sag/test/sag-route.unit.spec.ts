import {
  committeeKey,
  recommendedOnwardTo,
  routeHeadlineOf,
  routeInForce,
  staleCutoff,
  type RouteSource,
  type SagRoutedData,
  type TreatmentFacts,
} from '@sagsspor/sag';

const stop = (committee: string) => ({ committee, committeeKey: committeeKey(committee) });
const doc = (document: string): RouteSource => ({ kind: 'indstilling', text: 'til byrådet via ...', document, line: 3 });
const clerk: RouteSource = { kind: 'clerk', text: 'Rettet', document: null, line: null };
const version = (effectiveDate: string, via: string[], source: RouteSource = doc(`${effectiveDate}.txt`)): SagRoutedData => ({
  kommune: 'Søvang',
  sagsnummer: '24-1',
  via: via.map(stop),
  decidingBodies: [stop('Byrådet')],
  sources: [source],
  effectiveDate,
});
const facts = (
  committee: string,
  meetingDate: string,
  step: TreatmentFacts['step'],
  extra: Partial<TreatmentFacts> = {},
): TreatmentFacts => ({
  committee,
  committeeKey: committeeKey(committee),
  evidence: 'direct',
  meetingDate,
  item: 1,
  step,
  title: null,
  access: null,
  outcome: null,
  recommendedTo: null,
  ...extra,
});

/** Every order of a list: the route in force must not depend on the order versions were recorded in. */
function orders<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('The route in force', () => {
  const a = version('2024-03-04', ['TMU', 'ØU']);
  const b = version('2024-03-11', ['ØU']);
  const b2 = version('2024-03-11', ['KFU', 'ØU']);
  const c = version('2024-03-20', ['ØU']);

  it('given versions recorded in any order, then the one of the latest date holds; on one date, a fixed order of content', () => {
    for (const o of orders([a, b, b2])) expect(routeInForce(o, null)).toBe(b);
    for (const o of orders([a, b, b2])) expect(routeInForce(o, '2024-03-05')).toBe(a);
    expect(routeInForce([a, b], '2024-03-01')).toBeNull();
  });

  it('given the same route printed again later, then it has held since it was first printed', () => {
    for (const o of orders([a, b, c])) expect(routeInForce(o, null)).toBe(b);
  });

  it("given a clerk's version on a document's date, then the clerk's latest word wins", () => {
    const byClerk = version('2024-03-11', ['KFU'], clerk);
    const again = version('2024-03-11', ['TMU'], clerk);
    expect(routeInForce([b, byClerk, again], null)).toBe(again);
    expect(routeInForce([byClerk, b], null)).toBe(byClerk);
  });
});

describe('Where a sag is, for a list of sager', () => {
  const route = version('2024-02-05', ['SSÆ', 'BU', 'JAI']);
  const treated = [
    facts('Udvalget for Social, Sundhed & Ældre', '2024-02-05', 'recommended', { recommendedTo: 'Økonomiudvalget' }),
    facts('Udvalget for Børn og Unge', '2024-02-06', 'recommended', { recommendedTo: 'Økonomiudvalget' }),
  ];

  it('given abbreviations one document could not resolve, then the committees that treated the sag resolve them', () => {
    expect(routeHeadlineOf(treated, [route])).toEqual({
      now: { committee: 'Udvalget for Børn og Unge', committeeKey: 'børn og unge', date: '2024-02-06' },
      next: { committee: 'JAI', committeeKey: 'jai' },
      final: false,
    });
    const withJai = [...treated, facts('Udvalget for Job, Arbejdsmarked og Integration', '2024-02-07', 'recommended')];
    expect(routeHeadlineOf(withJai, [route]).next).toEqual(stop('Byrådet'));
  });

  it('given a final decision by the deciding body, then it is final with no next', () => {
    const decided = [...treated, facts('Byrådet', '2024-03-01', 'decided', { outcome: 'approved' })];
    expect(routeHeadlineOf(decided, [route])).toMatchObject({ next: null, final: true });
    expect(routeHeadlineOf([...treated, facts('Byrådet', '2024-03-01', 'decided', { outcome: 'postponed' })], [route]).final).toBe(false);
  });

  it('given no route, then next is the body it was last recommended to, until that body decides', () => {
    expect(routeHeadlineOf(treated, []).next).toEqual(stop('Økonomiudvalget'));
    expect(recommendedOnwardTo(treated)).toBe('Økonomiudvalget');
    const decided = [...treated, facts('Økonomiudvalget', '2024-02-21', 'decided', { outcome: 'approved' })];
    expect(recommendedOnwardTo(decided)).toBeNull();
    expect(routeHeadlineOf(decided, [])).toMatchObject({ next: null, final: true });
  });
});

describe('How long a sag has stood still', () => {
  it.each([
    ['P90D', '2024-03-04'],
    ['P2W', '2024-05-19'],
    ['P3M', '2024-03-02'],
    ['P1Y', '2023-06-02'],
  ])('given %s before 2024-06-02, then the cut-off is %s', (duration, cutoff) => {
    expect(staleCutoff('2024-06-02', duration)).toBe(cutoff);
  });

  it('given anything else, then there is no cut-off', () => {
    expect(staleCutoff('2024-06-02', '90 days')).toBeNull();
    expect(staleCutoff('2024-06-02', 'P1H')).toBeNull();
    expect(staleCutoff('2024-02-30', 'P1D')).toBeNull();
  });
});
