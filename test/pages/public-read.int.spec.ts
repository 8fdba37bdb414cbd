import { startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { createKeys } from '../security/support/keys';
import { CLOSED_SAG, CLOSED_TEXT, KOMMUNE, MAIN_SAG, seedPages } from './support/seed';

/** SAGSSPOR_PUBLIC_READ=true: anonymous readers get the open content of every page, and a way to sign in. */
describe('pages with public read', () => {
  let api: RunningApi;
  beforeAll(async () => {
    const dataDir = tempDataDir('sagsspor-pages-public-');
    const keys = createKeys(dataDir, ['clerk']);
    api = await startApi(dataDir, { auth: 'api-key', publicRead: true });
    await seedPages(api.url, { authorization: `Bearer ${keys.clerk}` });
  });
  afterAll(() => api?.stop());

  it('shows an anonymous reader the open pages, with a sign-in link', async () => {
    for (const path of [
      `/?kommune=${KOMMUNE}`,
      `/sag/${KOMMUNE}/${MAIN_SAG}`,
      `/udvalg/${KOMMUNE}/${encodeURIComponent('økonomiudvalget')}`,
    ]) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<a href="/log-ind">Log ind</a>');
    }
  });

  it('keeps closed items closed, and time travel by record time for auditors', async () => {
    const closed = await (await fetch(`${api.url}/sag/${KOMMUNE}/${CLOSED_SAG}`)).text();
    expect(closed).toContain('Lukket punkt');
    expect(closed).not.toContain(CLOSED_TEXT);
    expect((await fetch(`${api.url}/sag/${KOMMUNE}/${MAIN_SAG}?asOf=2024-02-05`)).status).toBe(200);
    const knownAt = await fetch(`${api.url}/sag/${KOMMUNE}/${MAIN_SAG}?knownAt=2030-01-01T00:00:00Z`);
    expect(knownAt.status).toBe(401);
    expect(await knownAt.text()).toContain('/log-ind?next=');
  });

  it('answers a sign-in page whose form posts to this site only', async () => {
    const html = await (await fetch(`${api.url}/log-ind`)).text();
    expect(html).toContain('<form method="post" action="/log-ind"');
    expect(html).toContain('type="password"');
  });
});
