import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { generateCorpus } from '../../bench/import/minutes-generator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';

// Documents of committees that have sager on their agenda (the first meetings of ØU and Byrådet have none).
const withSager = [...generateCorpus({ documents: 12, bytesPerDocument: 4000, seed: 99 })].filter(
  (d) => (d.text.match(/^Punkt \d+:/gm) ?? []).length > 2,
);
const [good, second] = withSager as [{ name: string; text: string }, { name: string; text: string }];

describe('CLI import', () => {
  beforeAll(() => ensureBuilt());

  it('imports the good files, names each bad file and line, and exits non-zero', () => {
    const dir = tempDataDir('sagsspor-mixed-');
    fs.writeFileSync(path.join(dir, 'a-good.txt'), good.text);
    fs.writeFileSync(path.join(dir, 'b-scan.pdf'), Buffer.from('%PDF-1.7\n\u0000\u0001\u0002binary'));
    fs.writeFileSync(path.join(dir, 'c-empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'd-notes.txt'), 'Indkøbsliste\n\nMælk, brød og ost.\n');
    fs.writeFileSync(path.join(dir, 'e-cp1252.txt'), iconv.encode(second.text.replace(/\n/g, '\r\n'), 'win1252'));
    const data = tempDataDir();
    const r = runCli(['import', '--kommune', 'Testrup', '--json', dir], data);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.documents).toBe(2);
    expect(summary.eventsAppended).toBeGreaterThan(0);
    expect(summary.failed.map((f: { document: string }) => f.document)).toEqual(['b-scan.pdf', 'c-empty.txt', 'd-notes.txt']);
    expect(r.stderr).toMatch(/b-scan\.pdf:1: The PDF cannot be read .*\[import\.pdf-broken\]/);
    expect(r.stderr).toMatch(/d-notes\.txt:\d+: /);
    const sagsnummer = /^\d{2}-\d{6}$/m.exec(good.text)?.[0] ?? /Sagsnr\.: (\S+)/.exec(good.text)?.[1];
    const history = runCli(['history', sagsnummer as string, '--kommune', 'Testrup', '--json'], data);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout).timeline.length).toBeGreaterThan(0);
  });

  it('--dry-run prints the parsed documents and writes nothing', () => {
    const dir = tempDataDir('sagsspor-dry-');
    fs.writeFileSync(path.join(dir, 'good.txt'), good.text);
    const data = tempDataDir();
    const r = runCli(['import', '--kommune', 'Testrup', '--dry-run', '--json', dir], data);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      document: expect.stringContaining('good.txt'),
      committee: { name: expect.any(String) },
      meeting: { date: expect.any(String) },
    });
    expect(doc.items.length).toBeGreaterThan(1);
    expect(runCli(['verify', '--json'], data).stdout).toContain('"events": 0');
  });

  it('a second import of the same file appends nothing', () => {
    const dir = tempDataDir('sagsspor-twice-');
    fs.writeFileSync(path.join(dir, 'good.txt'), good.text);
    const data = tempDataDir();
    const first = JSON.parse(runCli(['import', '--kommune', 'Testrup', '--json', dir], data).stdout);
    const again = JSON.parse(runCli(['import', '--kommune', 'Testrup', '--json', dir], data).stdout);
    expect(first.eventsAppended).toBeGreaterThan(0);
    expect(again).toMatchObject({ eventsAppended: 0, duplicatesSkipped: first.treatments, treatments: first.treatments });
  });
});

describe('POST /imports', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.stop();
  });
  const post = (body: string | Buffer, query = '?kommune=Testrup', type = 'text/plain; charset=utf-8') =>
    http(`${api.url}/imports${query}`, { method: 'POST', rawBody: body, headers: { 'content-type': type } });

  it('imports text/plain minutes and answers the summary', async () => {
    const res = await post(good.text);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ documents: 1, meetings: 1, eventsAppended: expect.any(Number), duplicatesSkipped: 0, warnings: [] });
    const again = await post(good.text);
    expect(again.body).toMatchObject({ eventsAppended: 0, duplicatesSkipped: res.body.treatments });
  });

  it('refuses text that is not minutes with 400 problem+json and records nothing', async () => {
    const res = await post('Dette er ikke et referat.\nBare noter.\n');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toMatch(/^referat\./);
    const binary = await post(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expect(binary.status).toBe(400);
  });

  it('refuses a body over 5 MB with 413', async () => {
    const res = await post('x'.repeat(5_300_000));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('request.too-large');
  });

  it('refuses JSON where minutes text belongs', async () => {
    const res = await post(JSON.stringify({ text: good.text }), '?kommune=Testrup', 'application/json');
    expect(res.status).toBe(400);
  });

  it('refuses an operator where the kommune belongs', async () => {
    const res = await post(good.text, '?kommune[$gt]=');
    expect(res.status).toBe(400);
  });
});
