/**
 * Roles form a partial order, not a ladder: a clerk records and an auditor
 * inspects, and neither may do the other's work; an admin may do both.
 *
 *            admin
 *           /     \
 *       clerk    auditor
 *           \     /
 *           reader
 */
export const ROLES = ['reader', 'clerk', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Role[]> = {
  reader: ['reader'],
  clerk: ['reader', 'clerk'],
  auditor: ['reader', 'auditor'],
  admin: ['reader', 'clerk', 'auditor', 'admin'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `required` may: `required` is the minimum. */
export function satisfies(role: Role, required: Role): boolean {
  return GRANTS[role].includes(required);
}

/** Who may read a closed item's content: those who inspect the record on the council's behalf. */
export function hasClosedAccess(role: Role): boolean {
  return satisfies(role, 'auditor');
}

/** The Sagsspor roles among a token's claim values; anything else is ignored. */
export function knownRoles(values: readonly unknown[]): Role[] {
  return ROLES.filter((r) => values.includes(r));
}
