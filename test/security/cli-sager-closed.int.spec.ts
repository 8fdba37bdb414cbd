import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';

const MINUTES = `REFERAT Økonomiudvalget - 2022-2025 d. 04-03-2024

Mødedato Mandag d. 04. marts 2024 kl. 15:00

Punkt 4: Salg af grunden ved Hovedgaden

24-000555

Lukket punkt

Beslutning

Godkendt.

Punkt 5: Ny cykelsti

24-000556

Beslutning

Godkendt.
`;

describe('cli sager and closed items', () => {
  const data = tempDataDir();
  beforeAll(() => {
    ensureBuilt();
    const file = path.join(tempDataDir('sagsspor-closed-'), 'ou.txt');
    fs.writeFileSync(file, MINUTES);
    expect(runCli(['import', '--kommune', 'Testrup', file], data).code).toBe(0);
  });

  const sager = (...extra: string[]) => {
    const r = runCli(['sager', '--kommune', 'Testrup', '--json', ...extra], data);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { items: { sagsnummer: string; title: string | null; access: string }[] };
  };

  it('shows a closed sag redacted, unless --include-closed', () => {
    const closed = sager().items.find((s) => s.sagsnummer === '24-000555');
    expect(closed).toMatchObject({ access: 'closed' });
    expect(JSON.stringify(sager())).not.toContain('Hovedgaden');
    expect(sager('--include-closed').items.find((s) => s.sagsnummer === '24-000555')?.title).toContain('Hovedgaden');
  });

  it('does not let --q find a closed sag by its hidden title', () => {
    expect(sager('--q', 'Hovedgaden').items).toEqual([]);
    expect(sager('--q', 'Hovedgaden', '--include-closed').items).toHaveLength(1);
    expect(sager('--q', 'cykelsti').items).toHaveLength(1);
  });
});
