/**
 * bench:import — imports a synthetic corpus of ≥ 500 minutes documents
 * (≥ 20 MB) through the real path (CommandBus → ImportMinutes → parse → plan →
 * RecordTreatments → embedded store, fsync per commit) into a fresh data
 * directory, and compares with just reading and splitting the same files.
 * Target: ≥ 5 MB/s imported.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ImportMinutes, type ImportResult } from '@sagsspor/import';
import { CliModule } from '../../apps/cli/src/cli.module';
import { generateCorpus } from './minutes-generator';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 520);
const TARGET_MB_S = 5;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-bench-import-'));
  const corpusDir = path.join(root, 'minutes');
  fs.mkdirSync(corpusDir);
  for (const doc of generateCorpus({ documents: DOCUMENTS, bytesPerDocument: 52_000, seed: 2024 })) {
    fs.writeFileSync(path.join(corpusDir, doc.name), doc.text);
  }
  const files = fs
    .readdirSync(corpusDir)
    .sort()
    .map((f) => path.join(corpusDir, f));
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const mb = bytes / 1e6;
  console.log(`corpus: ${files.length} documents, ${mb.toFixed(1)} MB`);

  const baselineSeconds = median([readAndSplit(files), readAndSplit(files), readAndSplit(files)]);
  const baseline = mb / baselineSeconds;
  console.log(`baseline (read + split into lines): ${baseline.toFixed(1)} MB/s`);

  process.env.SAGSSPOR_DATA_DIR = path.join(root, 'data');
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false });
  const bus = app.get(CommandBus);
  const context = {
    commandId: 'bench',
    correlationId: 'bench',
    causationId: 'bench',
    recordedAt: new Date().toISOString(),
    recordedBy: 'bench',
  };
  let treatments = 0;
  let events = 0;
  let warnings = 0;
  const started = process.hrtime.bigint();
  for (const file of files) {
    const document = { name: path.basename(file), bytes: fs.readFileSync(file) };
    const { summary } = await bus.execute<ImportMinutes, ImportResult>(new ImportMinutes(document, context, { kommune: 'Testrup' }));
    if (summary.failed.length) throw new Error(`import failed: ${JSON.stringify(summary.failed[0])}`);
    treatments += summary.treatments;
    events += summary.eventsAppended;
    warnings += summary.warnings.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });

  const value = mb / seconds;
  console.log(
    `import: ${seconds.toFixed(2)} s, ${value.toFixed(2)} MB/s, ${(treatments / seconds).toFixed(0)} treatments/s, ${events} events appended, ${warnings} warnings`,
  );
  console.log(`target: ≥ ${TARGET_MB_S} MB/s imported (ratio to read+split is informative)`);
  console.log(
    JSON.stringify({
      name: 'import',
      value: round(value),
      unit: 'MB/s',
      baseline: round(baseline),
      ratio: round(value / baseline),
      target: TARGET_MB_S,
      treatmentsPerSecond: Math.round(treatments / seconds),
      documents: files.length,
      megabytes: round(mb),
    }),
  );
}

function readAndSplit(files: readonly string[]): number {
  const started = process.hrtime.bigint();
  let lines = 0;
  for (const f of files) lines += fs.readFileSync(f, 'utf8').split('\n').length;
  if (lines === 0) throw new Error('empty corpus');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number) => Math.round(x * 1000) / 1000;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
