import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ImportMinutes, type ImportResult } from '@sagsspor/import';
import { NO_CUT } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@sagsspor/event-store';
import { GetSagHistory } from '@sagsspor/recording';
import { sagEventOf, type SagHistory, type SagId } from '@sagsspor/sag';
import { CliModule } from '../../apps/cli/src/cli.module';

export interface Importer {
  importText(
    name: string,
    text: string | Buffer,
    kommune?: string,
    options?: Omit<ImportMinutes['options'], 'kommune'>,
  ): Promise<ImportResult>;
  /** Every sag's history, without provenance (which differs by arrival), keyed by stream. */
  histories(): Promise<Record<string, unknown>>;
  eventCount(): Promise<number>;
  events(): Promise<RecordedEvent[]>;
  /** One sag's history as GET /sager/{k}/{n} folds it, optionally as known at a position. */
  history(sag: SagId, knownAt?: bigint): Promise<SagHistory>;
  close(): Promise<void>;
}

/** The same Nest wiring as the CLI, over the given embedded data directory. */
export async function openImporter(dataDir: string): Promise<Importer> {
  process.env.SAGSSPOR_DATA_DIR = dataDir;
  delete process.env.EVENTSTORE_URL;
  delete process.env.MONGODB_URL;
  const app: INestApplicationContext = await NestFactory.createApplicationContext(CliModule, { logger: false });
  const store = app.get<EventStore>(EVENT_STORE);
  const context = { commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };
  return {
    importText: (name, text, kommune, options = {}) =>
      app.get(CommandBus).execute(
        new ImportMinutes({ name, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') }, context, {
          ...(kommune ? { kommune } : {}),
          ...options,
        }),
      ),
    async histories() {
      const events = await store.readAll();
      const streams = new Map<string, { kommune: string; sagsnummer: string }>();
      // Sag streams only (not the imported minutes' versions).
      for (const e of events) {
        if (sagEventOf(e)) streams.set(e.streamName, { kommune: String(e.data.kommune), sagsnummer: String(e.data.sagsnummer) });
      }
      const out: Record<string, unknown> = {};
      for (const [stream, sag] of [...streams].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const h = await app.get(QueryBus).execute<GetSagHistory, SagHistory>(new GetSagHistory(sag));
        out[stream] = withoutProvenance(h);
      }
      return out;
    },
    eventCount: async () => (await store.readAll()).length,
    events: () => store.readAll(),
    history: (sag, knownAt) =>
      app
        .get(QueryBus)
        .execute<
          GetSagHistory,
          SagHistory
        >(new GetSagHistory(sag, knownAt === undefined ? NO_CUT : { asOf: null, knownAt: { kind: 'position', position: knownAt } })),
    close: () => app.close(),
  };
}

function withoutProvenance(h: SagHistory): unknown {
  const { revision: _r, ...rest } = h;
  const bare = <T extends { provenance: unknown }>({ provenance: _p, ...rest }: T) => rest;
  return { ...rest, timeline: h.timeline.map((e) => ({ ...bare(e), ...(e.versions ? { versions: e.versions.map(bare) } : {}) })) };
}

export function writeCorpus(dir: string, docs: Iterable<{ name: string; text: string }>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const d of docs) {
    const file = path.join(dir, d.name);
    fs.writeFileSync(file, d.text);
    files.push(file);
  }
  return files;
}
