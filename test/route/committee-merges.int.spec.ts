import { ProjectorService } from '@sagsspor/read-model';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from '../security/support/keys';

const JA = 'Udvalget for Job & Arbejdsmarked - 2018-2021';
const JAI = 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025';
const JA_KEY = 'job og arbejdsmarked';
const JAI_KEY = 'job, arbejdsmarked og integration';
const OEU = { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' };
const OLD = '21-000101';
const NEW = '22-000202';

/**
 * An admin merges the job committee of one period into its successor, and
 * splits it again: histories, routes, the committee list, the pipeline and
 * the sager lists follow, and no sag stream is appended to.
 */
describe('merging and splitting committee aliases (real HTTP, embedded store)', () => {
  let api: RunningApi;
  let keys: ReturnType<typeof createKeys>;
  const url = (p: string) => `${api.url}${p}`;
  const as = (role: 'reader' | 'clerk' | 'auditor' | 'admin') => bearer(keys[role]);
  const get = (p: string) => http(url(p), { headers: as('auditor') });
  const sag = (n: string) => `/sager/Lejre/${n}`;
  const merges = '/committees/Lejre/merges';
  const caughtUp = async () => {
    const head = BigInt((await get('/health')).body.eventStore.headPosition);
    expect(await api.app.get(ProjectorService).waitForPosition(head, 5000)).toBe(true);
  };
  const headPosition = async () => (await get('/health')).body.eventStore.headPosition as string;
  const etags = async () => Promise.all([OLD, NEW].map(async (n) => (await get(sag(n))).headers.get('etag')));
  const pipeline = async (committee: string) =>
    (await get(`/committees/Lejre/${encodeURIComponent(committee)}/pipeline`)).body.items.map((i: { sagsnummer: string }) => i.sagsnummer);
  const nextOf = async (n: string) => (await get(sag(n))).body.route.next;

  beforeAll(async () => {
    delete process.env['SAGSSPOR_PROJECTOR'];
    const dataDir = tempDataDir();
    keys = createKeys(dataDir);
    api = await startApi(dataDir, { auth: 'api-key' });
    const record = async (n: string, path: string, body: unknown) => {
      const res = await http(url(`${sag(n)}${path}`), { body, headers: as('clerk') });
      expect(res.status).toBe(201);
    };
    const proposal = { title: 'Beskæftigelsesplan', proposal: '1. at planen anbefales' };
    // The old committee treated a sag planned via its successor; the successor treated another.
    await record(OLD, '/recommendations', {
      committee: JA,
      meetingDate: '2021-06-01',
      item: 3,
      recommendedTo: 'Økonomiudvalget',
      text: 'Indstillingen anbefales.',
      proposal,
    });
    await record(NEW, '/recommendations', {
      committee: JAI,
      meetingDate: '2022-03-01',
      item: 5,
      recommendedTo: 'Økonomiudvalget',
      text: 'Indstillingen anbefales.',
      proposal,
    });
    await record(NEW, '/decisions', {
      committee: 'Økonomiudvalget',
      meetingDate: '2022-03-15',
      item: 2,
      outcome: 'discussed',
      text: 'Drøftet.',
      proposal,
    });
    const routed = await http(url(`${sag(OLD)}/route`), {
      method: 'PUT',
      body: { via: ['JAI'], decidingBody: 'Økonomiudvalget' },
      headers: as('clerk'),
    });
    expect(routed.status).toBe(201);
    await caughtUp();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('before any merge, the two job committees are two: the old one is an extra stop and the sag waits for its successor', async () => {
    const route = (await get(sag(OLD))).body.route;
    expect(route.extra.map((s: { committeeKey: string }) => s.committeeKey)).toEqual([JA_KEY]);
    expect(route.next.committeeKey).toBe(JAI_KEY);
    expect(await pipeline('JAI')).toEqual([OLD]);
    const committees = (await get('/committees?kommune=Lejre')).body.items.map((c: { committeeKey: string }) => c.committeeKey);
    expect(committees).toEqual(expect.arrayContaining([JA_KEY, JAI_KEY]));
  });

  it('refuses bad merges and splits with problem+json, appending nothing', async () => {
    const head = await headPosition();
    const cases: [string, unknown, number, string, 'admin' | 'clerk'][] = [
      [merges, { alias: JAI, into: JAI_KEY }, 400, 'committee.merge-self', 'admin'],
      [merges, { alias: 'Fantasiudvalget', into: JAI }, 400, 'committee.unknown', 'admin'],
      [merges, { alias: JA, into: 'Plan- og Boligudvalget' }, 400, 'committee.unknown', 'admin'],
      [merges, { alias: JA }, 400, 'request.invalid', 'admin'],
      ['/committees/Lejre/splits', { alias: 'Økonomiudvalget' }, 400, 'committee.not-merged', 'admin'],
      [merges, { alias: JA, into: JAI }, 403, 'auth.forbidden', 'clerk'],
    ];
    for (const [path, body, status, code, role] of cases) {
      const res = await http(url(path), { body, headers: as(role) });
      expect([path, res.status, res.body.code]).toEqual([path, status, code]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await headPosition()).toBe(head);
  });

  it('an admin merge: the history, the route, the committees, the pipeline and the lists follow; no sag stream is appended to; verify passes', async () => {
    const before = await etags();
    const knownBefore = await headPosition();
    const merged = await http(url(merges), { body: { alias: JA, into: 'JAI', reason: 'Samme udvalg, nyt navn' }, headers: as('admin') });
    expect(merged.status).toBe(201);
    expect((await http(url(merges), { body: { alias: JA, into: JAI }, headers: as('admin') })).status).toBe(200);
    expect(await etags()).toEqual(before);

    const history = (await get(sag(OLD))).body;
    expect(history.timeline.map((e: { committeeKey: string }) => e.committeeKey)).toEqual([JAI_KEY, JAI_KEY]);
    expect(history.route).toMatchObject({ extra: [], pending: [], next: OEU });
    expect(history.route.visited.map((v: { committeeKey: string }) => v.committeeKey)).toEqual([JAI_KEY]);
    // An auditor's cut before the merge sees the committees as they were known then.
    const then = (await get(`${sag(OLD)}?knownAt=${knownBefore}`)).body;
    expect(then.route).toMatchObject({ next: { committeeKey: JAI_KEY }, extra: [{ committeeKey: JA_KEY }] });
    expect(then.timeline.map((e: { committeeKey: string }) => e.committeeKey)).toEqual([JA_KEY, JA_KEY]);

    const committees = (await get('/committees?kommune=Lejre')).body.items;
    const job = committees.filter((c: { committeeKey: string }) => c.committeeKey === JAI_KEY || c.committeeKey === JA_KEY);
    expect(job).toHaveLength(1);
    expect(job[0]).toMatchObject({
      committeeKey: JAI_KEY,
      meetings: 2,
      items: 2,
      periods: ['2018-2021', '2022-2025'],
      period: '2022-2025',
    });
    expect(job[0].aliases).toEqual(expect.arrayContaining(['udvalget for job & arbejdsmarked', 'JAI']));

    expect(await pipeline('JAI')).toEqual([]);
    expect(await pipeline('ØU')).toEqual([NEW, OLD]);
    const next = (await get('/sager?kommune=Lejre&next=%C3%98U')).body.items.map((s: { sagsnummer: string }) => s.sagsnummer);
    expect(next).toEqual([NEW, OLD]);
    const byCommittee = (await get('/sager?kommune=Lejre&committee=JAI')).body.items;
    expect(byCommittee.map((s: { sagsnummer: string }) => s.sagsnummer)).toEqual([NEW, OLD]);
    expect(byCommittee[1]).toMatchObject({ next: OEU, lastCommitteeKey: JAI_KEY });
    const meetings = (await get(`/committees/Lejre/${encodeURIComponent(JA_KEY)}/meetings`)).body.items;
    expect(meetings.map((m: { meetingDate: string; committeeKey: string }) => [m.meetingDate, m.committeeKey])).toEqual([
      ['2022-03-01', JAI_KEY],
      ['2021-06-01', JAI_KEY],
    ]);
    const decisions = (await get('/decisions?kommune=Lejre&committee=JAI')).body.items;
    expect(decisions.map((d: { committeeKey: string }) => d.committeeKey)).toEqual([JAI_KEY, JAI_KEY]);

    const list = await http(url(merges), { headers: as('reader') });
    expect(list.body.items).toEqual([
      {
        alias: { committee: 'Udvalget for Job & Arbejdsmarked', committeeKey: JA_KEY },
        into: { committee: 'Udvalget for Job, Arbejdsmarked og Integration', committeeKey: JAI_KEY },
      },
    ]);
    expect((await get('/audit/verify')).body).toMatchObject({ ok: true });

    // The committee's page and feed answer to its abbreviation and to its merged alias's key alike.
    for (const name of ['JAI', JA_KEY]) {
      const page = await http(url(`/udvalg/Lejre/${encodeURIComponent(name)}`), { headers: as('reader') });
      expect([name, page.status]).toEqual([name, 200]);
      expect(page.body).toContain('Udvalget for Job, Arbejdsmarked og Integration');
      expect(page.body).toContain('21-000101');
      const feed = await http(url(`/udvalg/Lejre/${encodeURIComponent(name)}/feed.atom`), { headers: as('reader') });
      expect([name, feed.status]).toEqual([name, 200]);
    }
  });

  it('documents the merge routes in OpenAPI', async () => {
    const paths = (await http(url('/docs-json'))).body.paths;
    expect(Object.keys(paths['/committees/{kommune}/merges'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/committees/{kommune}/splits'] ?? {})).toEqual(['post']);
  });

  it('merging an alias already merged elsewhere is a conflict; a split undoes the merge everywhere', async () => {
    const elsewhere = await http(url(merges), { body: { alias: JA_KEY, into: 'Økonomiudvalget' }, headers: as('admin') });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([409, 'committee.already-merged']);
    const split = await http(url('/committees/Lejre/splits'), { body: { alias: JA_KEY }, headers: as('admin') });
    expect(split.status).toBe(201);
    expect((await nextOf(OLD)).committeeKey).toBe(JAI_KEY);
    expect(await pipeline('JAI')).toEqual([OLD]);
    expect((await http(url(merges), { headers: as('reader') })).body.items).toEqual([]);
    const again = await http(url('/committees/Lejre/splits'), { body: { alias: JA_KEY }, headers: as('admin') });
    expect([again.status, again.body.code]).toEqual([400, 'committee.not-merged']);
  });
});
