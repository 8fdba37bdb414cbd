import { buildHistory, headlineOf, searchTextsOf, type SagEvent, type TreatmentInput } from '@sagsspor/sag';
import { oekonomi, proposed, social } from './fixtures';

const recordedAs = (events: SagEvent[]) =>
  events.map((event, revision) => ({
    event,
    provenance: {
      eventId: `e${revision}`,
      revision,
      position: String(revision),
      recordedAt: '2024-03-01T00:00:00Z',
      recordedBy: 'test',
      source: null,
    },
  }));

const secondItem: TreatmentInput = { ...social, item: 5 };

describe("a sag's title and what search finds it by", () => {
  it('given proposals in three committees, when the history is read, then the title is the first direct proposal’s, not the latest', () => {
    const history = buildHistory(
      recordedAs([
        proposed(social, { title: 'Kvartalsplaner 2024', proposal: 'at planen anbefales' }),
        proposed(oekonomi, { title: 'Status på kvartalsplaner, 1. kvartal', proposal: 'at planen godkendes' }),
      ]),
    );
    expect(history?.title).toBe('Kvartalsplaner 2024');
  });

  it('given a referenced proposal before a direct one, when the headline is made, then the direct proposal titles the sag', () => {
    const headline = headlineOf([
      { step: 'proposed', title: 'Som nævnt i referencen', access: 'open', outcome: null, evidence: 'reference' },
      { step: 'proposed', title: 'Fra udvalgets egen dagsorden', access: 'open', outcome: null, evidence: 'direct' },
      { step: 'proposed', title: 'Senere titel', access: 'closed', outcome: null, evidence: 'direct' },
    ]);
    expect(headline).toEqual({ title: 'Fra udvalgets egen dagsorden', status: 'proposed', access: 'closed' });
  });

  it('given a closed first proposal and an open later one, when the headline is made, then it is closed: its title is the closed item’s', () => {
    const headline = headlineOf([
      { step: 'proposed', title: 'Køb af ejendom', access: 'closed', outcome: null, evidence: 'direct' },
      { step: 'proposed', title: 'Offentlig orientering', access: 'open', outcome: null, evidence: 'direct' },
    ]);
    expect(headline).toEqual({ title: 'Køb af ejendom', status: 'proposed', access: 'closed' });
  });

  it('given two items of one meeting under one sag number, when the history is read, then the first item keeps titling the sag', () => {
    const events = [
      proposed(social, { title: 'Budget for ældreområdet', proposal: 'at budgettet godkendes' }),
      proposed(secondItem, { title: 'Takster for madservice', proposal: 'at taksterne godkendes' }),
    ];
    const history = buildHistory(recordedAs(events));
    expect(history?.title).toBe('Budget for ældreområdet');
  });

  it('given two items under one sag number, when its search text is made, then both item titles find it', () => {
    const texts = searchTextsOf('23-002657', [
      { step: 'proposed', title: 'Budget for ældreområdet', access: 'open' },
      { step: 'decided', title: 'Budget for ældreområdet', access: 'open' },
      { step: 'proposed', title: 'Takster for madservice', access: 'open' },
    ]);
    expect(texts.open.split('\n')).toEqual(['23-002657', 'budget for ældreområdet', 'takster for madservice']);
    expect(texts.all).toBe(texts.open);
  });

  it('given a closed item beside an open one, when its search text is made, then the closed title is searchable only with closed access', () => {
    const texts = searchTextsOf('24-1', [
      { step: 'proposed', title: 'Orientering om ejendomme', access: 'open' },
      { step: 'proposed', title: 'Køb af Hovedgaden 4', access: 'closed' },
    ]);
    expect(texts.open).not.toContain('hovedgaden');
    expect(texts.open).toContain('orientering om ejendomme');
    expect(texts.all).toContain('køb af hovedgaden 4');
  });
});
