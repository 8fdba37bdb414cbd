import * as fs from 'node:fs';
import { loadConfig } from '@sagsspor/config';
import { AppError } from '@sagsspor/kernel';
import { parseArgs, UsageError } from './args';
import { auditCommand, auditUsage } from './commands/audit';
import { committeesCommand, committeesUsage } from './commands/committees';
import { historyCommand, historyUsage } from './commands/history';
import { importCommand, importUsage } from './commands/import';
import { keysCommand, keysUsage } from './commands/keys';
import { rebuildCommand, rebuildUsage } from './commands/rebuild';
import { pipelineCommand, pipelineUsage, routeCommand, routeUsage } from './commands/route';
import { sagerCommand, sagerUsage } from './commands/sager';
import { verifyCommand, verifyUsage } from './commands/verify';
import { EXIT, say } from './output';

type Command = { usage: string; run: (args: ReturnType<typeof parseArgs>) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  audit: { usage: auditUsage, run: auditCommand },
  committees: { usage: committeesUsage, run: committeesCommand },
  history: { usage: historyUsage, run: historyCommand },
  import: { usage: importUsage, run: importCommand },
  keys: { usage: keysUsage, run: keysCommand },
  pipeline: { usage: pipelineUsage, run: pipelineCommand },
  rebuild: { usage: rebuildUsage, run: rebuildCommand },
  route: { usage: routeUsage, run: routeCommand },
  sager: { usage: sagerUsage, run: sagerCommand },
  serve: { usage: 'serve   (the same as npm start)', run: serveCommand },
  verify: { usage: verifyUsage, run: verifyCommand },
};

const VALUE_FLAGS = new Set([
  'kommune',
  'committee',
  'status',
  'from',
  'to',
  'as-of',
  'known-at',
  'role',
  'name',
  'limit',
  'q',
  'cursor',
  'against',
  'replaces',
  'public-key',
  'stale',
  'alias',
  'into',
  'reason',
]);

async function serveCommand(): Promise<number> {
  const { serve } = await import('../../api/src/main');
  await serve();
  return new Promise<number>(() => undefined);
}

const CREATE_DATA_DIR = 'create-data-dir';

/**
 * A mistyped SAGSSPOR_DATA_DIR must not become an empty store that reports
 * "ok": a missing data directory is created only when asked (the server
 * creates it on its first start).
 */
function ensureDataDir(create: boolean): void {
  const { dataDir } = loadConfig();
  if (fs.existsSync(dataDir)) {
    if (!fs.statSync(dataDir).isDirectory()) throw new Error(`the data directory ${dataDir} (SAGSSPOR_DATA_DIR) is not a directory`);
    return;
  }
  if (!create) {
    throw new Error(
      `the data directory ${dataDir} (SAGSSPOR_DATA_DIR) does not exist; check the path, ` +
        `or pass --${CREATE_DATA_DIR} to start an empty one there`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
}

function usage(): string {
  return [
    'usage: npm run -s cli -- <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    `  --${CREATE_DATA_DIR}   create SAGSSPOR_DATA_DIR when it does not exist (any command)`,
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv, VALUE_FLAGS);
    if (!args.command || args.command === 'help' || args.command === '--help') {
      say(usage());
      return args.command ? EXIT.ok : EXIT.usage;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"\n${usage()}`);
    if (args.command !== 'serve') ensureDataDir(args.flags.has(CREATE_DATA_DIR));
    args.flags.delete(CREATE_DATA_DIR);
    return await command.run(args);
  } catch (error: unknown) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof AppError) {
    say(`${error.title}: ${error.detail} [${error.code}]`);
    return error.kind === 'not-found' ? EXIT.notFound : EXIT.failed;
  }
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failed;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
