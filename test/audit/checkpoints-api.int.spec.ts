import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { integrationEventErrors } from '../../libs/integration-events/testing/schema-validator';
import { http, startApi, tempDataDir, type RunningApi } from '../support/api-harness';
import { SseClient } from '../events/support/sse-client';
import { meeting, recordDecision } from '../events/support/sager';
import { SAFETY_BOUND_MS } from '../support/bounds';

const LEJRE = '/sager/Lejre/23-002657';
const OU = 'Økonomiudvalget - 2022-2025';

/** Polls until the checkpointer has covered `count` events (the bound only stops a broken run). */
async function checkpointCovering(api: RunningApi, count: number) {
  for (const giveUp = Date.now() + SAFETY_BOUND_MS; Date.now() < giveUp; ) {
    const res = await http(`${api.url}/audit/checkpoints/latest`);
    if (res.status === 200 && res.body.count >= count) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no checkpoint covering ${count} events`);
}

describe('audit checkpoints over HTTP', () => {
  let api: RunningApi;
  let dir: string;

  beforeAll(async () => {
    dir = tempDataDir('sagsspor-checkpoints-api-');
    const keyFile = path.join(dir, 'audit-key.pem');
    fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    api = await startApi(path.join(dir, 'data'), {
      env: { SAGSSPOR_AUDIT_SIGNING_KEY_FILE: keyFile, SAGSSPOR_AUDIT_CHECKPOINT_EVERY: '2', SAGSSPOR_AUDIT_CHECKPOINT_MS: '50' },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes signed checkpoints a third party can check with the served public key', async () => {
    const none = await http(`${api.url}/audit/checkpoints/latest`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'audit.checkpoint-not-found' });

    await recordDecision(api.url, LEJRE, meeting(OU, 0));
    await recordDecision(api.url, LEJRE, meeting(OU, 1));
    const latest = await checkpointCovering(api, 4);
    expect(latest).toMatchObject({ count: 4, root: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const { body: keys } = await http(`${api.url}/audit/keys`);
    expect(keys.keys).toEqual([{ keyId: latest.keyId, algorithm: 'Ed25519', publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') }]);
    const signed = Buffer.from(`sagsspor-checkpoint/v1\n${latest.position}\n${latest.count}\n${latest.root}\n`);
    expect(verify(null, signed, createPublicKey(keys.keys[0].publicKeyPem), Buffer.from(latest.signature, 'base64'))).toBe(true);

    const listed = await http(`${api.url}/audit/checkpoints?limit=500`);
    expect(listed.body.items.map((c: { count: number }) => c.count)).toEqual([2, 4]);
    const first = listed.body.items[0];
    expect((await http(`${api.url}/audit/checkpoints/${first.position}`)).body).toEqual(first);
    expect((await http(`${api.url}/audit/checkpoints/${BigInt(latest.position) - 1n}`)).body).toEqual(first);
    expect((await http(`${api.url}/audit/checkpoints/0`)).status).toBe(404);
    expect((await http(`${api.url}/audit/checkpoints/abc`)).status).toBe(400);
    expect((await http(`${api.url}/audit/checkpoints?after=-1`)).status).toBe(400);

    const health = await http(`${api.url}/health`);
    expect(health.body.audit).toEqual({
      checkpoints: 'signed',
      keyId: latest.keyId,
      latestCheckpoint: { position: latest.position, count: 4 },
    });
  });

  it('carries the newest checkpoint at delivery in every CloudEvent', async () => {
    const latest = await checkpointCovering(api, 4);
    const client = await SseClient.connect(`${api.url}/events?after=0`);
    try {
      const [message] = await client.take(1);
      const event = JSON.parse(message?.data ?? '{}');
      expect(event.sagssporcheckpoint).toBe(`${latest.position}:${latest.count}:${latest.root}:${latest.keyId}:${latest.signature}`);
      expect(integrationEventErrors(event)).toEqual([]);
    } finally {
      client.close();
    }
  });
});

describe('audit checkpoints without a signing key', () => {
  it('makes unsigned checkpoints, and /health says so', async () => {
    const api = await startApi(tempDataDir(), { env: { SAGSSPOR_AUDIT_CHECKPOINT_MS: '50' } });
    try {
      await recordDecision(api.url, LEJRE, meeting(OU, 0));
      const latest = await checkpointCovering(api, 2);
      expect(latest).toMatchObject({ count: 2, keyId: null, signature: null });
      expect((await http(`${api.url}/audit/keys`)).body).toEqual({ keys: [] });
      const health = await http(`${api.url}/health`);
      expect(health.body.audit).toMatchObject({
        checkpoints: 'unsigned',
        detail: expect.stringContaining('SAGSSPOR_AUDIT_SIGNING_KEY_FILE'),
      });
    } finally {
      await api.stop();
    }
  });
});
