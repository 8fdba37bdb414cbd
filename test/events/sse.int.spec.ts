import { INTEGRATION_EVENT_TYPES, CLOSED_NOTICE } from '@sagsspor/integration-events';
import { integrationEventErrors } from '../../libs/integration-events/testing/schema-validator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from '../security/support/keys';
import { SseClient, type SseMessage } from './support/sse-client';
import { meeting, recordDecision } from './support/sager';
import { SAFETY_BOUND_MS } from '../support/bounds';

const LEJRE = '/sager/Lejre/23-002657';
const RANDERS = '/sager/Randers/19%2F3742';
const OU = 'Økonomiudvalget - 2022-2025';

describe('GET /events (SSE over real HTTP)', () => {
  let api: RunningApi;
  const clients: SseClient[] = [];
  const connect = async (query = '', lastEventId?: string) => {
    const client = await SseClient.connect(`${api.url}/events${query}`, lastEventId === undefined ? {} : { lastEventId });
    clients.push(client);
    return client;
  };
  const ids = (messages: SseMessage[]) => messages.map((m) => (JSON.parse(m.data) as { id: string }).id);

  beforeAll(async () => {
    process.env.SAGSSPOR_SSE_HEARTBEAT_MS = '100';
    api = await startApi();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    delete process.env.SAGSSPOR_SSE_HEARTBEAT_MS;
    await api.stop();
  });

  it('streams live events with the position as id, and a reconnect with Last-Event-ID gets exactly what it missed', async () => {
    const first = await connect();
    expect(first.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const before: string[] = [];
    for (let n = 0; n < 3; n++) before.push(...(await recordDecision(api.url, LEJRE, meeting(OU, n))));
    const seen = await first.take(6);
    expect(ids(seen)).toEqual(before);
    expect(seen.map((m) => m.event)).toEqual(Array(3).fill([INTEGRATION_EVENT_TYPES.proposed, INTEGRATION_EVENT_TYPES.decided]).flat());
    const positions = seen.map((m) => BigInt(m.id));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    for (const m of seen) {
      const event = JSON.parse(m.data);
      expect(event.sagssporposition).toBe(m.id);
      expect(integrationEventErrors(event)).toEqual([]);
    }
    first.close();

    const missed: string[] = [];
    for (let n = 3; n < 6; n++) missed.push(...(await recordDecision(api.url, LEJRE, meeting(OU, n))));
    const again = await connect('', first.lastEventId);
    expect(ids(await again.take(6))).toEqual(missed);
    const later = await recordDecision(api.url, LEJRE, meeting(OU, 6));
    expect(ids(await again.take(2))).toEqual(later);
    expect(again.messages).toHaveLength(8);
  });

  it('resumes after ?after=, and Last-Event-ID wins over it', async () => {
    const head = await connect();
    const recorded = await recordDecision(api.url, LEJRE, meeting(OU, 7));
    const [proposed] = await head.take(2);
    const viaQuery = await connect(`?after=${proposed?.id}`);
    expect(ids(await viaQuery.take(1))).toEqual([recorded[1]]);
    const viaHeader = await connect('?after=0', proposed?.id);
    expect(ids(await viaHeader.take(1))).toEqual([recorded[1]]);
  });

  it('filters by type, kommune and committee (by key) over the history', async () => {
    await recordDecision(api.url, RANDERS, { committee: 'Byrådet', meetingDate: '2024-05-01', item: 3 });
    const randers = await recordDecision(api.url, RANDERS, { committee: 'Økonomiudvalget', meetingDate: '2024-05-02', item: 4 });
    const client = await connect(
      `?after=0&types=${INTEGRATION_EVENT_TYPES.decided}&kommune=randers,Odder&committee=${encodeURIComponent('Økonomiudvalget (2022-2025)')}`,
    );
    const [only] = await client.take(1);
    expect(ids([only as SseMessage])).toEqual([randers[1]]);
    expect(JSON.parse(only?.data ?? '{}').data).toMatchObject({
      kommune: 'Randers',
      sagsnummer: '19/3742',
      link: '/sager/Randers/19%2F3742',
    });
    await client.until(() => client.comments.length > 0, SAFETY_BOUND_MS, 'a heartbeat');
    expect(client.messages).toHaveLength(1);
  });

  it('sends heartbeats as comment lines', async () => {
    const client = await connect();
    await client.until(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, SAFETY_BOUND_MS, 'two heartbeats');
  });

  it('is described in the OpenAPI document, with the webhook routes', async () => {
    const res = await http(`${api.url}/docs-json`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/events', '/webhooks', '/webhooks/{id}', '/webhooks/{id}/resume']),
    );
  });

  describe('bad requests get 400 problem+json', () => {
    it.each([
      ['an unknown type', '?types=dk.sagsspor.sag.deleted.v1', undefined, 'events.invalid-filter'],
      ['an empty type list', '?types=', undefined, 'events.invalid-filter'],
      ['a bad kommune', '?kommune=%3Cscript%3E', undefined, 'events.invalid-filter'],
      // A global input guard may refuse control characters before the filter sees them: either 400 is right.
      ['a control character in a committee', '?committee=a%0Ab', undefined, /^(events\.invalid-filter|request\.unsafe-input)$/],
      ['a negative after', '?after=-1', undefined, 'events.invalid-position'],
      ['a text after', '?after=abc', undefined, 'events.invalid-position'],
      ['a bad Last-Event-ID', '', 'x1', 'events.invalid-position'],
      ['an after beyond 2^64-1', '?after=18446744073709551616', undefined, 'events.invalid-position'],
      ['an after this log never reached', '?after=999999999', undefined, 'event-store.invalid-position'],
      ['a Last-Event-ID this log never reached', '', '999999999', 'event-store.invalid-position'],
      ['an unknown parameter', '?kommuner=Lejre', undefined, 'request.unknown-parameter'],
    ] as [string, string, string | undefined, string | RegExp][])('%s', async (_what, query, lastEventId, code) => {
      const res = await http(`${api.url}/events${query}`, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: typeof code === 'string' ? code : expect.stringMatching(code) });
    });
  });
});

describe('GET /events at shutdown', () => {
  it('ends open streams so the server can close', async () => {
    const api = await startApi();
    const client = await SseClient.connect(`${api.url}/events?after=0`);
    // A stream left open would keep the server from closing: stop() would never resolve (jest's bound fails the run).
    await api.stop();
    await client.until(() => client.ended, SAFETY_BOUND_MS, 'the stream to end').catch(() => undefined);
    expect(client.ended).toBe(true);
  });
});

describe('GET /events and closed items', () => {
  let api: RunningApi;
  let keys: ReturnType<typeof createKeys>;
  const clients: SseClient[] = [];
  const connect = async (key: string) => {
    const client = await SseClient.connect(`${api.url}/events`, { headers: bearer(key) });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const dataDir = tempDataDir();
    keys = createKeys(dataDir);
    api = await startApi(dataDir, { auth: 'api-key' });
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await api.stop();
  });

  it('shows readers a closed item redacted, and auditors its content', async () => {
    const [reader, auditor] = [await connect(keys.reader), await connect(keys.auditor)];
    await recordDecision(
      api.url,
      '/sager/Lejre/24-000001',
      { committee: 'Økonomiudvalget', meetingDate: '2024-06-03', item: 1 },
      { access: 'closed', text: 'Godkendt, købesum 4 mio.' },
      bearer(keys.clerk),
    );
    for (const m of await reader.take(2)) {
      expect(m.data).not.toMatch(/købesum|kvartalsplaner|godkender planen|Direktionen/);
      expect(JSON.parse(m.data).data).toMatchObject({ access: 'closed', redacted: true, text: CLOSED_NOTICE });
    }
    const [proposed, decided] = await auditor.take(2);
    expect(JSON.parse(proposed?.data ?? '{}').data).toMatchObject({ proposedBy: 'Direktionen' });
    expect(JSON.parse(decided?.data ?? '{}').data).toMatchObject({ access: 'closed', redacted: false, text: 'Godkendt, købesum 4 mio.' });
  });
});
