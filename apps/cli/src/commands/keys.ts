import { loadConfig } from '@sagsspor/config';
import { ApiKeyStore, isRole, ROLES, type ApiKeyRecord } from '@sagsspor/access';
import { checkFlags, requireFlag, UsageError, type ParsedArgs } from '../args';
import { EXIT, printJson, say } from '../output';

export const keysUsage = `keys create --role <${ROLES.join('|')}> --name <who> [--json] | keys list [--json] | keys revoke <id>`;

/**
 * API keys in <SAGSSPOR_DATA_DIR>/access.sqlite. A created key is printed
 * once (stdout) and only its SHA-256 is kept; a running API notices a
 * revocation within a fraction of a second.
 */
export async function keysCommand(args: ParsedArgs): Promise<number> {
  const [action, ...rest] = args.positionals;
  const store = new ApiKeyStore(loadConfig().dataDir);
  try {
    switch (action) {
      case 'create':
        return create(args, rest, store);
      case 'list':
        return list(args, rest, store);
      case 'revoke':
        return revoke(args, rest, store);
      default:
        throw new UsageError(`usage: ${keysUsage}`);
    }
  } finally {
    store.close();
  }
}

function create(args: ParsedArgs, rest: string[], store: ApiKeyStore): number {
  checkFlags(args, ['role', 'name', 'json']);
  if (rest.length) throw new UsageError(`usage: ${keysUsage}`);
  const role = requireFlag(args, 'role');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const name = requireFlag(args, 'name').trim();
  // eslint-disable-next-line no-control-regex -- a name with control characters would garble every listing and log
  if (name.length > 200 || /[\u0000-\u001F\u007F]/.test(name))
    throw new UsageError('--name must be at most 200 characters, without control characters');
  const created = store.create(name, role);
  if (args.flags.has('json')) printJson(created);
  else {
    process.stdout.write(`${created.key}\n`);
    say(`Created key ${created.id} for ${created.name} (${created.role}). It is shown this once; keep it secret.`);
  }
  return EXIT.ok;
}

function list(args: ParsedArgs, rest: string[], store: ApiKeyStore): number {
  checkFlags(args, ['json']);
  if (rest.length) throw new UsageError(`usage: ${keysUsage}`);
  const keys = store.list();
  if (args.flags.has('json')) printJson({ items: keys });
  else process.stdout.write(keys.map(render).join(''));
  return EXIT.ok;
}

function revoke(args: ParsedArgs, rest: string[], store: ApiKeyStore): number {
  checkFlags(args, ['json']);
  const [id, ...extra] = rest;
  if (!id || extra.length) throw new UsageError(`usage: ${keysUsage}`);
  const found = store.find(id);
  if (!found) {
    say(`No API key ${id}.`);
    return EXIT.notFound;
  }
  const changed = store.revoke(id);
  say(changed ? `Revoked key ${id} (${found.name}).` : `Key ${id} was already revoked.`);
  return EXIT.ok;
}

const render = (k: ApiKeyRecord): string =>
  `${k.id}  ${k.role.padEnd(7)}  ${k.createdAt}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'.padEnd(32)}  ${k.name}\n`;
