import { SetMetadata } from '@nestjs/common';
import type { Role } from '@sagsspor/access';

export const ACCESS_RULE = 'sagsspor:access-rule';

export type AccessRule = { readonly kind: 'public' } | { readonly kind: 'role'; readonly role: Role };

/**
 * The least role a route needs (roles form a partial order: reader < clerk,
 * auditor < admin). `@Allow('reader')` routes are also open to anonymous
 * callers when SAGSSPOR_PUBLIC_READ is on. A route without a rule is for
 * admins only: forgetting the decorator closes a route, never opens it.
 */
export const Allow = (role: Role): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'role', role } satisfies AccessRule);

/** No authentication at all: health checks and the like. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

export const DEFAULT_RULE: AccessRule = { kind: 'role', role: 'admin' };
