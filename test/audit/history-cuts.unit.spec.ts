import 'reflect-metadata';
import { parseCut } from '@sagsspor/audit';
import { InMemoryEventStore } from '@sagsspor/event-store';
import { GetSagHistory, GetSagHistoryHandler } from '@sagsspor/recording';
import { DOC_JAI, DOC_SSAE, FULL, LEJRE, rows, seed } from './support/seed';

/** The cuts over a sag recorded through the real command handler, on the in-memory store. */
describe('GetSagHistory at a cut', () => {
  const store = new InMemoryEventStore();
  const handler = new GetSagHistoryHandler(store);
  const at = (cut: { asOf?: string; knownAt?: string }) => handler.execute(new GetSagHistory(LEJRE, parseCut(cut)));

  beforeAll(() => seed(store));

  it('uncut: every treatment, the social recommendation from its own minutes', async () => {
    const h = await at({});
    expect(rows(h)).toEqual(FULL);
    expect(h).toMatchObject({ revision: 6, asOf: null, knownAt: null });
    expect(h.timeline[1]?.provenance).toMatchObject({
      revision: 6,
      position: '8',
      recordedAt: '2024-02-26T13:45:00.000Z',
      recordedBy: 'import',
      source: DOC_SSAE,
    });
  });

  it('known by the end of the JAI import day: the reference, not the later superseding record', async () => {
    const h = await at({ knownAt: '2024-02-08T23:59:59+01:00' });
    expect(rows(h)).toEqual([
      '2024-02-05 social proposed r0',
      '2024-02-05 social recommended r3',
      '2024-02-07 job proposed r1',
      '2024-02-07 job recommended r2',
    ]);
    expect(h.timeline[1]).toMatchObject({
      item: null,
      evidence: 'reference',
      text: 'Anbefales',
      provenance: { position: '4', source: DOC_JAI },
    });
    expect(h.revision).toBe(3);
  });

  it('refuses a sag with nothing by then with its own not-found code', async () => {
    await expect(at({ asOf: '2024-01-31' })).rejects.toMatchObject({ code: 'sag.not-found-at-cut', kind: 'not-found' });
    await expect(
      handler.execute(new GetSagHistory({ kommune: 'Lejre', sagsnummer: 'nope' }, parseCut({ asOf: '2024-12-31' }))),
    ).rejects.toMatchObject({
      code: 'sag.not-found',
    });
  });
});
