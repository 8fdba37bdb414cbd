import { CLOSED_NOTICE, INTEGRATION_EVENT_TYPES } from '@sagsspor/integration-events';
import { integrationEventErrors } from '../../libs/integration-events/testing/schema-validator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from '../security/support/keys';
import { TestReceiver } from './support/receiver';
import { SseClient } from './support/sse-client';
import { proposal } from './support/sager';

const SAG = '/sager/Lejre/24-000777';
const SECRET = 'købesum 4 mio. kr.';

/** Routes and final decisions reach every subscriber as the other events do: in order, valid by the schemas, closed content redacted. */
describe('routed and final decided events over SSE and webhooks (real HTTP)', () => {
  let api: RunningApi;
  let receiver: TestReceiver;
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
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await api.stop();
    await receiver.down();
  });

  it('given a closed sag routed via Økonomiudvalget to Byrådet, when Byrådet approves, then subscribers get the route (redacted without closed access) and a final decision', async () => {
    const hook = await http(`${api.url}/webhooks`, {
      body: { url: receiver.url, types: ['routed', 'decided'] },
      headers: bearer(keys.admin),
    });
    expect(hook.status).toBe(201);
    const [reader, auditor] = [await connect(keys.reader), await connect(keys.auditor)];
    const clerk = bearer(keys.clerk);
    const closed = { ...proposal, access: 'closed', proposal: `1. at grunden købes, ${SECRET}` };
    const oeu = { committee: 'Økonomiudvalget', meetingDate: '2024-06-03', item: 4 };
    const recommended = await http(`${api.url}${SAG}/recommendations`, {
      body: { ...oeu, recommendedTo: 'Byrådet', text: 'Indstillingen anbefales.', proposal: closed },
      headers: clerk,
    });
    expect(recommended.status).toBe(201);
    const routed = await http(`${api.url}${SAG}/route`, {
      method: 'PUT',
      body: { via: ['Økonomiudvalget'], decidingBody: 'Byrådet', reason: `Indstilles til byrådet via økonomiudvalget, ${SECRET}` },
      headers: clerk,
    });
    expect(routed.status).toBe(201);
    const decided = await http(`${api.url}${SAG}/decisions`, {
      body: { committee: 'Byrådet', meetingDate: '2024-06-19', item: 9, outcome: 'approved', text: 'Godkendt.', proposal: closed },
      headers: clerk,
    });
    expect(decided.status).toBe(201);

    const types = ['proposed', 'recommended', 'routed', 'proposed', 'decided'].map(
      (t) => INTEGRATION_EVENT_TYPES[t as keyof typeof INTEGRATION_EVENT_TYPES],
    );
    const read = (await reader.take(5)).map((m) => JSON.parse(m.data));
    expect(read.map((e) => e.type)).toEqual(types);
    for (const e of read) expect(integrationEventErrors(e)).toEqual([]);
    expect(JSON.stringify(read)).not.toContain(SECRET);
    expect(read[2].data).toMatchObject({
      via: [{ committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' }],
      decidingBodies: [{ committee: 'Byrådet', committeeKey: 'byrådet' }],
      sources: [{ kind: 'clerk', text: CLOSED_NOTICE }],
      access: 'closed',
      redacted: true,
    });
    expect(read[4].data).toMatchObject({ outcome: 'approved', final: true, redacted: true });

    const audited = (await auditor.take(5)).map((m) => JSON.parse(m.data));
    expect(audited[2].data).toMatchObject({ redacted: false, sources: [{ kind: 'clerk', text: expect.stringContaining(SECRET) }] });

    await receiver.waitFor(() => receiver.accepted.length === 2);
    const hooked = receiver.accepted.map((r) => JSON.parse(r.body));
    expect(hooked.map((e) => e.type)).toEqual([INTEGRATION_EVENT_TYPES.routed, INTEGRATION_EVENT_TYPES.decided]);
    expect(hooked.map((e) => e.id)).toEqual([audited[2].id, audited[4].id]);
    expect(JSON.stringify(hooked)).not.toContain(SECRET);
    expect(hooked[1].data).toMatchObject({ final: true });
    for (const e of hooked) expect(integrationEventErrors(e)).toEqual([]);
  });
});
