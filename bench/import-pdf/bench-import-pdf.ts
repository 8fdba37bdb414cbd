/**
 * bench:import-pdf — imports ≥ 200 pages of generated minutes as PDF (laid
 * out with page headers, footers and a two-column contents list) through the
 * real path (CommandBus → ImportMinutes → pdf.js text layer → parse → plan →
 * RecordTreatments → embedded store, fsync per commit) into a fresh data
 * directory, against Debian's `pdftotext` (poppler-utils) extracting the
 * same files in the same run. Rounds alternate (pdftotext, import, ...); the
 * median round's ratio is reported. Target: ratio ≥ 0.25.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ImportMinutes, type ImportResult } from '@sagsspor/import';
import { CliModule } from '../../apps/cli/src/cli.module';
import { generateCorpus } from '../import/minutes-generator';
import { minutesPdf, pdfPageCount } from './minutes-pdf';

const MIN_PAGES = Number(process.env.BENCH_PAGES ?? 240);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.25;

interface Round {
  readonly baseline: number;
  readonly value: number;
  readonly ratio: number;
}

async function main(): Promise<void> {
  requirePdftotext();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-bench-import-pdf-'));
  try {
    const { files, pages } = await writeCorpus(path.join(root, 'minutes'));
    console.log(`corpus: ${files.length} PDF documents, ${pages} pages`);
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const baselineSeconds = pdftotext(files);
      const importSeconds = await importAll(files, path.join(root, `data-${r}`));
      const round = { baseline: pages / baselineSeconds, value: pages / importSeconds, ratio: baselineSeconds / importSeconds };
      console.log(
        `round ${r + 1}: pdftotext ${round.baseline.toFixed(1)} pages/s, import ${round.value.toFixed(1)} pages/s, ratio ${round.ratio.toFixed(3)}`,
      );
      rounds.push(round);
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)] as Round;
    console.log(`target: ratio ≥ ${TARGET_RATIO} (PDF pages imported per second against pdftotext's pages extracted per second)`);
    console.log(
      JSON.stringify({
        name: 'import-pdf',
        value: round(median.value),
        unit: 'pages/s',
        baseline: round(median.baseline),
        ratio: cut(median.ratio),
        target: TARGET_RATIO,
        pages,
        documents: files.length,
      }),
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function requirePdftotext(): void {
  const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.error(
      'bench:import-pdf needs pdftotext as its baseline, and it is not installed.\n' +
        'Install it with: sudo apt-get install poppler-utils   (Debian/Ubuntu; the package is poppler-utils)',
    );
    process.exit(2);
  }
}

/** Generated minutes as PDF until there are MIN_PAGES pages; made before any timing. */
async function writeCorpus(dir: string): Promise<{ files: string[]; pages: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let pages = 0;
  for (const doc of generateCorpus({ documents: 400, bytesPerDocument: 64_000, seed: 2024 })) {
    if (pages >= MIN_PAGES) break;
    const pdf = await minutesPdf(doc.text);
    const file = path.join(dir, doc.name.replace(/\.txt$/, '.pdf'));
    fs.writeFileSync(file, pdf);
    files.push(file);
    pages += pdfPageCount(pdf);
  }
  return { files, pages };
}

/** pdftotext on every file, as a user would run it: one process per file, text to stdout. */
function pdftotext(files: readonly string[]): number {
  const started = process.hrtime.bigint();
  for (const file of files) {
    const r = spawnSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 || r.stdout.length === 0) throw new Error(`pdftotext failed on ${file}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function importAll(files: readonly string[], dataDir: string): Promise<number> {
  process.env.SAGSSPOR_DATA_DIR = dataDir;
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false });
  const bus = app.get(CommandBus);
  const context = {
    commandId: 'bench',
    correlationId: 'bench',
    causationId: 'bench',
    recordedAt: new Date().toISOString(),
    recordedBy: 'bench',
  };
  let events = 0;
  const started = process.hrtime.bigint();
  for (const file of files) {
    const document = { name: path.basename(file), bytes: fs.readFileSync(file) };
    const { summary } = await bus.execute<ImportMinutes, ImportResult>(new ImportMinutes(document, context, { kommune: 'Testrup' }));
    if (summary.failed.length) throw new Error(`import failed: ${JSON.stringify(summary.failed[0])}`);
    events += summary.eventsAppended;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await app.close();
  if (events === 0) throw new Error('the import appended nothing');
  return seconds;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
/** Cut, not rounded: a ratio just under the target is reported under it. */
const cut = (x: number) => Math.floor(x * 1000) / 1000;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
