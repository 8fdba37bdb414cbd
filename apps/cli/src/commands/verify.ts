import fs from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import {
  InvalidCheckpointError,
  parseCheckpoint,
  publicKeyInfo,
  signingKeyFromEnv,
  verifyAgainst,
  type AgainstReport,
  type Checkpoint,
  type PublicKeyInfo,
  type VerifyReport,
} from '@sagsspor/audit';
import { loadConfig } from '@sagsspor/config';
import { openCheckpointStore, type EventStore } from '@sagsspor/event-store';
import { EVENT_STORE, VerifyAuditLog } from '@sagsspor/recording';
import { checkFlags, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { EXIT, printJson } from '../output';

export const verifyUsage =
  "verify [--against <saved checkpoint.json> [--public-key <pem>]] [--json]   (check every stream's hash chain, and that the log extends the checkpoint; exit 1 when not)";

type Report = VerifyReport & { against?: AgainstReport };

export async function verifyCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['json', 'against', 'public-key']);
  if (args.positionals.length) throw new UsageError(`usage: ${verifyUsage}`);
  const againstFile = args.flags.get('against');
  if (args.flags.get('public-key') !== undefined && againstFile === undefined) throw new UsageError('--public-key goes with --against');
  const saved = typeof againstFile === 'string' ? readCheckpoint(againstFile) : null;
  const trusted = trustedKeys(args.flags.get('public-key'));
  const report = await withApp(async (app): Promise<Report> => {
    const chains = await app.get(QueryBus).execute<VerifyAuditLog, VerifyReport>(new VerifyAuditLog());
    if (!saved) return chains;
    const against = await checkAgainst(app.get<EventStore>(EVENT_STORE), saved, trusted);
    return { ...chains, ok: chains.ok && against.ok, against };
  });
  if (args.flags.has('json')) printJson(report);
  else process.stdout.write(renderReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

function readCheckpoint(file: string): Checkpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the checkpoint ${file}: ${(error as Error).message}`);
  }
  try {
    return parseCheckpoint(JSON.parse(text));
  } catch (error) {
    if (error instanceof InvalidCheckpointError) throw error;
    throw new InvalidCheckpointError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** The log's own key (from SAGSSPOR_AUDIT_SIGNING_KEY_FILE) and/or a public key given as GET /audit/keys serves it. */
function trustedKeys(publicKeyFile: string | true | undefined): PublicKeyInfo[] {
  const keys: PublicKeyInfo[] = [];
  const own = signingKeyFromEnv();
  if (own) keys.push(own.publicKey);
  if (typeof publicKeyFile === 'string') {
    try {
      keys.push(publicKeyInfo(createPublicKey(fs.readFileSync(publicKeyFile))));
    } catch (error) {
      throw new UsageError(`--public-key ${publicKeyFile} is not an Ed25519 public key: ${(error as Error).message}`);
    }
  }
  return keys;
}

async function checkAgainst(events: EventStore, saved: Checkpoint, trusted: readonly PublicKeyInfo[]): Promise<AgainstReport> {
  const store = openCheckpointStore(loadConfig());
  try {
    return await verifyAgainst(events, store, saved, { trustedKeys: trusted });
  } finally {
    await store.close();
  }
}

function renderReport(r: Report): string {
  const summary = `${r.ok ? 'ok' : 'BROKEN'}: ${r.events} events in ${r.streams} streams, through position ${r.headPosition}\n`;
  const more = r.brokenCount > r.broken.length ? [`... and ${r.brokenCount - r.broken.length} more`] : [];
  const lines = [...r.broken.map((b) => `  ${b.stream} revision ${b.revision}: ${b.reason} — ${b.detail}`), ...more];
  if (r.against) lines.push(...renderAgainst(r.against));
  return summary + lines.map((l) => `${l}\n`).join('');
}

function renderAgainst(a: AgainstReport): string[] {
  const c = a.checkpoint;
  const head = `checkpoint of ${c.count} events through position ${c.position} (${c.signatureStatus === 'valid' ? `signature valid, key ${c.keyId}` : 'unsigned'}):`;
  const verdict = a.ok ? `${head} the log extends it` : `${head} the log does NOT extend it`;
  const more = a.findingCount > a.findings.length ? [`  ... and ${a.findingCount - a.findings.length} more`] : [];
  return [verdict, ...a.findings.map((f) => `  ${f.kind}${f.position === null ? '' : ` at position ${f.position}`}: ${f.detail}`), ...more];
}
