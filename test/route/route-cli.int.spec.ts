import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { SAGER, TRAFIK_MINUTES } from './route-minutes';

describe('cli route and pipeline', () => {
  const dataDir = tempDataDir();
  const docs = tempDataDir('sagsspor-route-docs-');

  beforeAll(() => {
    ensureBuilt();
    const files = TRAFIK_MINUTES.slice(0, 3).map((m) => {
      const file = path.join(docs, m.name);
      fs.writeFileSync(file, m.text);
      return file;
    });
    const r = runCli(['import', '--create-data-dir', '--kommune', 'Søvang', '--json', ...files], dataDir);
    expect(r.code).toBe(0);
  });

  it('route --json prints where the sag is, what is next and what was planned', () => {
    const r = runCli(['route', SAGER.trafik, '--kommune', 'Søvang', '--json'], dataDir);
    expect(r.code).toBe(0);
    const route = JSON.parse(r.stdout);
    expect(route).toMatchObject({ next: { committeeKey: 'økonomiudvalget' }, decidingBody: { committeeKey: 'byrådet' }, final: false });
    const text = runCli(['route', SAGER.trafik, '--kommune', 'Søvang'], dataDir);
    expect(text.stdout).toContain('next:     Økonomiudvalget');
    expect(text.stdout).toContain('extra:    Klimaudvalget');
  });

  it('pipeline lists the sager going to a committee next, by any spelling; a bad --stale is a usage error', () => {
    const r = runCli(['pipeline', '--kommune', 'Søvang', '--committee', 'økonomiudvalg', '--json'], dataDir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).items).toEqual([
      expect.objectContaining({
        sagsnummer: SAGER.trafik,
        since: '2024-03-11',
        from: expect.objectContaining({ committeeKey: 'teknik og miljøudvalget' }),
      }),
    ]);
    expect(runCli(['pipeline', '--kommune', 'Søvang', '--committee', 'Byrådet'], dataDir).stdout).toContain('no sager waiting');
    expect(runCli(['pipeline', '--kommune', 'Søvang', '--committee', 'ØU', '--stale', 'soon'], dataDir).code).toBe(2);
  });
});
