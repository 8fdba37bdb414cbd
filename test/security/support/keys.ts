import { ApiKeyStore, type Role } from '@sagsspor/access';

/** Creates one key per role (and a revoked one) straight in the data directory's access.sqlite, as `cli keys create` does. */
export function createKeys(
  dataDir: string,
  roles: readonly Role[] = ['reader', 'clerk', 'auditor', 'admin'],
): Record<Role, string> & { revoked: string } {
  const store = new ApiKeyStore(dataDir);
  try {
    const keys = Object.fromEntries(roles.map((role) => [role, store.create(`${role}@test`, role).key])) as Record<Role, string>;
    const revoked = store.create('former@test', 'admin');
    store.revoke(revoked.id);
    return { ...keys, revoked: revoked.key };
  } finally {
    store.close();
  }
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
