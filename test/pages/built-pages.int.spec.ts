import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApiProcess, type ApiProcess } from '../security/support/api-process';
import { KOMMUNE, MAIN_SAG, OEKONOMI, seedPages } from './support/seed';

/**
 * The pages as `npm start` serves them: the compiled build, not the sources
 * jest runs. Parameter types reach Nest's validation through the compiler's
 * decorator metadata, which a type-only import turns into `Function` in the
 * build alone (every sag page then answered 400 while the source tests passed).
 */
let api: ApiProcess;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-built-pages-'));
  api = await startApiProcess(dataDir);
  await seedPages(api.url);
});
afterAll(async () => {
  await api?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sag = `/sag/${KOMMUNE}/${encodeURIComponent(MAIN_SAG)}`;
const committee = `/udvalg/${KOMMUNE}/${encodeURIComponent(OEKONOMI.toLocaleLowerCase('da'))}`;

describe('the built pages', () => {
  it.each([
    ['the search page', `/?kommune=${KOMMUNE}`, 'text/html'],
    ["a sag's page", sag, 'text/html'],
    ["a sag's page as of a date", `${sag}?asOf=2024-02-05`, 'text/html'],
    ["a committee's page", committee, 'text/html'],
    ["a sag's feed", `${sag}/feed.atom`, 'application/atom+xml'],
    ["a committee's feed", `${committee}/feed.atom`, 'application/atom+xml'],
    ['the sager as CSV', `/sager.csv?kommune=${KOMMUNE}`, 'text/csv'],
  ])('serves %s', async (_what, route, type) => {
    const res = await fetch(`${api.url}${route}`);
    const body = await res.text();
    expect({ status: res.status, body: res.status === 200 ? '' : body }).toEqual({ status: 200, body: '' });
    expect(res.headers.get('content-type')).toContain(type);
  });

  it('refuses a sag number the API refuses, with a readable page', async () => {
    const res = await fetch(`${api.url}/sag/${KOMMUNE}/${encodeURIComponent('x'.repeat(500))}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
