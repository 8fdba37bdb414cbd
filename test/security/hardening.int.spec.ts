import type { Server } from 'node:http';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { http, startApi, tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { startApiProcess } from './support/api-process';
import { readEventLog } from './support/event-log';
import { bearer, createKeys } from './support/keys';
import { SAFETY_BOUND_MS } from '../support/bounds';

const SAG = '/sager/Lejre/24-000500';
const proposal = { committee: 'Byrådet', meetingDate: '2024-01-29', item: 1, title: 'Status', proposal: 'Orientering' };

/** A request as raw bytes, for what fetch would refuse to send; the whole answer as text. */
function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('HTTP hardening', () => {
  it('sends security headers, keeps /docs usable, and says nothing about the framework', async () => {
    const api = await startApi(tempDataDir(), { auth: 'api-key' });
    try {
      const res = await fetch(`${api.url}/health`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by')).toBeNull();
      const docs = await fetch(`${api.url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script the CSP would block
      expect((await fetch(`${api.url}/docs/swagger-ui-init.js`)).status).toBe(200);
      const spec = await http(`${api.url}/docs-json`);
      expect(Object.keys(spec.body.components.securitySchemes)).toEqual(['bearer', 'apiKey']);
      const server = api.app.getHttpServer() as Server;
      expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout]).toEqual([30_000, 10_000, 5_000]);
    } finally {
      await api.stop();
    }
  });

  it('answers no cross-origin request unless its origin is configured', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}${SAG}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const closed = await startApi(tempDataDir(), { auth: 'api-key' });
    try {
      const res = await preflight(closed.url, 'https://app.example.dk');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(
        (await fetch(`${closed.url}/health`, { headers: { origin: 'https://app.example.dk' } })).headers.get('access-control-allow-origin'),
      ).toBeNull();
    } finally {
      await closed.stop();
    }
    const open = await startApi(tempDataDir(), { auth: 'api-key', env: { SAGSSPOR_CORS_ORIGINS: 'https://app.example.dk' } });
    try {
      const allowed = await preflight(open.url, 'https://app.example.dk');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.dk');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      expect((await preflight(open.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.stop();
    }
    await expect(startApi(tempDataDir(), { env: { SAGSSPOR_CORS_ORIGINS: '*' } })).rejects.toThrow(/exact origins/);
  });

  it('limits the rate per client with 429 problem+json and Retry-After, before looking at credentials', async () => {
    const api = await startApi(tempDataDir(), { auth: 'api-key', env: { SAGSSPOR_RATE_LIMIT: '5', SAGSSPOR_RATE_WINDOW_MS: '60000' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await http(`${api.url}${SAG}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect((await http(`${api.url}/health`)).status).toBe(200);
      const limited = await http(`${api.url}${SAG}`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.body.code).toBe('request.rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await api.stop();
    }
  });

  it('answers a body of a type the route does not read with 415 problem+json', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir, ['clerk']);
    const api = await startApi(dataDir, { auth: 'api-key' });
    try {
      const cases: Array<[string, string, string]> = [
        [`${SAG}/proposals`, 'text/plain', JSON.stringify(proposal)],
        [`${SAG}/proposals`, 'application/xml', '<p/>'],
        [`${SAG}/proposals`, 'application/json; charset=latin1', JSON.stringify(proposal)],
        ['/imports?kommune=Lejre', 'application/json', '{}'],
      ];
      for (const [path, type, body] of cases) {
        const res = await http(`${api.url}${path}`, {
          method: 'POST',
          rawBody: body,
          headers: { ...bearer(keys.clerk), 'content-type': type },
        });
        expect([path, type, res.status, res.body.code]).toEqual([path, type, 415, 'request.unsupported-media-type']);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(readEventLog(dataDir)).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('answers what Node refuses before the app (431, malformed requests) with problem+json', async () => {
    const api = await startApi(tempDataDir(), { auth: 'api-key' });
    try {
      const tooLarge = await rawRequest(api.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(tooLarge).toMatch(/^HTTP\/1\.1 431 /);
      expect(tooLarge).toMatch(/content-type: application\/problem\+json/i);
      expect(tooLarge).toContain('"code":"request.headers-too-large"');
      const malformed = await rawRequest(api.url, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      expect(malformed).toContain('"code":"request.malformed"');
    } finally {
      await api.stop();
    }
  });

  it('refuses to start on settings that would weaken it', async () => {
    const weakening: Array<Record<string, string>> = [
      { SAGSSPOR_AUTH: 'apikey' },
      { SAGSSPOR_PUBLIC_READ: 'maybe' },
      { SAGSSPOR_RATE_LIMIT: 'lots' },
      { SAGSSPOR_AUTH: 'jwt' },
    ];
    for (const env of weakening) {
      await expect(startApi(tempDataDir(), { env })).rejects.toThrow();
    }
  });

  it('echoes the correlation id and records it with the events it causes', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir, ['clerk']);
    const api = await startApi(dataDir, { auth: 'api-key' });
    try {
      const given = await http(`${api.url}${SAG}/proposals`, {
        headers: { ...bearer(keys.clerk), 'x-correlation-id': 'sag-2024:abc.1' },
        body: proposal,
      });
      expect(given.headers.get('x-correlation-id')).toBe('sag-2024:abc.1');
      const fresh = await http(`${api.url}${SAG}/decisions`, {
        headers: bearer(keys.clerk),
        body: { ...proposal, outcome: 'noted', text: 'Taget til efterretning', title: undefined, proposal: undefined },
      });
      expect(fresh.status).toBe(201);
      const generated = fresh.headers.get('x-correlation-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(readEventLog(dataDir).map((e) => e.metadata['correlationId'])).toEqual(['sag-2024:abc.1', generated]);
    } finally {
      await api.stop();
    }
  });
});

describe('structured logs (the built API as a child process)', () => {
  beforeAll(() => ensureBuilt());

  it('log every request as JSON with its correlation id and principal, and never a credential or secret', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir);
    const api = await startApiProcess(dataDir, { SAGSSPOR_AUTH: 'api-key', SAGSSPOR_LOG_LEVEL: 'info' });
    try {
      await http(`${api.url}${SAG}/proposals`, {
        headers: { ...bearer(keys.clerk), 'x-correlation-id': 'corr-1', cookie: 'session=cookie-secret-1' },
        body: proposal,
      });
      await http(`${api.url}${SAG}`, { headers: { 'x-api-key': keys.reader, 'x-correlation-id': 'corr-2' } });
      await http(`${api.url}${SAG}`, { headers: { authorization: `Bearer ${keys.revoked}`, 'x-correlation-id': 'corr-3' } });
      const created = await http(`${api.url}/keys`, {
        headers: { ...bearer(keys.admin), 'x-correlation-id': 'corr-4' },
        body: { name: 'new', role: 'reader' },
      });
      expect(created.status).toBe(201);
      // A request is logged when its response has finished, a moment after the client has it: wait for the last one's line.
      for (const giveUp = Date.now() + SAFETY_BOUND_MS; !api.output().includes('corr-4') && Date.now() < giveUp; )
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await api.kill('SIGTERM');
    }
    const output = api.output();
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l['req'] !== undefined);
    expect(
      requests.map((l) => [(l['req'] as { id: string }).id, (l['res'] as { statusCode: number }).statusCode, l['principal'] ?? null]),
    ).toEqual(
      expect.arrayContaining([
        ['corr-1', 201, 'clerk@test'],
        ['corr-2', 200, 'reader@test'],
        ['corr-3', 401, null],
        ['corr-4', 201, 'admin@test'],
      ]),
    );
    for (const secret of [keys.clerk, keys.reader, keys.revoked, keys.admin, 'cookie-secret-1', 'sgk_'])
      expect(output).not.toContain(secret);
  });
});

describe('storage trouble (the built API as a child process)', () => {
  beforeAll(() => ensureBuilt());

  it('keeps answering, /health included, with its log on a full disk (/dev/full), and says so in /health', async () => {
    const full = fs.openSync('/dev/full', 'w');
    const api = await startApiProcess(tempDataDir(), { SAGSSPOR_LOG_LEVEL: 'info' }, { stdout: full });
    try {
      for (let i = 0; i < 200; i++) {
        const res = await http(`${api.url}${i % 2 ? '/health' : SAG}`);
        expect([i, res.status]).toEqual([i, i % 2 ? 200 : 404]);
      }
      const health = await http(`${api.url}/health`);
      expect(health.body).toMatchObject({ status: 'degraded', logging: { status: 'failing', lastError: 'ENOSPC' } });
      expect(api.child.exitCode).toBeNull();
    } finally {
      await api.kill('SIGTERM');
      fs.closeSync(full);
    }
  }, 60_000);

  it('refuses to start on read models ahead of their log, saying to rebuild; starts again once rebuilt', async () => {
    const dataDir = tempDataDir();
    const api = await startApiProcess(dataDir);
    const body = { committee: 'Byrådet', meetingDate: '2024-01-29', item: 1, title: 'Status', proposal: 'Orientering' };
    expect((await http(`${api.url}${SAG}/proposals`, { body })).status).toBe(201);
    await api.kill('SIGTERM');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `events.sqlite${suffix}`), { force: true });
    await expect(startApiProcess(dataDir)).rejects.toThrow(/the event log ends at position -1[\s\S]*rebuild/i);
    expect(runCli(['rebuild'], dataDir).code).toBe(0);
    const rebuilt = await startApiProcess(dataDir);
    try {
      expect((await http(`${rebuilt.url}/sager?kommune=Lejre`)).body.items).toEqual([]);
    } finally {
      await rebuilt.kill('SIGTERM');
    }
  }, 60_000);
});
