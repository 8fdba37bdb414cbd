import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from '../security/support/keys';

const SAG = '/sager/Lejre/24-000777';
const proposal = { title: 'Renovering af rådhusets tag', proposedBy: 'Teknik og Miljø', proposal: 'At taget renoveres for 2,1 mio. kr.' };
const oekonomi = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };

describe('Corrections over HTTP (real HTTP, embedded store)', () => {
  let api: RunningApi;
  const url = (p: string) => `${api.url}${p}`;
  const history = async (query = '') => (await http(url(`${SAG}${query}`))).body;
  const decisionOf = (h: any) => h.timeline.find((e: any) => e.kind === 'decided');

  beforeAll(async () => {
    api = await startApi();
    const res = await http(url(`${SAG}/decisions`), { body: { ...oekonomi, outcome: 'approved', text: 'Godkendt', proposal } });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await api.stop();
  });

  const correct = (body: unknown, etag?: string) =>
    http(url(`${SAG}/corrections`), { body, headers: etag === undefined ? {} : { 'if-match': etag } });

  it('refuses without If-Match, with a stale one, without a reason, or naming an unknown record; nothing is appended', async () => {
    const before = await history();
    const id = decisionOf(before).provenance.eventId as string;
    const changes = { outcome: 'rejected', text: 'Forkastet' };
    const cases = [
      [await correct({ corrects: id, reason: 'Forkert udfald', changes }), 400],
      [await correct({ corrects: id, reason: 'Forkert udfald', changes }, '"0"'), 409],
      [await correct({ corrects: id, changes }, `"${before.revision}"`), 400],
      [await correct({ corrects: id, reason: '  ', changes }, `"${before.revision}"`), 400],
      [await correct({ corrects: '6f1c2a4e-0000-5000-8000-000000000000', reason: 'Forkert udfald', changes }, `"${before.revision}"`), 404],
      [await correct({ corrects: id, reason: 'Forkert', changes: { access: 'closed' } }, `"${before.revision}"`), 400],
    ] as const;
    for (const [res, status] of cases) {
      expect([res.status, res.headers.get('content-type')]).toEqual([status, expect.stringContaining('application/problem+json')]);
    }
    expect((await history()).revision).toBe(before.revision);
  });

  it('an ordinary write that contradicts the record is a 409 that says how to correct instead', async () => {
    const res = await http(url(`${SAG}/decisions`), { body: { ...oekonomi, outcome: 'rejected', text: 'Forkastet' } });
    expect(res.status).toBe(409);
    expect(res.body.correct).toMatchObject({
      method: 'POST',
      href: `${SAG}/corrections`,
      body: { corrects: decisionOf(await history()).provenance.eventId },
    });
  });

  it('records a correction; the same again is a 200 no-op; history, knownAt, changes and the decision log show it', async () => {
    const before = await history();
    const id = decisionOf(before).provenance.eventId as string;
    const body = { corrects: id, reason: 'Forkert udfald indtastet', changes: { outcome: 'rejected', text: 'Forkastet' } };
    const res = await correct(body, `"${before.revision}"`);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe(`"${before.revision + 1}"`);
    const newId = res.body.eventIds[0] as string;

    const same = await correct({ ...body, corrects: newId }, `"${res.body.revision}"`);
    expect([same.status, same.body.appended]).toEqual([200, 0]);
    const stale = await correct(body, `"${res.body.revision}"`);
    expect(stale.status).toBe(404);

    const after = await history();
    expect(decisionOf(after)).toMatchObject({
      outcome: 'rejected',
      text: 'Forkastet',
      corrected: true,
      correction: { reason: 'Forkert udfald indtastet', source: { kind: 'clerk', clerk: 'anonymous' } },
      provenance: { eventId: newId },
      versions: [{ outcome: 'approved', text: 'Godkendt', provenance: { eventId: id, revision: decisionOf(before).provenance.revision } }],
    });
    const position = Number(decisionOf(after).provenance.position);
    expect(await history(`?knownAt=${position - 1}`)).toEqual({ ...before, knownAt: String(position - 1) });

    const changes = await http(url(`${SAG}/changes?since=${position - 1}`));
    expect(changes.status).toBe(200);
    expect(changes.body.changes).toEqual([
      expect.objectContaining({
        kind: 'corrected',
        supersedes: id,
        before: expect.objectContaining({ outcome: 'approved', text: 'Godkendt' }),
        after: expect.objectContaining({ outcome: 'rejected', text: 'Forkastet' }),
      }),
    ]);
    expect((await http(url(`${SAG}/changes`))).status).toBe(400);
    expect((await http(url(`${SAG}/changes?since=yesterday`))).status).toBe(400);

    const log = await http(url('/decisions?kommune=Lejre'));
    expect(log.body.items.filter((d: any) => d.sagsnummer === '24-000777').map((d: any) => [d.outcome, d.text])).toEqual([
      ['rejected', 'Forkastet'],
    ]);
    const verify = await http(url('/audit/verify'));
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe('an access correction (open → closed) over HTTP', () => {
  let api: RunningApi;
  const SECRET_SAG = '/sager/Lejre/24-000778';
  const secret = { title: 'Salg af Strandvejen 9', proposedBy: 'Ejendomschef', proposal: 'At Strandvejen 9 sælges for 3,1 mio. kr.' };
  const leaks = (body: unknown) => /Strandvejen/.test(JSON.stringify(body));

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir);
    api = await startApi(dataDir, { auth: 'api-key' });
    as.reader = bearer(keys.reader);
    as.clerk = bearer(keys.clerk);
    as.auditor = bearer(keys.auditor);
  });
  afterAll(async () => {
    await api.stop();
  });
  const as: Record<string, Record<string, string>> = {};
  const get = (path: string, who: string) => http(`${api.url}${path}`, { headers: as[who] });

  it('redacts the treatment everywhere from then on; an auditor still sees what was public before', async () => {
    const recorded = await http(`${api.url}${SECRET_SAG}/decisions`, {
      headers: as.clerk,
      body: { ...oekonomi, outcome: 'approved', text: 'Godkendt (Strandvejen 9)', proposal: secret },
    });
    expect(recorded.status).toBe(201);
    expect(leaks((await get('/decisions?kommune=Lejre', 'reader')).body)).toBe(true);
    const [proposalId] = recorded.body.eventIds as string[];
    const res = await http(`${api.url}${SECRET_SAG}/corrections`, {
      headers: { ...as.clerk, 'if-match': `"${recorded.body.revision}"` },
      body: { corrects: proposalId, reason: 'Punktet er lukket', changes: { access: 'closed' } },
    });
    expect(res.status).toBe(201);

    for (const path of [
      SECRET_SAG,
      '/sager?kommune=Lejre',
      '/sager?kommune=Lejre&q=Strandvejen',
      '/decisions?kommune=Lejre',
      `/committees/Lejre/${encodeURIComponent('økonomiudvalget')}/meetings`,
    ]) {
      for (const who of ['reader', 'clerk']) {
        const answer = await get(path, who);
        expect([path, who, answer.status, leaks(answer.body)]).toEqual([path, who, 200, false]);
      }
    }
    expect((await get('/sager?kommune=Lejre&q=Strandvejen', 'reader')).body.items).toEqual([]);
    const audited = await get(SECRET_SAG, 'auditor');
    const proposalEntry = audited.body.timeline.find((e: any) => e.kind === 'proposed');
    expect(proposalEntry).toMatchObject({
      access: 'closed',
      title: secret.title,
      corrected: true,
      versions: [{ access: 'open', title: secret.title }],
    });
    const readerView = await get(SECRET_SAG, 'reader');
    expect(readerView.body.timeline.every((e: any) => e.versions === undefined)).toBe(true);
  });
});
