import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InMemoryEventStore, type RecordedEvent } from '@sagsspor/event-store';
import { IntegrationEventMapper } from '@sagsspor/integration-events';
import { record } from '../../integration-events/testing/record';
import { TestReceiver } from '../../../test/events/support/receiver';
import {
  DEFAULT_WEBHOOK_OPTIONS,
  NetworkTargetPolicy,
  SecretBox,
  WebhookDispatcher,
  WebhookService,
  WebhookStore,
  type WebhookOptions,
} from '../src';

const lejre = { kommune: 'Lejre', sagsnummer: '23-002657' };
const proposal = { title: 'Status', proposal: '1. at udvalget tager orienteringen til efterretning' };

async function recordDecisions(store: InMemoryEventStore, count: number, from = 0): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let n = from; n < from + count; n++) {
    const treatment = { committee: 'Økonomiudvalget', meetingDate: `2024-01-${String(n + 1).padStart(2, '0')}`, item: n + 1 };
    out.push(
      ...(await record(store, {
        type: 'DecideSag',
        data: { sag: lejre, treatment, outcome: 'noted', text: 'Taget til efterretning', proposal },
      })),
    );
  }
  return out;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WebhookDispatcher (in-memory store, loopback receiver)', () => {
  let events: InMemoryEventStore;
  let webhooks: WebhookStore;
  let dispatcher: WebhookDispatcher;
  let service: WebhookService;
  let receiver: TestReceiver;
  let dir: string;

  function start(overrides: Partial<WebhookOptions>): void {
    events = new InMemoryEventStore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-dispatch-'));
    webhooks = new WebhookStore(dir, SecretBox.fromEnv({ SAGSSPOR_WEBHOOK_SECRET_KEY: Buffer.alloc(32, 5).toString('base64') }));
    const options = {
      ...DEFAULT_WEBHOOK_OPTIONS,
      retry: { baseDelayMs: 10, maxDelayMs: 5_000, maxAttempts: 1000 },
      targets: new NetworkTargetPolicy({ allowed: ['127.0.0.0/8', '::1/128'] }),
      ...overrides,
    };
    dispatcher = new WebhookDispatcher({ events, mapper: new IntegrationEventMapper(events), store: webhooks, options });
    service = new WebhookService(events, webhooks, dispatcher, options.targets);
    dispatcher.start();
  }

  beforeEach(async () => {
    receiver = await TestReceiver.start();
  });
  afterEach(async () => {
    await dispatcher.stop();
    webhooks.close();
    await receiver.down();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the checkpoint every N events rather than per event, and on stop', async () => {
    start({ checkpointEvery: 5, checkpointIntervalMs: 60_000 });
    const { id } = await service.create({ url: receiver.url, start: 'beginning' });
    const recorded = await recordDecisions(events, 6);
    await until(() => receiver.accepted.length === 12);
    expect(receiver.accepted.map((r) => r.id)).toEqual(recorded.map((e) => e.metadata.eventId));
    await until(async () => (await service.get(id)).delivery.checkpoint === recorded[11]?.position.toString());
    expect(webhooks.get(id)?.checkpoint).toBe(recorded[9]?.position.toString());
    await dispatcher.stop();
    expect(webhooks.get(id)).toMatchObject({ checkpoint: recorded[11]?.position.toString(), delivered: 12 });
  });

  it('retries a receiver that does not answer in time with the same webhook-id', async () => {
    start({ timeoutMs: 100 });
    receiver.status = 0;
    const { id } = await service.create({ url: receiver.url });
    const [, decided] = await recordDecisions(events, 1);
    await until(() => receiver.requests.length >= 2);
    expect((await service.get(id)).delivery.lastError).toMatch(/no response within 100 ms/);
    receiver.status = 204;
    await until(() => receiver.accepted.length >= 2);
    expect(new Set(receiver.requests.map((r) => r.id)).size).toBe(2);
    expect(receiver.accepted.map((r) => r.id)[1]).toBe(decided?.metadata.eventId);
  });

  it('retries a 4xx like a 5xx, and waits as long as a 429 Retry-After asks', async () => {
    start({});
    receiver.status = 400;
    const { id } = await service.create({ url: receiver.url, types: ['dk.sagsspor.sag.decided.v1'] });
    await recordDecisions(events, 1);
    await until(() => receiver.requests.length >= 2);
    expect((await service.get(id)).delivery).toMatchObject({ lastError: 'HTTP 400', failingEvent: { attempts: expect.any(Number) } });
    receiver.headers = { 'retry-after': '1' };
    receiver.status = 429;
    await until(() => receiver.requests.some((r) => r.status === 429));
    receiver.status = 204;
    await until(() => receiver.accepted.length === 1);
    const limited = receiver.requests.findIndex((r) => r.status === 429);
    const next = receiver.requests[limited + 1];
    expect((next?.at ?? 0) - (receiver.requests[limited]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('moves the checkpoint over events its filter skips', async () => {
    start({ checkpointIntervalMs: 20 });
    const { id } = await service.create({ url: receiver.url, kommune: ['Odder'] });
    const recorded = await recordDecisions(events, 3);
    await until(async () => (await service.get(id)).delivery.caughtUp);
    await until(() => webhooks.get(id)?.checkpoint === recorded[5]?.position.toString());
    expect(receiver.requests).toEqual([]);
  });
});
