import { ProjectorService } from '@sagsspor/read-model';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { SAFETY_BOUND_MS } from '../support/bounds';

const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' };
const social = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
const oekonomi = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };

describe('read API (real HTTP, embedded store, in-process projector)', () => {
  let api: RunningApi;
  const dataDir = tempDataDir();
  const url = (p: string) => `${api.url}${p}`;
  const caughtUp = async () => {
    const head = BigInt((await http(url('/health'))).body.eventStore.headPosition);
    expect(await api.app.get(ProjectorService).waitForPosition(head, SAFETY_BOUND_MS)).toBe(true);
  };

  beforeAll(async () => {
    delete process.env['SAGSSPOR_PROJECTOR'];
    api = await startApi(dataDir);
    const posts = [
      ['/sager/Lejre/23-002657/proposals', { ...social, ...proposal }],
      ['/sager/Lejre/23-002657/recommendations', { ...social, recommendedTo: 'Økonomiudvalget', text: 'Anbefales' }],
      ['/sager/Lejre/23-002657/decisions', { ...oekonomi, outcome: 'approved', text: 'Godkendt', proposal }],
      ['/sager/Lejre/24-000233/proposals', { ...oekonomi, item: 13, title: 'Lukket sag', proposal: 'Fortroligt', access: 'closed' }],
    ] as const;
    for (const [path, body] of posts) expect((await http(url(path), { body })).status).toBe(201);
    await caughtUp();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('lists sager of a kommune, filtered by committee and status', async () => {
    const all = await http(url('/sager?kommune=lejre%20kommune'));
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.map((s: any) => [s.sagsnummer, s.status, s.access])).toEqual([
      ['24-000233', 'proposed', 'closed'],
      ['23-002657', 'decided', 'open'],
    ]);
    const social = await http(url(`/sager?kommune=Lejre&committee=${encodeURIComponent('Social, Sundhed og Ældre')}&status=decided`));
    expect(social.body.items).toEqual([
      expect.objectContaining({
        sagsnummer: '23-002657',
        lastCommittee: 'Økonomiudvalget',
        recommendedTo: null,
        committees: [
          expect.objectContaining({ committeeKey: 'social, sundhed og ældre' }),
          expect.objectContaining({ committeeKey: 'økonomiudvalget' }),
        ],
      }),
    ]);
    const paged = await http(url('/sager?kommune=Lejre&limit=1'));
    const next = await http(url(`/sager?kommune=Lejre&limit=1&cursor=${paged.body.nextCursor}`));
    expect([...paged.body.items, ...next.body.items].map((s: any) => s.sagsnummer)).toEqual(['24-000233', '23-002657']);
  });

  it.each([
    ['an operator instead of a string', '/sager?kommune[$gt]=a'],
    ['an array instead of a string', '/sager?kommune=Lejre&kommune=Randers'],
    ['a missing kommune', '/sager?status=decided'],
    ['an unknown parameter', '/sager?kommune=Lejre&sort=title'],
    ['a limit of 0', '/sager?kommune=Lejre&limit=0'],
    ['a limit above 500', '/sager?kommune=Lejre&limit=501'],
    ['a limit that is not a number', '/sager?kommune=Lejre&limit=ten'],
    ['an unknown status', '/sager?kommune=Lejre&status=closed'],
    ['a date that is not a date', '/sager?kommune=Lejre&from=2024-02-30'],
    ['from after to', '/sager?kommune=Lejre&from=2024-03-01&to=2024-02-01'],
    ['a cursor not made by this API', '/sager?kommune=Lejre&cursor=bm9wZQ'],
    ['an outcome filter with an operator', '/decisions?kommune=Lejre&outcome[$ne]=x'],
    ['an unknown outcome', '/decisions?kommune=Lejre&outcome=recommend'],
    ['a committee list without kommune', '/committees'],
    ['a decisions cursor on the sager list', '/sager?kommune=Lejre&cursor=WyJkZWNpc2lvbnMiLCIyMDI0LTAyLTIxIiwiNSJd'],
  ])('refuses %s with 400 problem+json', async (_what, path) => {
    const res = await http(url(path));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, code: expect.stringMatching(/^(request\.invalid|read-model\.invalid-cursor)$/) });
  });

  it('lists committees and a committee’s meetings', async () => {
    const committees = await http(url('/committees?kommune=Lejre'));
    expect(committees.body.items).toEqual([
      {
        committee: 'Social, Sundhed & Ældre - 2022-2025',
        committeeKey: 'social, sundhed og ældre',
        period: '2022-2025',
        periods: ['2022-2025'],
        aliases: ['social, sundhed & ældre', 'SSÆ'],
        meetings: 1,
        items: 1,
        firstMeeting: '2024-02-05',
        lastMeeting: '2024-02-05',
      },
      {
        committee: 'Økonomiudvalget',
        committeeKey: 'økonomiudvalget',
        period: null,
        periods: [],
        aliases: ['økonomiudvalget', 'ØU'],
        meetings: 1,
        items: 2,
        firstMeeting: '2024-02-21',
        lastMeeting: '2024-02-21',
      },
    ]);
    const meetings = await http(url(`/committees/Lejre/${encodeURIComponent('økonomiudvalget')}/meetings`));
    expect(meetings.status).toBe(200);
    expect(meetings.body).toEqual({
      items: [
        {
          meetingDate: '2024-02-21',
          committee: 'Økonomiudvalget',
          committeeKey: 'økonomiudvalget',
          items: [
            {
              item: 12,
              sagsnummer: '23-002657',
              title: 'Status på kvartalsplaner',
              step: 'decided',
              outcome: 'approved',
              recommendedTo: null,
              access: 'open',
            },
            {
              item: 13,
              sagsnummer: '24-000233',
              title: 'Lukket sag',
              step: 'proposed',
              outcome: null,
              recommendedTo: null,
              access: 'closed',
            },
          ],
        },
      ],
      nextCursor: null,
    });
  });

  it('keeps a decision log filtered by outcome', async () => {
    const res = await http(url('/decisions?kommune=Lejre&outcome=recommended'));
    expect(res.body.items).toEqual([
      expect.objectContaining({
        sagsnummer: '23-002657',
        meetingDate: '2024-02-05',
        step: 'recommended',
        recommendedTo: 'Økonomiudvalget',
        text: 'Anbefales',
      }),
    ]);
  });

  it("serves a sag's history folded from its stream, as its summary tells it", async () => {
    const history = await http(url('/sager/Lejre/23-002657'));
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      kommune: 'Lejre',
      title: 'Status på kvartalsplaner',
      status: 'decided',
      access: 'open',
      revision: 3,
    });
    expect(history.body.timeline.map((e: any) => [e.date, e.kind])).toEqual([
      ['2024-02-05', 'proposed'],
      ['2024-02-05', 'recommended'],
      ['2024-02-21', 'proposed'],
      ['2024-02-21', 'decided'],
    ]);
    const summary = (await http(url('/sager?kommune=Lejre&q=23-002657'))).body.items[0];
    expect([summary.title, summary.status, summary.access, summary.revision]).toEqual(['Status på kvartalsplaner', 'decided', 'open', 3]);
    expect((await http(url('/sager/Lejre/nope'))).body).toMatchObject({ status: 404, code: 'sag.not-found' });
  });

  it('keeps the first item titling a sag when a second item of the same meeting names it too, and finds it by either title', async () => {
    const second = { ...social, item: 5, title: 'Takster for madservice', proposedBy: null, proposal: 'at taksterne godkendes' };
    expect((await http(url('/sager/Lejre/23-002657/proposals'), { body: second })).status).toBe(201);
    await caughtUp();
    const found = async (q: string) =>
      (await http(url(`/sager?kommune=Lejre&q=${encodeURIComponent(q)}`))).body.items.map((s: any) => [s.sagsnummer, s.title]);
    expect(await found('kvartalsplaner')).toEqual([['23-002657', 'Status på kvartalsplaner']]);
    // Every item title finds its sag, not only the one titling it.
    expect(await found('madservice')).toEqual([['23-002657', 'Status på kvartalsplaner']]);
    expect((await http(url('/sager/Lejre/23-002657'))).body.title).toBe('Status på kvartalsplaner');
  });

  it('makes a write visible once waitForPosition resolves (read-your-writes)', async () => {
    expect(
      (await http(url('/sager/Lejre/24-000233/decisions'), { body: { ...oekonomi, item: 13, outcome: 'postponed', text: 'Udsat' } }))
        .status,
    ).toBe(201);
    await caughtUp();
    const res = await http(url('/sager?kommune=Lejre&status=postponed'));
    expect(res.body.items.map((s: any) => s.sagsnummer)).toEqual(['24-000233']);
  });

  it('reports projection lag in /health and /metrics', async () => {
    const health = await http(url('/health'));
    expect(health.body.projections['sag-read-model']).toMatchObject({
      status: 'live',
      lagPositions: 0,
      lagSeconds: 0,
      checkpoint: health.body.eventStore.headPosition,
      projector: expect.objectContaining({ running: true, mode: 'live' }),
    });
    const metrics = await fetch(url('/metrics'));
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('sagsspor_projection_lag_positions{projection="sag-read-model"} 0');
    expect(text).toContain('sagsspor_projection_lag_seconds{projection="sag-read-model"} 0');
    expect(text).toMatch(/sagsspor_projection_events_total\{projection="sag-read-model"\} [1-9]/);
    // The embedded store has no other writers: nothing skipped (EventStoreDB counts what it skips).
    expect(text).toContain('sagsspor_event_store_foreign_events_skipped_total 0');
  });

  it('keeps serving its model after a restart, and catches up on what was written while it was down', async () => {
    await api.stop();
    api = await startApi(dataDir, { env: { SAGSSPOR_PROJECTOR: 'off' } });
    expect(
      (await http(url('/sager/Lejre/25-000001/proposals'), { body: { ...social, item: 9, title: 'Ny sag', proposal: 'x' } })).status,
    ).toBe(201);
    // No projector: the model is still served, one event behind.
    expect((await http(url('/health'))).body.projections['sag-read-model']).toMatchObject({
      status: 'live',
      lagPositions: 1,
      projector: null,
    });
    expect((await http(url('/sager?kommune=Lejre'))).body.items).toHaveLength(2);
    await api.stop();
    delete process.env['SAGSSPOR_PROJECTOR'];
    api = await startApi(dataDir);
    await caughtUp();
    expect((await http(url('/sager?kommune=Lejre'))).body.items.map((s: any) => s.sagsnummer)).toEqual([
      '24-000233',
      '23-002657',
      '25-000001',
    ]);
  });
});
