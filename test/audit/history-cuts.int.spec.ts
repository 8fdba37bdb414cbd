import { SqliteEventStore } from '@sagsspor/event-store';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { DOC_JAI, DOC_SSAE, FULL, LEJRE_STREAM, rows, seed } from './support/seed';
import { remove, tamper } from './support/tamper';

const SAG = '/sager/Lejre/23-002657';

describe('History cuts and /audit/verify (real HTTP, embedded store)', () => {
  let api: RunningApi;
  const get = (query: string, path = SAG) => http(`${api.url}${path}${query}`);

  beforeAll(async () => {
    const dataDir = tempDataDir('sagsspor-audit-');
    const store = new SqliteEventStore(dataDir);
    await seed(store);
    await store.close();
    api = await startApi(dataDir);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('uncut: the whole history, ETag the current revision, no cut applied', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect(rows(res.body)).toEqual(FULL);
    expect(res.body).toMatchObject({ revision: 6, asOf: null, knownAt: null });
    expect(res.headers.get('etag')).toBe('"6"');
  });

  it('every timeline entry carries its provenance', async () => {
    const { body } = await get('');
    expect(body.timeline[0].provenance).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: 0,
      position: '1',
      recordedAt: '2024-02-05T09:15:00.000Z',
      recordedBy: 'sekretariat@lejre.dk',
      source: { kind: 'api' },
    });
    expect(body.timeline[1].provenance).toMatchObject({ revision: 6, position: '8', recordedBy: 'import', source: DOC_SSAE });
    expect(body.timeline[5].provenance).toMatchObject({ revision: 5, position: '7', recordedAt: '2024-02-22T08:30:00.000Z' });
  });

  it('asOf: the treatments at meetings up to the date, as known now', async () => {
    const res = await get('?asOf=2024-02-06');
    expect(res.status).toBe(200);
    expect(rows(res.body)).toEqual(FULL.slice(0, 2));
    expect(res.body).toMatchObject({ asOf: '2024-02-06', knownAt: null, status: 'recommended', revision: 6 });
    expect(rows((await get('?asOf=2024-02-20')).body)).toEqual(FULL.slice(0, 4));
  });

  it('knownAt (instant): the JAI import day, before the ØU minutes and the superseding record', async () => {
    const res = await get('?knownAt=2024-02-09T00:00:00%2B01:00');
    expect(res.status).toBe(200);
    expect(rows(res.body)).toEqual([
      '2024-02-05 social proposed r0',
      '2024-02-05 social recommended r3',
      '2024-02-07 job proposed r1',
      '2024-02-07 job recommended r2',
    ]);
    expect(res.body).toMatchObject({ knownAt: '2024-02-08T23:00:00.000Z', asOf: null, revision: 3, status: 'recommended' });
    expect(res.body.timeline[1]).toMatchObject({ evidence: 'reference', item: null, provenance: { source: DOC_JAI } });
    expect(res.headers.get('etag')).toBe('"3"');
  });

  it('knownAt (instant): after the ØU import the reference still shows; the superseding record only from its own instant', async () => {
    const before = await get('?knownAt=2024-02-26T13:44:59.999Z');
    expect(before.body.revision).toBe(5);
    expect(rows(before.body)).toContain('2024-02-05 social recommended r3');
    expect(rows(before.body)).toContain('2024-02-21 økonomiudvalget decided r5');
    const at = await get('?knownAt=2024-02-26T13:45:00Z');
    expect(rows(at.body)).toEqual(FULL);
  });

  it("knownAt (global position): inclusive, and another stream's position cuts between this one's events", async () => {
    expect((await get('?knownAt=4')).body.revision).toBe(3);
    const other = await get('?knownAt=5');
    expect(other.body).toMatchObject({ revision: 3, knownAt: '5' });
    expect(rows((await get('?knownAt=7')).body)).toHaveLength(6);
    expect(rows((await get('?knownAt=7')).body)).toContain('2024-02-05 social recommended r3');
  });

  it('both: what had been recorded by then of the treatments up to the date', async () => {
    const res = await get('?asOf=2024-02-06&knownAt=2024-02-20T12:00:00Z');
    expect(rows(res.body)).toEqual(['2024-02-05 social proposed r0', '2024-02-05 social recommended r3']);
    expect(res.body).toMatchObject({ asOf: '2024-02-06', knownAt: '2024-02-20T12:00:00.000Z', revision: 3 });
    expect(res.headers.get('etag')).toBe('"3"');
  });

  it('reads an unencoded "+" offset (decoded to a space) as the offset it was', async () => {
    const res = await get('?knownAt=2024-02-09T00:00:00+01:00');
    expect(res.body).toMatchObject({ knownAt: '2024-02-08T23:00:00.000Z', revision: 3 });
  });

  it.each([
    ['asOf before the first meeting', '?asOf=2024-02-04'],
    ['knownAt before the first record', '?knownAt=2024-02-05T09:14:59Z'],
    ['knownAt position 0', '?knownAt=0'],
    ['both cuts', '?asOf=2024-02-04&knownAt=2024-03-01T00:00:00Z'],
  ])('404 problem+json when nothing is there by then: %s', async (_what, query) => {
    const res = await get(query);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'sag.not-found-at-cut', kommune: 'Lejre', sagsnummer: '23-002657' });
  });

  it('404 sag.not-found for a sag that was never recorded, cut or not', async () => {
    const res = await get('?asOf=2030-01-01', '/sager/Lejre/99-999999');
    expect(res).toMatchObject({ status: 404, body: { code: 'sag.not-found' } });
  });

  it.each([
    ['an impossible asOf', '?asOf=2024-02-30'],
    ['asOf in another format', '?asOf=05-02-2024'],
    ['asOf with a time', '?asOf=2024-02-05T00:00:00Z'],
    ['an empty asOf', '?asOf='],
    ['knownAt without a time zone', '?knownAt=2024-02-09T12:00:00'],
    ['knownAt as a bare date', '?knownAt=2024-02-09'],
    ['an impossible knownAt', '?knownAt=2024-02-30T12:00:00Z'],
    ['a knownAt hour 24', '?knownAt=2024-02-09T24:00:00Z'],
    ['a negative position', '?knownAt=-1'],
    ['a position beyond any store', '?knownAt=99999999999999999999'],
    ['words', '?knownAt=yesterday'],
  ])('400 problem+json for %s', async (_what, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 400,
      code: 'audit.invalid-cut',
      parameter: expect.stringMatching(/^(asOf|knownAt)$/),
      detail: expect.any(String),
    });
  });

  it.each([
    ['asOf given twice', '?asOf=2024-02-06&asOf=2024-02-07'],
    ['an unknown parameter', '?asof=2024-02-06'],
  ])('400 problem+json for %s', async (_what, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'request.invalid' });
  });

  it('says why a time without a zone is refused', async () => {
    const res = await get('?knownAt=2024-02-09T12:00:00');
    expect(res.body.detail).toMatch(/no time zone/);
  });

  describe('GET /audit/verify', () => {
    it('finds every stream intact', async () => {
      const res = await http(`${api.url}/audit/verify`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, streams: 2, events: 8, headPosition: '8', brokenCount: 0, broken: [] });
    });

    it('reports exactly the stream and revision edited in the database', async () => {
      tamper(api.dataDir, LEJRE_STREAM, 2, { data: `json_set(data, '$.text', 'Indstillingen forkastes')` });
      const res = await http(`${api.url}/audit/verify`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, streams: 2, events: 8, brokenCount: 1 });
      expect(res.body.broken).toEqual([{ stream: LEJRE_STREAM, revision: 2, reason: 'hash-mismatch', detail: expect.any(String) }]);
    });

    it('keeps reporting that edit, and adds a forged event id and a deleted event', async () => {
      tamper(api.dataDir, LEJRE_STREAM, 4, { metadata: `json_set(metadata, '$.eventId', '00000000-0000-5000-8000-000000000000')` });
      remove(api.dataDir, LEJRE_STREAM, 0);
      const res = await http(`${api.url}/audit/verify`);
      expect(res.body).toMatchObject({ ok: false, events: 7, brokenCount: 4 });
      expect(res.body.broken.map((b: any) => [b.stream, b.revision, b.reason])).toEqual([
        [LEJRE_STREAM, 0, 'revision-gap'],
        [LEJRE_STREAM, 2, 'hash-mismatch'],
        [LEJRE_STREAM, 4, 'hash-mismatch'],
        [LEJRE_STREAM, 4, 'event-id-mismatch'],
      ]);
    });
  });
});
