import { INTEGRATION_EVENT_TYPES } from '@sagsspor/integration-events';
import { integrationEventErrors } from '../../libs/integration-events/testing/schema-validator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from '../security/support/keys';
import { TestReceiver } from './support/receiver';
import { SseClient } from './support/sse-client';
import { recordDecision } from './support/sager';

const SAG = '/sager/Lejre/24-000555';
const treatment = { committee: 'Økonomiudvalget', meetingDate: '2024-06-03', item: 4 };
const SECRET = /Strandvejen|købesum|kvartalsplaner|godkender planen|Direktionen/;

/**
 * A clerk corrects a decision, then corrects its proposal's access to closed,
 * then corrects the decision again: an SSE client and a webhook receiver each
 * get the corrections in order, once, `supersedes` naming the event each
 * replaces; a subscriber without closed access never sees the content once closed.
 */
describe('corrections told to subscribers (SSE and webhooks, real HTTP)', () => {
  let api: RunningApi;
  let receiver: TestReceiver;
  let keys: ReturnType<typeof createKeys>;
  const clients: SseClient[] = [];
  const connect = async (key: string, after = '0') => {
    const client = await SseClient.connect(`${api.url}/events?after=${after}`, { headers: bearer(key) });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    process.env.SAGSSPOR_WEBHOOK_CHECKPOINT_MS = '50';
    const dataDir = tempDataDir();
    keys = createKeys(dataDir);
    api = await startApi(dataDir, { auth: 'api-key' });
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await api.stop();
    await receiver.down();
    delete process.env.SAGSSPOR_WEBHOOK_CHECKPOINT_MS;
  });

  it('delivers corrected events in order, once, each superseding the right event; closed from the access correction on', async () => {
    const admin = bearer(keys.admin);
    const hook = await http(`${api.url}/webhooks`, { headers: admin, body: { url: `${receiver.url}/c` } });
    expect(hook.status).toBe(201);
    const [liveReader, liveAuditor] = [await connect(keys.reader), await connect(keys.auditor)];

    const [proposed, decided] = await recordDecision(
      api.url,
      SAG,
      treatment,
      { text: 'Godkendt, købesum 4 mio. (Strandvejen 2)' },
      bearer(keys.clerk),
    );
    // Once the item is closed, only a caller with closed access may correct it (an admin here; a clerk gets 409).
    const correct = async (corrects: string, changes: object, key = keys.clerk) => {
      const etag = (await http(`${api.url}${SAG}`, { headers: bearer(key) })).headers.get('etag') ?? '';
      const res = await http(`${api.url}${SAG}/corrections`, {
        headers: { ...bearer(key), 'if-match': etag },
        body: { corrects, reason: 'Rettet efter referatet', changes },
      });
      expect(res.status).toBe(201);
      return res.body.eventIds[0] as string;
    };
    const c1 = await correct(decided as string, { text: 'Godkendt, købesum 4,2 mio. (Strandvejen 2)' });
    const c2 = await correct(proposed as string, { access: 'closed' });
    const c3 = await correct(c1, { outcome: 'rejected', text: 'Forkastet, købesum 4,2 mio. (Strandvejen 2)' }, keys.admin);
    const ids = [proposed, decided, c1, c2, c3];
    const supersedes = [null, null, decided, proposed, c1];
    const types = ['proposed', 'decided', 'corrected', 'corrected', 'corrected'].map((t) => `dk.sagsspor.sag.${t}.v1`);

    const auditorSaw = (await liveAuditor.take(5)).map((m) => JSON.parse(m.data));
    expect(auditorSaw.map((e) => [e.id, e.type, e.data.supersedes])).toEqual(ids.map((id, i) => [id, types[i], supersedes[i]]));
    expect(auditorSaw[4].data).toMatchObject({ outcome: 'rejected', step: 'decided', correction: { reason: 'Rettet efter referatet' } });
    for (const e of auditorSaw) expect(integrationEventErrors(e)).toEqual([]);

    const readerSaw = (await liveReader.take(5)).map((m) => JSON.parse(m.data));
    expect(readerSaw.map((e) => e.id)).toEqual(ids);
    for (const e of readerSaw.slice(3)) {
      expect(e.data).toMatchObject({ access: 'closed', redacted: true });
      expect(JSON.stringify(e)).not.toMatch(SECRET);
    }
    // A reader replaying from the start after the access correction sees nothing of it either.
    const replay = (await (await connect(keys.reader)).take(5)).map((m) => JSON.parse(m.data));
    expect(replay.map((e) => e.id)).toEqual(ids);
    for (const e of replay) expect(JSON.stringify(e)).not.toMatch(SECRET);

    const delivered = () => receiver.accepted.filter((r) => r.path === '/hooks/sagsspor/c');
    await receiver.waitFor(() => new Set(delivered().map((r) => r.id)).size >= 5);
    const hooked = delivered().map((r) => JSON.parse(r.body));
    expect(hooked.map((e) => [e.id, e.type, e.data.supersedes])).toEqual(ids.map((id, i) => [id, types[i], supersedes[i]]));
    for (const e of hooked.slice(3)) expect(JSON.stringify(e)).not.toMatch(SECRET);
    expect(INTEGRATION_EVENT_TYPES.corrected).toBe(types[2]);
  });
});
