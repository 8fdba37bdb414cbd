import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';

const SAG = '/sager/Lejre/23-002657';
const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' };
const social = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
const jobs = { committee: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', meetingDate: '2024-02-07', item: 7 };
const oekonomi = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };

describe('Sag API (real HTTP, embedded store)', () => {
  let api: RunningApi;
  const url = (p: string) => `${api.url}${p}`;
  const revisionOf = async (path = SAG) => (await http(url(path))).body?.revision as number | undefined;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('records treatments in three committees, out of date order, and reads them back in date order', async () => {
    const posts = [
      ['decisions', { ...oekonomi, outcome: 'approved', text: 'Godkendt', proposal }],
      ['recommendations', { ...jobs, recommendedTo: 'Økonomiudvalget', text: 'Indstillingen anbefales', proposal }],
      ['proposals', { ...social, ...proposal }],
      ['recommendations', { ...social, recommendedTo: 'Økonomiudvalget', text: 'Anbefales' }],
    ] as const;
    for (const [route, body] of posts) {
      const res = await http(url(`${SAG}/${route}`), { body });
      expect(res.status).toBe(201);
      expect(res.headers.get('etag')).toBe(`"${res.body.revision}"`);
    }
    const res = await http(url(SAG));
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${res.body.revision}"`);
    expect(res.body).toMatchObject({ kommune: 'Lejre', sagsnummer: '23-002657', title: proposal.title, status: 'decided', revision: 5 });
    expect(res.body.timeline.map((e: any) => [e.date, e.committeeKey, e.kind, e.outcome ?? e.recommendedTo ?? null])).toEqual([
      ['2024-02-05', 'social, sundhed og ældre', 'proposed', null],
      ['2024-02-05', 'social, sundhed og ældre', 'recommended', 'Økonomiudvalget'],
      ['2024-02-07', 'job, arbejdsmarked og integration', 'proposed', null],
      ['2024-02-07', 'job, arbejdsmarked og integration', 'recommended', 'Økonomiudvalget'],
      ['2024-02-21', 'økonomiudvalget', 'proposed', null],
      ['2024-02-21', 'økonomiudvalget', 'decided', 'approved'],
    ]);
    expect(res.body.timeline[5].provenance).toMatchObject({ revision: 1, recordedBy: 'anonymous', source: { kind: 'api' } });
  });

  it('lets the writer read its write from the read models at once', async () => {
    const path = '/sager/Odder/24-000042';
    const res = await http(url(`${path}/decisions`), { body: { ...oekonomi, outcome: 'approved', text: 'Godkendt', proposal } });
    expect(res.status).toBe(201);
    const list = await http(url('/sager?kommune=Odder'));
    expect(list.body.items).toEqual([expect.objectContaining({ sagsnummer: '24-000042', status: 'decided' })]);
    expect((await http(url(path))).body).toMatchObject({ revision: res.body.revision, status: 'decided' });
  });

  it('answers an identical repeat with 200 and appends nothing', async () => {
    const before = await revisionOf();
    const res = await http(url(`${SAG}/recommendations`), { body: { ...social, recommendedTo: 'Økonomiudvalget', text: 'Anbefales' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appended: 0, revision: before });
    expect(await revisionOf()).toBe(before);
  });

  it('answers the same treatment with other content with 409 and both versions', async () => {
    const res = await http(url(`${SAG}/recommendations`), { body: { ...social, recommendedTo: 'Byrådet', text: 'Anbefales' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 409,
      code: 'sag.treatment-conflict',
      existing: { recommendedTo: 'Økonomiudvalget' },
      attempted: { recommendedTo: 'Byrådet' },
    });
  });

  it('refuses an outcome for a treatment that was never proposed (422)', async () => {
    const res = await http(url(`${SAG}/decisions`), {
      body: { ...oekonomi, meetingDate: '2024-03-01', outcome: 'noted', text: 'Taget til efterretning' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('sag.not-proposed');
  });

  it('gives exactly one 201 and nineteen 409s to 20 concurrent writes with the same If-Match', async () => {
    const path = '/sager/Lejre/24-000233';
    const first = await http(url(`${path}/proposals`), { body: { ...jobs, item: 3, ...proposal } });
    const etag = first.headers.get('etag') as string;
    const writes = Array.from({ length: 20 }, (_, i) =>
      http(url(`${path}/decisions`), {
        headers: { 'if-match': etag },
        body: { committee: `Udvalg nr. ${i}`, meetingDate: '2024-03-01', outcome: 'noted', text: 'Taget til efterretning', proposal },
      }),
    );
    const statuses = (await Promise.all(writes)).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await revisionOf(path)).toBe(2);
  });

  it('answers a write with a stale If-Match with 409', async () => {
    const res = await http(url(`${SAG}/proposals`), {
      headers: { 'if-match': '"0"' },
      body: { ...oekonomi, meetingDate: '2024-04-01', ...proposal },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('event-store.wrong-expected-revision');
  });

  describe('bad bodies get 400 problem+json and append nothing', () => {
    const bad: [string, unknown][] = [
      ['a wrong type', { ...social, ...proposal, item: '4' }],
      ['an unknown field', { ...social, ...proposal, secret: 1 }],
      ['an impossible date', { ...social, ...proposal, meetingDate: '2024-02-30' }],
      ['a date in another format', { ...social, ...proposal, meetingDate: '05-02-2024' }],
      ['an empty string', { ...social, ...proposal, committee: '' }],
      ['blank text', { ...social, ...proposal, title: '   ' }],
      ['a missing field', { meetingDate: '2024-02-05', ...proposal }],
      ['an object where text belongs', { ...social, ...proposal, committee: { $gt: '' } }],
      ['an array body', [social]],
    ];
    it.each(bad)('%s', async (_what, body) => {
      const before = await revisionOf();
      const res = await http(url(`${SAG}/proposals`), { body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      expect(await revisionOf()).toBe(before);
    });

    it('malformed JSON', async () => {
      const res = await http(url(`${SAG}/proposals`), { rawBody: '{"committee": ', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.malformed');
    });

    it('an invalid nested proposal', async () => {
      const res = await http(url(`${SAG}/decisions`), {
        body: { ...oekonomi, outcome: 'approved', text: 'Godkendt', proposal: { title: 1 } },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['proposal.title', 'proposal.proposal']));
    });
  });

  it('refuses a body over 1 MB with 413 problem+json and appends nothing', async () => {
    const before = await revisionOf();
    const res = await http(url(`${SAG}/proposals`), { body: { ...social, ...proposal, proposal: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('request.too-large');
    expect(await revisionOf()).toBe(before);
  });

  it('takes URL-encoded sag numbers such as 19%2F3742', async () => {
    const res = await http(url('/sager/Randers%20Kommune/19%2F3742/proposals'), { body: { ...social, ...proposal } });
    expect(res.status).toBe(201);
    const read = await http(url('/sager/randers/19%2F3742'));
    expect(read.body).toMatchObject({ kommune: 'Randers', sagsnummer: '19/3742' });
  });

  it('keeps two sager whose names differ only in where the ":" falls in two streams', async () => {
    const body = { ...oekonomi, ...proposal };
    expect((await http(url('/sager/Kx%3Ay/z/proposals'), { body })).status).toBe(201);
    expect((await http(url('/sager/Kx/y%3Az/proposals'), { body })).status).toBe(201);
    const [a, b] = [await http(url('/sager/Kx%3Ay/z')), await http(url('/sager/Kx/y%3Az'))];
    expect([a.body.kommune, a.body.sagsnummer, a.body.timeline.length]).toEqual(['Kx:y', 'z', 1]);
    expect([b.body.kommune, b.body.sagsnummer, b.body.timeline.length]).toEqual(['Kx', 'y:z', 1]);
  });

  it('reads one sag whatever the normal form, digits, hyphens or invisible characters of its names', async () => {
    const path = '/sager/S%C3%B8r%C3%B8/24-000301';
    const body = { ...oekonomi, ...proposal };
    expect((await http(url(`${path}/proposals`), { body })).status).toBe(201);
    const nfd = encodeURIComponent('Sørø'.normalize('NFD'));
    const variants = [
      `/sager/${nfd}/24-000301`,
      `/sager/S%C3%B8r%C3%B8/${encodeURIComponent('２４\u2010000301')}`,
      `/sager/S%C3%B8r%E2%80%8B%C3%B8/${encodeURIComponent('24\u2212000301')}`,
    ];
    for (const v of variants) {
      const same = { ...body, committee: oekonomi.committee.normalize('NFD'), title: proposal.title.normalize('NFD') };
      const res = await http(url(`${v}/proposals`), { body: same });
      expect([v, res.status, res.body.appended]).toEqual([v, 200, 0]);
      expect((await http(url(v))).body).toMatchObject({ kommune: 'Sørø', sagsnummer: '24-000301', revision: 0 });
    }
  });

  it('refuses names with bidirectional controls, and holds every route to the same limits', async () => {
    const body = { ...oekonomi, ...proposal };
    const refused: Array<[string, unknown]> = [
      ['/sager/Lejre/24-00%E2%80%AE0301/proposals', body],
      ['/sager/Lejre/%2F/proposals', body],
      [`/sager/${'K'.repeat(101)}/24-1/proposals`, body],
      [`/sager/Lejre/${'1'.repeat(101)}/proposals`, body],
      ['/sager/Lejre/24-1/proposals', { ...body, item: 0 }],
      ['/sager/Lejre/24-1/proposals', { ...body, committee: `\u202E${oekonomi.committee}` }],
      [`/sager?kommune=${'K'.repeat(101)}`, undefined],
      [`/sager/${'K'.repeat(101)}/24-1`, undefined],
    ];
    for (const [path, b] of refused) {
      const res = await http(url(path), b === undefined ? {} : { body: b });
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 400, expect.stringContaining('application/problem+json')]);
    }
    expect((await http(url(`/sager?kommune=${'K'.repeat(100)}`))).status).toBe(200);
  });

  it('answers an unknown sag with 404 problem+json', async () => {
    const res = await http(url('/sager/Lejre/99-999999'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'sag.not-found', status: 404 });
  });

  it('serves health and OpenAPI', async () => {
    expect((await http(url('/health'))).status).toBe(200);
    const doc = await http(url('/docs-json'));
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/sager/{kommune}/{sagsnummer}/decisions']));
    expect((await http(url('/docs'))).status).toBe(200);
  });

  it('keeps the data across a restart', async () => {
    const before = (await http(url(SAG))).body;
    await api.stop();
    api = await startApi(api.dataDir);
    expect((await http(url(SAG))).body).toEqual(before);
  });
});

describe('an empty data directory', () => {
  it('starts and answers health', async () => {
    const api = await startApi(tempDataDir());
    try {
      expect((await http(`${api.url}/health`)).body.status).toBe('ok');
    } finally {
      await api.stop();
    }
  });
});
