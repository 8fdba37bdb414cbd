import { Checkpointer, checkpointOptionsFromEnv, signingKeyFromEnv, type Checkpoint } from '@sagsspor/audit';
import { loadConfig } from '@sagsspor/config';
import { openCheckpointStore, type EventStore } from '@sagsspor/event-store';
import { EVENT_STORE } from '@sagsspor/recording';
import { checkFlags, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { EXIT, printJson, say } from '../output';

export const auditUsage = 'audit checkpoint [--json]   (checkpoint the log as it is now and print it: save it for verify --against)';

export async function auditCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['json']);
  const [sub, ...rest] = args.positionals;
  if (sub !== 'checkpoint' || rest.length) throw new UsageError(`usage: ${auditUsage}`);
  const checkpoint = await withApp((app) => checkpointNow(app.get<EventStore>(EVENT_STORE)));
  if (!checkpoint) {
    say('The log is empty: there is nothing to checkpoint yet.');
    return EXIT.notFound;
  }
  if (args.flags.has('json')) printJson(checkpoint);
  else process.stdout.write(renderCheckpoint(checkpoint));
  return EXIT.ok;
}

/** Catches the checkpoints up with the log (as a running server would) and answers the newest, which covers the head. */
async function checkpointNow(events: EventStore): Promise<Checkpoint | null> {
  const store = openCheckpointStore(loadConfig());
  try {
    return await new Checkpointer(events, store, signingKeyFromEnv(), checkpointOptionsFromEnv()).catchUp();
  } finally {
    await store.close();
  }
}

function renderCheckpoint(c: Checkpoint): string {
  const signed = c.keyId ? `signed by key ${c.keyId}` : 'unsigned (SAGSSPOR_AUDIT_SIGNING_KEY_FILE is not set)';
  return `checkpoint: ${c.count} events through position ${c.position}, root ${c.root}, ${signed}\n`;
}
