import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '@sagsspor/access';
import { InvalidInputError } from '@sagsspor/kernel';
import type { RecordContext } from '@sagsspor/recording';

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** Ids and time enter here, at the edge; the domain below never draws them itself. */
export function recordContext(req: Request, expectedRevision: number | undefined): RecordContext {
  const commandId = randomUUID();
  const header = req.header('x-correlation-id');
  if (header !== undefined && !CORRELATION_ID.test(header)) {
    throw new InvalidInputError('X-Correlation-Id must be 1-128 letters, digits, ".", ":", "_" or "-".');
  }
  return {
    commandId,
    correlationId: header ?? commandId,
    causationId: commandId,
    recordedAt: new Date().toISOString(),
    recordedBy: principalOf(req),
    source: { kind: 'api' },
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

/**
 * `api-key:<key name>` or `jwt:<subject>`: the two are named by different
 * people (an admin names keys, the identity provider subjects), so the same
 * name by the two routes is not the same caller. Without authentication, `anonymous`.
 */
function principalOf(req: Request): string {
  const principal = (req as Request & { principal?: Pick<Principal, 'name' | 'via'> }).principal;
  if (principal === undefined) return 'anonymous';
  return principal.via === 'api-key' || principal.via === 'jwt' ? `${principal.via}:${principal.name}` : principal.name;
}
