import { tempDataDir } from '../support/api-harness';
import { openImporter } from '../support/import-harness';
import { HANDLEPLAN_MINUTES, TRAFIK_MINUTES, type Minutes } from './route-minutes';

const ALL = [...TRAFIK_MINUTES, ...HANDLEPLAN_MINUTES];

/** Histories with their routes, without where each route version was read (which document arrived first is provenance). */
async function importAll(docs: readonly Minutes[]) {
  const importer = await openImporter(tempDataDir());
  for (const d of docs) await importer.importText(d.name, d.text, 'Søvang');
  const histories = await importer.histories();
  const routes = Object.fromEntries(
    Object.entries(histories).map(([stream, h]) => {
      const { sources: _s, ...route } = (h as { route: Record<string, unknown> }).route;
      return [stream, { ...(h as object), route }];
    }),
  );
  return { importer, routes };
}

describe('importing minutes with routes', () => {
  it('gives identical histories and routes in any order, and appends nothing on a re-import', async () => {
    const inOrder = await importAll(ALL);
    const reversed = await importAll([...ALL].reverse());
    const interleaved = await importAll([3, 6, 0, 5, 2, 4, 1].map((i) => ALL[i] as Minutes));
    try {
      expect(Object.keys(inOrder.routes)).toHaveLength(5);
      expect(reversed.routes).toEqual(inOrder.routes);
      expect(interleaved.routes).toEqual(inOrder.routes);
      const before = await inOrder.importer.eventCount();
      for (const d of ALL) {
        const { summary } = await inOrder.importer.importText(d.name, d.text, 'Søvang');
        expect(summary.eventsAppended).toBe(0);
        expect(summary.duplicatesSkipped).toBe(summary.treatments);
      }
      expect(await inOrder.importer.eventCount()).toBe(before);
    } finally {
      await Promise.all([inOrder, reversed, interleaved].map((r) => r.importer.close()));
    }
  });
});
