import { AppError } from '@sagsspor/kernel';
import { parseArgs, UsageError } from './args';
import { auditCommand, auditUsage } from './commands/audit';
import { historyCommand, historyUsage } from './commands/history';
import { importCommand, importUsage } from './commands/import';
import { keysCommand, keysUsage } from './commands/keys';
import { rebuildCommand, rebuildUsage } from './commands/rebuild';
import { sagerCommand, sagerUsage } from './commands/sager';
import { verifyCommand, verifyUsage } from './commands/verify';
import { EXIT, say } from './output';

type Command = { usage: string; run: (args: ReturnType<typeof parseArgs>) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  audit: { usage: auditUsage, run: auditCommand },
  history: { usage: historyUsage, run: historyCommand },
  import: { usage: importUsage, run: importCommand },
  keys: { usage: keysUsage, run: keysCommand },
  rebuild: { usage: rebuildUsage, run: rebuildCommand },
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
  'public-key',
]);

async function serveCommand(): Promise<number> {
  const { serve } = await import('../../api/src/main');
  await serve();
  return new Promise<number>(() => undefined);
}

function usage(): string {
  return ['usage: npm run -s cli -- <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
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
