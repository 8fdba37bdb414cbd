import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { minutesPdf } from '../../bench/import-pdf/minutes-pdf';
import { http, tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { startApiProcess, type ApiProcess } from '../security/support/api-process';

const FIXTURES = path.join(__dirname, '..', '..', 'libs', 'referat', 'test', 'fixtures');
const minutesFixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && f !== 'prose.txt');
const votesText = fs.readFileSync(path.join(FIXTURES, 'votes-and-context.txt'), 'utf8');

/** Line numbers differ between a text file and a PDF's text layer, and so do line breaks inside a paragraph. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'line')
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
}

function imageOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(60, 60, 400, 600).fill('#777777');
  doc.addPage().circle(200, 200, 80).fill('#333333');
  doc.end();
  return done;
}

describe('given minutes we wrote, as text and as PDF with page headers, footers and a two-column contents list', () => {
  const dir = tempDataDir('sagsspor-pdf-fixtures-');
  beforeAll(async () => {
    ensureBuilt();
    for (const f of minutesFixtures) {
      const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
      fs.writeFileSync(path.join(dir, f), text);
      fs.writeFileSync(path.join(dir, f.replace(/\.txt$/, '.pdf')), await minutesPdf(text));
    }
  });

  it('when both are parsed, then every fixture gives the same items and warnings', () => {
    const r = runCli(['import', '--kommune', 'Søvang', '--dry-run', '--json', dir], tempDataDir());
    expect(r.stderr).toBe('');
    const docs = JSON.parse(r.stdout) as { document: string; items: unknown[]; warnings: { message: string }[] }[];
    const byName = new Map(docs.map((d) => [path.basename(d.document), d]));
    expect(byName.size).toBe(minutesFixtures.length * 2);
    for (const f of minutesFixtures) {
      const text = byName.get(f);
      const pdf = byName.get(f.replace(/\.txt$/, '.pdf'));
      expect(text?.items.length).toBeGreaterThan(0);
      expect({ fixture: f, items: comparable(pdf?.items) }).toEqual({ fixture: f, items: comparable(text?.items) });
      expect(pdf?.warnings.map((w) => w.message)).toEqual(text?.warnings.map((w) => w.message));
    }
  });
});

describe('given a folder with a good PDF and encrypted, image-only and broken ones', () => {
  const dir = tempDataDir('sagsspor-pdf-mixed-');
  const data = tempDataDir();
  beforeAll(async () => {
    ensureBuilt();
    fs.writeFileSync(path.join(dir, 'a-good.pdf'), await minutesPdf(votesText));
    fs.writeFileSync(path.join(dir, 'b-encrypted.pdf'), await minutesPdf(votesText, { password: 'hemmelig' }));
    fs.writeFileSync(path.join(dir, 'c-scan.pdf'), await imageOnlyPdf());
    const good = fs.readFileSync(path.join(dir, 'a-good.pdf'));
    fs.writeFileSync(path.join(dir, 'd-broken.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x07)]));
    expect(good.length).toBeGreaterThan(1000);
  });

  it('when imported, then each bad file fails with its own code, nothing of it is appended, and the good one is imported', () => {
    const r = runCli(['import', '--json', dir], data);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.documents).toBe(1);
    expect(summary.eventsAppended).toBeGreaterThan(0);
    expect(summary.failed.map((f: { document: string; code: string }) => [f.document, f.code])).toEqual([
      ['b-encrypted.pdf', 'import.pdf-encrypted'],
      ['c-scan.pdf', 'import.pdf-no-text'],
      ['d-broken.pdf', 'import.pdf-broken'],
    ]);
    expect(r.stderr).toMatch(/c-scan\.pdf:1: The PDF has no text layer/);
    const verify = JSON.parse(runCli(['verify', '--json'], data).stdout);
    expect(verify.events).toBe(summary.eventsAppended);
  });

  it('when the good PDF is imported again, then nothing is appended', () => {
    const again = JSON.parse(runCli(['import', '--json', path.join(dir, 'a-good.pdf')], data).stdout);
    expect(again).toMatchObject({ documents: 1, eventsAppended: 0 });
  });

  it('then the history keeps votes, absences, each item title and the source as the PDF name and its sha256', () => {
    const h = JSON.parse(runCli(['history', '24-003104', '--kommune', 'Søvang', '--json'], data).stdout);
    const recommended = h.timeline.find((e: { kind: string }) => e.kind === 'recommended');
    expect(recommended).toMatchObject({
      item: 4,
      text: 'Anbefales af et flertal bestående af V, B og A. (O) stemte imod.',
      votes: { for: ['V', 'B', 'A'], against: ['O'], abstained: [], notTakingPart: [] },
      absent: ['Jens Olsen'],
    });
    expect(recommended.provenance.source).toEqual({
      kind: 'import',
      document: 'a-good.pdf',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const titles = h.timeline.filter((e: { kind: string }) => e.kind === 'proposed').map((e: { title: string }) => e.title);
    expect(titles).toEqual(['BI - Budget 2025 for beskæftigelse', 'BI - Budget 2025, tillæg om kontanthjælp']);
    expect(h.quality).toEqual([
      {
        treatmentEventId: expect.any(String),
        document: 'a-good.pdf',
        line: expect.any(Number),
        message: 'item 7 has the same sag number (24-003104) as item 4: two treatments of one sag in this meeting',
        access: 'open',
      },
    ]);
    const decided7 = h.timeline.find((e: { kind: string; item: number }) => e.kind === 'decided' && e.item === 7);
    expect(h.quality[0].treatmentEventId).toBe(decided7.provenance.eventId);
  });
});

describe('POST /imports with Content-Type: application/pdf', () => {
  let api: ApiProcess;
  beforeAll(async () => {
    ensureBuilt();
    api = await startApiProcess(tempDataDir());
  });
  afterAll(async () => {
    await api.kill('SIGTERM');
  });
  const post = (body: Buffer, query = '?kommune=Søvang') =>
    http(`${api.url}/imports${query}`, { method: 'POST', rawBody: body, headers: { 'content-type': 'application/pdf' } });

  it('imports the PDF, and GET /sager answers the data-quality notes', async () => {
    const res = await post(await minutesPdf(votesText), '?kommune=Søvang&name=bi-2024-04-10.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ documents: 1, items: 8, failed: [] });
    const sag = await http(`${api.url}/sager/S%C3%B8vang/24-003104`);
    expect(sag.status).toBe(200);
    expect(sag.body.quality).toEqual([expect.objectContaining({ document: 'bi-2024-04-10.pdf', treatmentEventId: expect.any(String) })]);
  });

  it('refuses an image-only PDF with import.pdf-no-text and records nothing', async () => {
    const res = await post(await imageOnlyPdf());
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('import.pdf-no-text');
  });

  it('refuses a PDF over 20 MB with 413', async () => {
    const res = await post(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]));
    expect(res.status).toBe(413);
  });
});
