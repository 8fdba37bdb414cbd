import { committeeKey, isFinalDecision, type Outcome, type Route, type RouteTreatment } from '@sagsspor/sag';

const stop = (committee: string) => ({ committee, committeeKey: committeeKey(committee) });
const at = (committee: string, date: string, kind: RouteTreatment['kind'], extra: Partial<RouteTreatment> = {}): RouteTreatment => ({
  committee,
  date,
  item: 1,
  kind,
  ...extra,
});
const decided = (committee: string, date: string, outcome: Outcome) => at(committee, date, 'decided', { outcome });

describe('Whether a decision settles the sag (the decided CloudEvent’s final)', () => {
  const route: Route = { via: [stop('Økonomiudvalget')], decidingBodies: [stop('Byrådet')] };
  const treatments = [
    at('Økonomiudvalget', '2024-03-20', 'proposed'),
    at('Økonomiudvalget', '2024-03-20', 'recommended', { recommendedTo: 'Byrådet' }),
    decided('Byrådet', '2024-03-27', 'postponed'),
    decided('Byrådet', '2024-04-24', 'approved'),
  ];

  describe('given a route whose deciding body is Byrådet', () => {
    it('when Byrådet approves, then the decision is final', () => {
      expect(isFinalDecision(treatments, route, decided('Byrådet', '2024-04-24', 'approved'))).toBe(true);
    });

    it('when Byrådet postpones, then it is not', () => {
      expect(isFinalDecision(treatments, route, decided('Byrådet', '2024-03-27', 'postponed'))).toBe(false);
    });

    it('when a committee on the way decides, then it is not', () => {
      expect(isFinalDecision(treatments, route, decided('Økonomiudvalget', '2024-03-20', 'approved'))).toBe(false);
    });
  });

  describe('given no route', () => {
    it('when the body last recommended to before the decision approves, then it is final', () => {
      expect(isFinalDecision(treatments, null, decided('Byrådet', '2024-04-24', 'approved'))).toBe(true);
    });

    it('when nothing was recommended before it, then a decision cannot be known final', () => {
      const alone = [decided('Byrådet', '2024-04-24', 'approved')];
      expect(isFinalDecision(alone, null, decided('Byrådet', '2024-04-24', 'approved'))).toBe(false);
    });

    it('when a recommendation to another body comes only after the decision, then it does not count', () => {
      const later = [
        decided('Social- og Sundhedsudvalget', '2024-01-10', 'noted'),
        at('Social- og Sundhedsudvalget', '2024-02-10', 'recommended', { recommendedTo: 'Byrådet' }),
      ];
      expect(isFinalDecision(later, null, decided('Social- og Sundhedsudvalget', '2024-01-10', 'noted'))).toBe(false);
    });
  });

  describe('given a printed committee name that folds to the deciding body’s key', () => {
    it('when "byrådet" (lower-case, with a period) approves, then it is final', () => {
      expect(isFinalDecision(treatments, route, decided('byrådet - 2022-2025', '2024-04-24', 'approved'))).toBe(true);
    });
  });
});
