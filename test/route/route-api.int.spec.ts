import { ProjectorService } from '@sagsspor/read-model';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { HANDLEPLAN_MINUTES, SAGER, TRAFIK_MINUTES, type Minutes } from './route-minutes';
import { SAFETY_BOUND_MS } from '../support/bounds';

const TMU = { committee: 'Teknik- og miljøudvalget', committeeKey: 'teknik og miljøudvalget' };
const KFU = { committee: 'Kultur- og fritidsudvalget', committeeKey: 'kultur og fritidsudvalget' };
const OEU = { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' };
const BY = { committee: 'Byrådet', committeeKey: 'byrådet' };

describe('following a sag along its route (real HTTP, embedded store, minutes we wrote)', () => {
  let api: RunningApi;
  const url = (p: string) => `${api.url}${p}`;
  const sag = (n: string) => `/sager/S%C3%B8vang/${encodeURIComponent(n)}`;
  const post = (m: Minutes) =>
    http(url('/imports?kommune=S%C3%B8vang'), {
      method: 'POST',
      rawBody: m.text,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const caughtUp = async () => {
    const head = BigInt((await http(url('/health'))).body.eventStore.headPosition);
    expect(await api.app.get(ProjectorService).waitForPosition(head, SAFETY_BOUND_MS)).toBe(true);
  };
  const importAll = async (docs: readonly Minutes[]) => {
    for (const d of docs) expect((await post(d)).status).toBe(200);
    await caughtUp();
  };

  beforeAll(async () => {
    delete process.env['SAGSSPOR_PROJECTOR'];
    api = await startApi(tempDataDir());
  });
  afterAll(async () => {
    await api.stop();
  });

  describe('a route printed in another order than the committees meet', () => {
    beforeAll(async () => {
      await importAll(TRAFIK_MINUTES.slice(0, 3));
    });

    it('sends every recommendation to the deciding body, never to a committee that treated the sag before', async () => {
      const h = (await http(url(sag(SAGER.trafik)))).body;
      const recommendations = h.timeline.filter((e: any) => e.kind === 'recommended');
      expect(recommendations.map((e: any) => [e.committee, e.recommendedTo])).toEqual([
        ['Kultur- og Fritidsudvalget - 2022-2025', 'Byrådet'],
        ['Klimaudvalget - 2022-2025', 'Byrådet'],
        ['Teknik- og Miljøudvalget - 2022-2025', 'Byrådet'],
      ]);
    });

    it('gives next = the first planned stop not visited, lists the unplanned committee as extra', async () => {
      const res = await http(url(sag(SAGER.trafik)));
      expect(res.body.route).toMatchObject({
        via: [TMU, KFU, OEU],
        decidingBody: BY,
        now: { committeeKey: 'teknik og miljøudvalget', date: '2024-03-11' },
        next: OEU,
        pending: [OEU],
        extra: [{ committee: 'Klimaudvalget - 2022-2025', committeeKey: 'klimaudvalget' }],
        skipped: [],
        final: false,
      });
      expect(res.body.route.visited.map((v: any) => [v.committeeKey, v.date, v.item, v.kind])).toEqual([
        ['kultur og fritidsudvalget', '2024-03-04', 4, 'recommended'],
        ['klimaudvalget', '2024-03-06', 2, 'recommended'],
        ['teknik og miljøudvalget', '2024-03-11', 5, 'recommended'],
      ]);
      expect(res.body.route.sources).toEqual([
        {
          kind: 'indstilling',
          text: 'til byrådet via teknik- og miljøudvalget, kultur- og fritidsudvalget og økonomiudvalget',
          document: expect.any(String),
          line: 19,
        },
      ]);
    });

    it('lists it in GET /sager with now/next/final, under ?next= and in the committee pipeline', async () => {
      const list = await http(url('/sager?kommune=S%C3%B8vang&next=%C3%98konomiudvalget'));
      expect(list.body.items).toEqual([
        expect.objectContaining({
          sagsnummer: SAGER.trafik,
          next: OEU,
          final: false,
          now: expect.objectContaining({ date: '2024-03-11' }),
        }),
      ]);
      const pipeline = await http(url(`/committees/S%C3%B8vang/${encodeURIComponent('økonomiudvalget')}/pipeline`));
      expect(pipeline.status).toBe(200);
      expect(pipeline.body.items).toEqual([
        {
          sagsnummer: SAGER.trafik,
          title: 'Ny trafikplan for Søvang',
          status: 'recommended',
          access: 'open',
          since: '2024-03-11',
          from: { committee: 'Teknik- og Miljøudvalget - 2022-2025', committeeKey: 'teknik og miljøudvalget' },
          next: OEU,
        },
      ]);
      expect((await http(url('/sager?kommune=S%C3%B8vang&next=byr%C3%A5det'))).body.items).toEqual([]);
      const stale = await http(url('/sager?kommune=S%C3%B8vang&next=%C3%98konomiudvalget&stale=P90D'));
      expect(stale.status).toBe(200);
      expect(stale.body.items.map((s: any) => s.sagsnummer)).toEqual([SAGER.trafik]);
      expect((await http(url('/sager?kommune=S%C3%B8vang&stale=90%20days'))).status).toBe(400);
    });

    it('a final decision by the deciding body sets final and lists the skipped stop; another body\'s lower-case "Beslutning" block enriches, never duplicates', async () => {
      const before = (await http(url(sag(SAGER.trafik)))).body.timeline.length;
      await importAll(TRAFIK_MINUTES.slice(3));
      const h = (await http(url(sag(SAGER.trafik)))).body;
      expect(h.timeline.filter((e: any) => e.committeeKey === 'teknik og miljøudvalget' && e.kind === 'recommended')).toHaveLength(1);
      expect(h.timeline.length).toBe(before + 2); // Byrådet's proposal and decision only
      expect(h.route).toMatchObject({ now: { committeeKey: 'byrådet' }, next: null, final: true, skipped: [OEU], pending: [OEU] });
      const list = (await http(url('/sager?kommune=S%C3%B8vang&q=trafikplan'))).body.items;
      expect(list).toEqual([expect.objectContaining({ final: true, next: null })]);
      expect((await http(url(`/committees/S%C3%B8vang/${encodeURIComponent('Økonomiudvalget')}/pipeline`))).body.items).toEqual([]);
    });
  });

  describe('the SSÆ/BU/JAI title prefix with Beslutningskompetence Økonomiudvalget', () => {
    it('plans via SSÆ, BU, JAI to Økonomiudvalget, reports what one document cannot resolve, and after JAI next is Økonomiudvalget', async () => {
      const jai = HANDLEPLAN_MINUTES[2] as Minutes;
      const first = await post(jai);
      expect(first.body.warnings).toEqual([
        expect.objectContaining({ line: expect.any(Number), sagsnummer: SAGER.handleplan, message: expect.stringContaining('"SSÆ"') }),
        expect.objectContaining({ line: expect.any(Number), sagsnummer: SAGER.handleplan, message: expect.stringContaining('"BU"') }),
      ]);
      await importAll(HANDLEPLAN_MINUTES.slice(0, 2));
      const route = (await http(url(sag(SAGER.handleplan)))).body.route;
      expect(route.via.map((s: any) => s.committeeKey)).toEqual([
        'social, sundhed og ældre',
        'børn og unge',
        'job, arbejdsmarked og integration',
      ]);
      expect(route).toMatchObject({ decidingBody: OEU, next: OEU, pending: [], extra: [], final: false });
      expect(route.now).toMatchObject({ committeeKey: 'job, arbejdsmarked og integration', date: '2024-02-07' });
    });

    it('shows each committee with its period and its abbreviations', async () => {
      const committees = (await http(url('/committees?kommune=S%C3%B8vang'))).body.items;
      expect(committees).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            committeeKey: 'social, sundhed og ældre',
            period: '2022-2025',
            periods: ['2022-2025'],
            aliases: expect.arrayContaining(['SSÆ']),
          }),
          expect.objectContaining({
            committeeKey: 'teknik og miljøudvalget',
            period: '2022-2025',
            aliases: expect.arrayContaining(['TM', 'TMU']),
          }),
        ]),
      );
    });
  });

  describe('PUT /sager/{k}/{n}/route', () => {
    const put = (n: string, body: unknown, headers: Record<string, string> = {}) =>
      http(url(`${sag(n)}/route`), { method: 'PUT', body, headers });
    const revision = async (n: string) => (await http(url(sag(n)))).headers.get('etag');

    it('sets a new version (abbreviations resolve), keeps the old one for ?asOf, and records nothing for the same route again', async () => {
      const etag = (await revision(SAGER.handleplan)) ?? '';
      const res = await put(
        SAGER.handleplan,
        { via: ['SSÆ', 'BU', 'JAI', 'Økonomiudvalget'], decidingBody: 'Byrådet', reason: 'Skal også i byrådet' },
        { 'if-match': etag },
      );
      expect(res.status).toBe(201);
      const h = await http(url(sag(SAGER.handleplan)));
      expect(h.headers.get('etag')).toBe(`"${res.body.revision}"`);
      expect(h.body.route).toMatchObject({ decidingBody: BY, next: OEU, pending: [OEU] });
      expect(h.body.route.sources).toEqual([{ kind: 'clerk', text: 'Skal også i byrådet', document: null, line: null }]);
      const asOf = await http(url(`${sag(SAGER.handleplan)}?asOf=2024-02-07`));
      expect(asOf.body.route).toMatchObject({ decidingBody: OEU, next: OEU });
      const again = await put(SAGER.handleplan, { via: ['SSÆ', 'BU', 'JAI', 'ØU'], decidingBody: 'byrådet' });
      expect(again.status).toBe(200);
      expect(again.body.appended).toBe(0);
    });

    it.each([
      ['a body no committee of the kommune is known as', { via: ['Fantasiudvalget'], decidingBody: 'Byrådet' }, 400, 'committee.unknown'],
      ['an empty via-list and no deciding body', { via: [] }, 400, 'sag.route-empty'],
      ['a committee named twice', { via: ['ØU', 'Økonomiudvalget'] }, 400, 'sag.route-repeated-stop'],
      ['no via-list at all', { decidingBody: 'Byrådet' }, 400, 'request.invalid'],
    ])('refuses %s with problem+json and appends nothing', async (_what, body, status, code) => {
      const etag = await revision(SAGER.trafik);
      const res = await put(SAGER.trafik, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await revision(SAGER.trafik)).toBe(etag);
    });

    it('refuses a route for an unknown sag (404) and a stale If-Match (409), appending nothing', async () => {
      const unknown = await put('99-999999', { via: ['ØU'], decidingBody: 'Byrådet' });
      expect(unknown.status).toBe(404);
      expect((await http(url(sag('99-999999')))).status).toBe(404);
      const etag = await revision(SAGER.trafik);
      const stale = await put(SAGER.trafik, { via: ['ØU'], decidingBody: 'Byrådet' }, { 'if-match': '"1"' });
      expect(stale.status).toBe(409);
      expect(await revision(SAGER.trafik)).toBe(etag);
    });
  });
});
