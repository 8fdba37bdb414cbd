import { createKeys } from '../../security/support/keys';
import { startApi, tempDataDir, type RunningApi } from '../../support/api-harness';
import { seedPages } from './seed';

export interface PagesApi extends RunningApi {
  readonly keys: ReturnType<typeof createKeys>;
}

/** The API with API keys on (no public read) over the seeded sager. */
export async function startPagesApi(env: Record<string, string> = {}): Promise<PagesApi> {
  const dataDir = tempDataDir('sagsspor-pages-');
  const keys = createKeys(dataDir);
  const api = await startApi(dataDir, { auth: 'api-key', env });
  await seedPages(api.url, { authorization: `Bearer ${keys.clerk}` });
  return { ...api, keys };
}

export const asKey = (key: string): Record<string, string> => ({ 'x-api-key': key });

/** Signs in through the form and answers the session cookie ("name=value"). */
export async function signIn(url: string, key: string): Promise<string> {
  const res = await fetch(`${url}/log-ind`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key, next: '/' }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] as string;
}
