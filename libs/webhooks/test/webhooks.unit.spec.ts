import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  retryDelayMs,
  SecretBox,
  signWebhook,
  webhookOptionsFromEnv,
  webhookSigningKey,
  WebhookStore,
  type RetryPolicy,
} from '../src';

describe('Standard Webhooks signing', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
  });

  it('signs so that the standardwebhooks package verifies, and a changed body does not', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ id: 'e1', data: { text: 'Godkendt – æøå' } });
    const headers = signWebhook(webhookSigningKey(secret), 'msg_e1', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('Godkendt', 'Forkastet'), { ...headers })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(headers['webhook-signature']).toBe(
      new Webhook(secret).sign('msg_e1', new Date(Number(headers['webhook-timestamp']) * 1000), body),
    );
  });
});

describe('retry delays', () => {
  const policy: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 10_000, maxAttempts: 5 };

  it('doubles per failure, with up to half of it random, capped at the maximum', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, null, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, null, () => 1))).toEqual([100, 200, 400, 800]);
    expect(retryDelayMs(policy, 30, null, () => 1)).toBe(10_000);
  });

  it("honours a receiver's Retry-After up to the maximum", () => {
    expect(retryDelayMs(policy, 1, 3_000, () => 0)).toBe(3_000);
    expect(retryDelayMs(policy, 1, 60_000, () => 0)).toBe(10_000);
  });

  it('reads its settings from the environment', () => {
    const options = webhookOptionsFromEnv({
      SAGSSPOR_WEBHOOK_RETRY_BASE_MS: '5',
      SAGSSPOR_WEBHOOK_MAX_ATTEMPTS: '2',
      SAGSSPOR_WEBHOOK_DISPATCHER: 'off',
    });
    expect(options).toMatchObject({ retry: { baseDelayMs: 5, maxAttempts: 2, maxDelayMs: 900_000 }, dispatcherEnabled: false });
    expect(() => webhookOptionsFromEnv({ SAGSSPOR_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/SAGSSPOR_WEBHOOK_MAX_ATTEMPTS/);
    expect(() => webhookOptionsFromEnv({ SAGSSPOR_WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/SAGSSPOR_WEBHOOK_TIMEOUT_MS/);
  });
});

const keyOf = (fill: number) => SecretBox.fromEnv({ SAGSSPOR_WEBHOOK_SECRET_KEY: Buffer.alloc(32, fill).toString('base64') });

describe('WebhookStore (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-webhooks-'));
  const store = new WebhookStore(dir, keyOf(1));
  const filter = { types: null, kommune: ['Lejre'], committee: null };
  afterAll(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps subscriptions in webhooks.sqlite, WAL, owner-only, and hides the secret from reads', () => {
    store.create({
      id: 'a',
      url: 'http://127.0.0.1:1/x',
      filter,
      secret: 'whsec_AAAA',
      createdAt: '2024-01-01T00:00:00.000Z',
      checkpoint: '7',
    });
    expect(store.file).toBe(path.join(dir, 'webhooks.sqlite'));
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${store.file}-wal`)).toBe(true);
    expect(store.get('a')).toMatchObject({ id: 'a', filter, checkpoint: '7', status: 'active', closedAccess: false, failing: null });
    expect(store.get('a')).not.toHaveProperty('secret');
    expect(store.getWithSecret('a')?.secret).toBe('whsec_AAAA');
  });

  it('keeps the secret sealed in the file, bound to its subscription', () => {
    const raw = new Database(store.file, { readonly: true });
    try {
      const { secret } = raw.prepare("SELECT secret FROM webhook_subscriptions WHERE id = 'a'").get() as { secret: string };
      expect(secret).toMatch(/^v1\./);
      expect(secret).not.toContain('AAAA');
      expect(() => keyOf(1)?.open(secret, 'b')).toThrow();
    } finally {
      raw.close();
    }
  });

  it('refuses to open with secrets stored and no key, or another key, saying what to set', () => {
    expect(() => new WebhookStore(dir, null)).toThrow(/SAGSSPOR_WEBHOOK_SECRET_KEY is not set/);
    expect(() => new WebhookStore(dir, keyOf(2))).toThrow(/not the key the secrets were stored with/);
    expect(() => SecretBox.fromEnv({ SAGSSPOR_WEBHOOK_SECRET_KEY: 'short' })).toThrow(/32 bytes/);
  });

  it('seals secrets an earlier version stored in the clear when a key is first given', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-webhooks-legacy-'));
    const empty = new WebhookStore(legacyDir, null);
    empty.close();
    const raw = new Database(path.join(legacyDir, 'webhooks.sqlite'));
    raw
      .prepare('INSERT INTO webhook_subscriptions (id, url, filter, secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run('old', 'http://10.0.0.1/x', JSON.stringify(filter), 'whsec_BBBB', '2024-01-01T00:00:00.000Z');
    raw.close();
    const sealed = new WebhookStore(legacyDir, keyOf(3));
    try {
      expect(sealed.getWithSecret('old')?.secret).toBe('whsec_BBBB');
      const check = new Database(sealed.file, { readonly: true });
      expect((check.prepare('SELECT secret FROM webhook_subscriptions').get() as { secret: string }).secret).toMatch(/^v1\./);
      check.close();
    } finally {
      sealed.close();
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  it('refuses to create a subscription without a key', () => {
    const noKeyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-webhooks-nokey-'));
    const noKey = new WebhookStore(noKeyDir, null);
    try {
      expect(() =>
        noKey.create({ id: 'x', url: 'http://10.0.0.1/', filter, secret: 'whsec_C', createdAt: '2024', checkpoint: null }),
      ).toThrow(expect.objectContaining({ code: 'webhooks.secret-key-missing' }));
    } finally {
      noKey.close();
      fs.rmSync(noKeyDir, { recursive: true, force: true });
    }
  });

  it('pauses with the checkpoint before the failing event, and resumes once', () => {
    store.saveProgress('a', { checkpoint: '9', delivered: 2, lastDeliveredAt: '2024-01-01T00:00:01.000Z' });
    const failure = {
      lastError: 'HTTP 500',
      lastErrorAt: '2024-01-01T00:00:02.000Z',
      nextAttemptAt: '2024-01-01T00:00:03.000Z',
      failing: { eventId: 'e10', position: '10', attempts: 3 },
    };
    store.pause('a', { checkpoint: '9', delivered: 2, lastDeliveredAt: null }, failure, '2024-01-01T00:00:02.000Z');
    expect(store.get('a')).toMatchObject({
      status: 'paused',
      checkpoint: '9',
      failing: { eventId: 'e10', position: '10', attempts: 3 },
      nextAttemptAt: null,
      lastError: 'HTTP 500',
    });
    expect(store.active()).toEqual([]);
    expect(store.resume('a')).toBe(true);
    expect(store.resume('a')).toBe(false);
    expect(store.get('a')).toMatchObject({ status: 'active', checkpoint: '9', failing: null, pausedAt: null, lastError: 'HTTP 500' });
  });

  it('survives reopening, and deletes', () => {
    const again = new WebhookStore(dir, keyOf(1));
    expect(again.setClosedAccess('a', true)).toBe(true);
    expect(again.get('a')).toMatchObject({ checkpoint: '9', closedAccess: true });
    expect(again.delete('a')).toBe(true);
    expect(again.delete('a')).toBe(false);
    expect(store.get('a')).toBeNull();
    again.close();
  });
});
