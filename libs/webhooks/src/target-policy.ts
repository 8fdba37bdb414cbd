import dns from 'node:dns';
import net from 'node:net';

/**
 * Where webhooks may be delivered. Internal services are the users, so
 * private networks are allowed; what a webhook must never reach is the
 * machine itself and what only the machine should reach: loopback,
 * link-local (the cloud metadata address 169.254.169.254 among them),
 * unspecified, multicast and broadcast addresses. Settings widen
 * (SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS) or narrow (…_DENIED_NETWORKS) it;
 * a denied network wins over an allowed one.
 */
export interface TargetPolicy {
  /** Why this address may not be a webhook target; null when it may. */
  refusal(address: string): string | null;
}

const ALWAYS_REFUSED: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['fd00:ec2::254', 128, 'cloud metadata'],
];

export class NetworkTargetPolicy implements TargetPolicy {
  private readonly defaults: Array<[net.BlockList, string]>;
  private readonly allowed: net.BlockList;
  private readonly denied: net.BlockList;

  constructor(settings: { allowed?: readonly string[]; denied?: readonly string[] } = {}) {
    this.defaults = ALWAYS_REFUSED.map(([address, prefix, why]) => [subnet(address, prefix), why]);
    this.allowed = blockList(settings.allowed ?? [], 'SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS');
    this.denied = blockList(settings.denied ?? [], 'SAGSSPOR_WEBHOOK_DENIED_NETWORKS');
  }

  refusal(raw: string): string | null {
    const address = plainAddress(raw);
    const family = net.isIP(address);
    if (family === 0) return `${raw} is not an IP address`;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.denied.check(address, type)) return `${address} is in a network denied by SAGSSPOR_WEBHOOK_DENIED_NETWORKS`;
    if (this.allowed.check(address, type)) return null;
    const hit = this.defaults.find(([list]) => list.check(address, type));
    return hit ? `${address} is a ${hit[1]} address` : null;
  }
}

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1, ::ffff:7f00:1) is the IPv4 address it maps. */
function plainAddress(raw: string): string {
  const address = raw.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(address)?.[1];
  if (mapped === undefined || net.isIP(address) !== 6) return address;
  if (net.isIPv4(mapped)) return mapped;
  const words = mapped.split(':');
  if (words.length !== 2) return address;
  const [hi, lo] = words.map((w) => parseInt(w, 16)) as [number, number];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

function subnet(address: string, prefix: number): net.BlockList {
  const list = new net.BlockList();
  list.addSubnet(address, prefix, net.isIPv4(address) ? 'ipv4' : 'ipv6');
  return list;
}

function blockList(cidrs: readonly string[], setting: string): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefixText, extra] = cidr.split('/');
    const family = net.isIP(address);
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
    const max = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`${setting}: "${cidr}" is not a network (CIDR such as 10.0.0.0/8 or fd00::/8)`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** A comma-separated CIDR list from the environment; empty when unset. */
export function networksFromEnv(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Raised where a webhook target is refused at delivery (dialled name resolving to a refused address, or such an address). */
export class RefusedTargetError extends Error {
  readonly code = 'EWEBHOOKTARGET';
}

/**
 * dns.lookup with every answer checked, used by the delivery agents: the
 * address a connection is made to is the address checked, so a name that
 * resolved harmlessly at registration cannot be rebound to loopback later.
 */
export function guardedLookup(policy: TargetPolicy): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => policy.refusal(a.address)).find((r) => r !== null);
      if (refusal) return callback(new RefusedTargetError(`webhook target ${hostname} refused: ${refusal}`), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), '', 0);
    });
  }) as net.LookupFunction;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Why a URL's host may not be a webhook target; checked at registration (the names it resolves to now) and at each delivery. */
export async function targetRefusal(url: URL, policy: TargetPolicy): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return policy.refusal(host);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    // Not resolvable from here now (an internal name, DNS down): each delivery checks it again.
    return null;
  }
  for (const { address } of addresses) {
    const refusal = policy.refusal(address);
    if (refusal) return `${host} resolves to ${address}: ${refusal}`;
  }
  return null;
}
