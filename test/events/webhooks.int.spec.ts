import { Webhook } from 'standardwebhooks';
import { CLOSED_NOTICE, INTEGRATION_EVENT_TYPES } from '@sagsspor/integration-events';
import { integrationEventErrors } from '../../libs/integration-events/testing/schema-validator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { distinctIds, TestReceiver, type ReceivedRequest } from './support/receiver';
import { meeting, recordDecision } from './support/sager';
import { SAFETY_BOUND_MS } from '../support/bounds';

const SAG = '/sager/Lejre/23-002657';
const OU = 'Økonomiudvalget';
const FAST_RETRIES = {
  SAGSSPOR_WEBHOOK_RETRY_BASE_MS: '20',
  SAGSSPOR_WEBHOOK_RETRY_MAX_MS: '150',
  SAGSSPOR_WEBHOOK_TIMEOUT_MS: '2000',
  SAGSSPOR_WEBHOOK_CHECKPOINT_MS: '50',
};

function useEnv(vars: Record<string, string>): () => void {
  Object.assign(process.env, vars);
  return () => Object.keys(vars).forEach((k) => delete process.env[k]);
}

/** Every request, retries included, verifies with the standardwebhooks package. */
function expectAllVerify(secret: string, requests: readonly ReceivedRequest[]): void {
  const verifier = new Webhook(secret);
  for (const r of requests) {
    expect(() =>
      verifier.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature }),
    ).not.toThrow();
    const event = JSON.parse(r.body);
    expect(event.id).toBe(r.id);
    expect(integrationEventErrors(event)).toEqual([]);
    expect(r.contentType).toBe('application/cloudevents+json; charset=utf-8');
  }
}

/** Retries of one event are the same message: same webhook-id, same body. */
function expectDuplicatesIdentical(requests: readonly ReceivedRequest[]): void {
  const bodies = new Map<string, string>();
  for (const r of requests) {
    expect(bodies.get(r.id) ?? r.body).toBe(r.body);
    bodies.set(r.id, r.body);
  }
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = SAFETY_BOUND_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('webhooks: a receiver that is down, then failing, gets everything, in order, signed', () => {
  let api: RunningApi;
  let receiver: TestReceiver;
  let restoreEnv: () => void;
  const dataDir = tempDataDir();
  const webhook = (id: string) => http(`${api.url}/webhooks/${id}`);

  beforeAll(async () => {
    restoreEnv = useEnv({ ...FAST_RETRIES, SAGSSPOR_WEBHOOK_MAX_ATTEMPTS: '100000' });
    api = await startApi(dataDir);
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    await api.stop();
    await receiver.down();
    restoreEnv();
  });

  it('survives an outage and a stretch of 500s, and a restart of the API', async () => {
    const created = await http(`${api.url}/webhooks`, { body: { url: receiver.url, types: [INTEGRATION_EVENT_TYPES.decided] } });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const decisions: string[] = [];
    const decide = async (n: number) => decisions.push((await recordDecision(api.url, SAG, meeting(OU, n)))[1] as string);

    await decide(0);
    await receiver.waitFor(() => receiver.accepted.length === 1);

    await receiver.down();
    for (let n = 1; n <= 4; n++) await decide(n);
    const retrying = await until(
      () => webhook(id),
      (r) => r.body.delivery.failingEvent?.attempts >= 3,
    );
    expect(retrying.body).toMatchObject({
      status: 'active',
      delivery: { failingEvent: { id: decisions[1] }, lastError: expect.stringMatching(/ECONNREFUSED/), nextAttemptAt: expect.any(String) },
    });

    receiver.status = 500;
    await receiver.up();
    await receiver.waitFor(() => receiver.requests.filter((r) => r.status === 500).length >= 3);
    for (let n = 5; n <= 6; n++) await decide(n);
    receiver.status = 204;
    await receiver.waitFor(() => receiver.accepted.length === decisions.length);

    // The API restarts while the receiver is down again: the checkpoint and the pending events survive.
    await receiver.down();
    for (let n = 7; n <= 8; n++) await decide(n);
    await api.stop();
    await receiver.up();
    api = await startApi(dataDir);
    await receiver.waitFor(() => distinctIds(receiver.accepted).length === decisions.length);
    await new Promise((r) => setTimeout(r, 200));

    expect(receiver.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(3);
    expect(distinctIds(receiver.accepted)).toEqual(decisions);
    expect(distinctIds(receiver.requests)).toEqual(decisions);
    expect(receiver.accepted.map((r) => r.id)).toEqual(decisions);
    expectAllVerify(secret, receiver.requests);
    expectDuplicatesIdentical(receiver.requests);
    const positions = receiver.accepted.map((r) => BigInt(JSON.parse(r.body).sagssporposition));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));

    const status = await until(
      () => webhook(id),
      (r) => r.body.delivery.caughtUp === true,
    );
    expect(status.body).toMatchObject({
      id,
      url: receiver.url,
      status: 'active',
      closedAccess: false,
      delivery: { lag: '0', failingEvent: null, nextAttemptAt: null, lastError: expect.any(String), lastDeliveredAt: expect.any(String) },
    });
    expect(status.body.delivery.checkpoint).toBe(status.body.delivery.headPosition);
    expect(JSON.stringify(status.body)).not.toContain(secret);
  });

  it('redacts closed items unless the subscription is granted closed access', async () => {
    const url = `${receiver.url}/closed`;
    const types = [INTEGRATION_EVENT_TYPES.proposed, INTEGRATION_EVENT_TYPES.decided];
    const created = await http(`${api.url}/webhooks`, { body: { url, types, kommune: ['Slagelse'] } });
    const { id } = created.body as { id: string };
    const delivered = (eventId: string | undefined) =>
      receiver.accepted.find((r) => r.id === eventId && r.path === '/hooks/sagsspor/closed');
    const closed = { access: 'closed' as const, text: 'Godkendt, købesum 4 mio.' };
    const [proposed, first] = await recordDecision(
      api.url,
      '/sager/Slagelse/24-1',
      { committee: OU, meetingDate: '2024-06-03', item: 1 },
      closed,
    );
    await receiver.waitFor(() => delivered(first) !== undefined && delivered(proposed) !== undefined);
    const redacted = JSON.parse(delivered(first)?.body ?? '{}');
    expect(redacted.data).toMatchObject({ access: 'closed', redacted: true, title: CLOSED_NOTICE, text: CLOSED_NOTICE, outcome: 'noted' });
    const redactedProposal = JSON.parse(delivered(proposed)?.body ?? '{}');
    expect(redactedProposal.data).toMatchObject({ redacted: true, proposedBy: CLOSED_NOTICE, proposal: CLOSED_NOTICE });

    expect((await http(`${api.url}/webhooks/${id}`, { method: 'PATCH', body: { closedAccess: 'yes' } })).status).toBe(400);
    const granted = await http(`${api.url}/webhooks/${id}`, { method: 'PATCH', body: { closedAccess: true } });
    expect(granted.status).toBe(200);
    const [, second] = await recordDecision(api.url, '/sager/Slagelse/24-1', { committee: OU, meetingDate: '2024-07-01', item: 2 }, closed);
    await receiver.waitFor(() => delivered(second) !== undefined);
    const open = JSON.parse(delivered(second)?.body ?? '{}');
    expect(open.data).toMatchObject({ access: 'closed', redacted: false, text: closed.text, title: 'Status på kvartalsplaner' });
    expect((await http(`${api.url}/webhooks/${id}`)).body.closedAccess).toBe(true);
  });

  it('lists, shows and deletes subscriptions, never showing a secret again', async () => {
    const created = await http(`${api.url}/webhooks`, {
      body: { url: 'https://example.org/hook', committee: ['Byrådet'], start: 'beginning' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://example.org/hook',
      filter: { types: null, kommune: null, committee: ['Byrådet'] },
      status: 'active',
      delivery: { checkpoint: null },
    });
    const list = await http(`${api.url}/webhooks`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toMatch(/whsec_|"secret"/);
    expect((await http(`${api.url}/webhooks/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const res of [
      await http(`${api.url}/webhooks/${created.body.id}`),
      await http(`${api.url}/webhooks/${created.body.id}`, { method: 'DELETE' }),
      await http(`${api.url}/webhooks/${created.body.id}/resume`, { method: 'POST' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('webhooks.not-found');
    }
  });

  it.each([
    ['an ftp URL', { url: 'ftp://example.org/x' }, 'webhooks.invalid'],
    ['a relative URL', { url: '/hooks' }, 'webhooks.invalid'],
    ['credentials in the URL', { url: 'https://user:pw@example.org/x' }, 'webhooks.invalid'],
    ['an unknown event type', { url: 'https://example.org/x', types: ['dk.sagsspor.sag.deleted.v1'] }, 'events.invalid-filter'],
    ['a bad kommune', { url: 'https://example.org/x', kommune: ['<b>'] }, 'events.invalid-filter'],
    ['closedAccess (admins only)', { url: 'https://example.org/x', closedAccess: true }, 'request.invalid'],
    ['types that are not a list', { url: 'https://example.org/x', types: 'dk.sagsspor.sag.decided.v1' }, 'request.invalid'],
    ['no url', { types: [] }, 'request.invalid'],
  ])('refuses %s with 400 problem+json', async (_what, body, code) => {
    const res = await http(`${api.url}/webhooks`, { body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
  });
});

describe('webhooks: targets that reach this machine', () => {
  it.each([
    'http://169.254.169.254/',
    'http://127.0.0.1:2113/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://localhost/',
    'http://[::1]:3000/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
  ])('refuses %s with 400 problem+json unless loopback is allowed by setting', async (url) => {
    const api = await startApi(tempDataDir(), { env: { SAGSSPOR_WEBHOOK_DISPATCHER: 'off', SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS: '' } });
    try {
      const res = await http(`${api.url}/webhooks`, { body: { url } });
      expect([res.status, res.body.code, res.headers.get('content-type')]).toEqual([
        400,
        'webhooks.invalid',
        expect.stringContaining('application/problem+json'),
      ]);
      expect((await http(`${api.url}/webhooks`)).body.items).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('takes a private-network target by default', async () => {
    const api = await startApi(tempDataDir(), { env: { SAGSSPOR_WEBHOOK_DISPATCHER: 'off', SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS: '' } });
    try {
      expect((await http(`${api.url}/webhooks`, { body: { url: 'http://10.20.30.40/hooks' } })).status).toBe(201);
    } finally {
      await api.stop();
    }
  });
});

describe('webhooks: pausing after too many failures, and resuming', () => {
  let api: RunningApi;
  let receiver: TestReceiver;
  let restoreEnv: () => void;

  beforeAll(async () => {
    restoreEnv = useEnv({ ...FAST_RETRIES, SAGSSPOR_WEBHOOK_MAX_ATTEMPTS: '3' });
    api = await startApi();
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    await api.stop();
    await receiver.down();
    restoreEnv();
  });

  it('pauses on the failing event, keeps it, and replays from it on resume', async () => {
    receiver.status = 503;
    const { id, secret } = (await http(`${api.url}/webhooks`, { body: { url: receiver.url } })).body as { id: string; secret: string };
    const first = await recordDecision(api.url, SAG, meeting(OU, 0));
    const paused = await until(
      () => http(`${api.url}/webhooks/${id}`),
      (r) => r.body.status === 'paused',
    );
    expect(paused.body.delivery).toMatchObject({
      failingEvent: { id: first[0], attempts: 3 },
      lastError: 'HTTP 503',
      nextAttemptAt: null,
      pausedAt: expect.any(String),
      caughtUp: false,
    });
    const second = await recordDecision(api.url, SAG, meeting(OU, 1));
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests.map((r) => r.id)).toEqual([first[0], first[0], first[0]]);

    receiver.status = 200;
    const resumed = await http(`${api.url}/webhooks/${id}/resume`, { method: 'POST' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('active');
    await receiver.waitFor(() => receiver.accepted.length === 4);
    expect(receiver.accepted.map((r) => r.id)).toEqual([...first, ...second]);
    expectAllVerify(secret, receiver.requests);
    expectDuplicatesIdentical(receiver.requests);
    const after = await until(
      () => http(`${api.url}/webhooks/${id}`),
      (r) => r.body.delivery.caughtUp === true,
    );
    expect(after.body.delivery).toMatchObject({ failingEvent: null, pausedAt: null, delivered: 4 });
    expect((await http(`${api.url}/webhooks/${id}/resume`, { method: 'POST' })).status).toBe(200);
  });
});
