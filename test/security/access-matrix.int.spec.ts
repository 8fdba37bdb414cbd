import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { CLOSED_NOTICE, mayAct, type Principal, type Role } from '@sagsspor/access';
import { http, startApi, tempDataDir, type JsonResponse, type RunningApi } from '../support/api-harness';
import { bearer, createKeys } from './support/keys';
import { CLOSED, leaks, OU, SAG, seedSag } from './support/seed';
import { SAFETY_BOUND_MS } from '../support/bounds';

const JWT_SECRET = 'matrix-test-secret-of-more-than-32-bytes';
const ISSUER = 'https://login.test';
const AUDIENCE = 'sagsspor';
const MINUTES = fs.readFileSync(path.join(__dirname, '..', '..', 'libs', 'referat', 'test', 'fixtures', 'lejre-style.txt'));

type Rule = { kind: 'public' } | { kind: 'role'; role: Role };
interface Route {
  readonly name: string;
  readonly rule: Rule;
  request(url: string, headers: Record<string, string>): Promise<JsonResponse>;
}

const post =
  (route: string, body: unknown): Route['request'] =>
  (url, headers) =>
    http(`${url}${SAG}/${route}`, { headers, body });

type Entry = { kind: string; access: string; outcome?: string; text: string; provenance: { eventId: string } };

/**
 * A correction of a record of the seeded sag, named as the caller reads it
 * (its id and the ETag); a caller who may not read it names an unknown one.
 */
const correction =
  (pick: (e: Entry) => boolean, changes: (e: Entry) => Record<string, unknown>): Route['request'] =>
  async (url, headers) => {
    const read = await http(`${url}${SAG}`, { headers });
    const entry = read.status === 200 ? (read.body.timeline as Entry[]).find(pick) : undefined;
    const body = {
      corrects: entry?.provenance.eventId ?? '00000000-0000-5000-8000-000000000000',
      reason: 'Matrix',
      changes: entry ? changes(entry) : { text: 'x' },
    };
    return http(`${url}${SAG}/corrections`, { headers: { ...headers, 'if-match': read.headers.get('etag') ?? '"0"' }, body });
  };

/** Every route of the API with the least role it needs; writes are idempotent so they can be repeated per caller. */
const ROUTES: Route[] = [
  { name: 'GET /health', rule: { kind: 'public' }, request: (u, h) => http(`${u}/health`, { headers: h }) },
  { name: 'GET /docs-json', rule: { kind: 'public' }, request: (u, h) => http(`${u}/docs-json`, { headers: h }) },
  { name: 'GET /sager/{k}/{s}', rule: { kind: 'role', role: 'reader' }, request: (u, h) => http(`${u}${SAG}`, { headers: h }) },
  {
    name: 'GET /sager/{k}/{s}?asOf',
    rule: { kind: 'role', role: 'auditor' },
    request: (u, h) => http(`${u}${SAG}?asOf=2024-12-31`, { headers: h }),
  },
  {
    name: 'GET /sager/{k}/{s}?knownAt',
    rule: { kind: 'role', role: 'auditor' },
    request: (u, h) => http(`${u}${SAG}?knownAt=${encodeURIComponent(new Date().toISOString())}`, { headers: h }),
  },
  {
    name: 'POST proposals',
    rule: { kind: 'role', role: 'clerk' },
    request: post('proposals', { committee: OU, meetingDate: '2024-04-08', item: 1, title: 'Åben sag', proposal: 'Orientering' }),
  },
  {
    name: 'POST recommendations',
    rule: { kind: 'role', role: 'clerk' },
    request: post('recommendations', { committee: OU, meetingDate: '2024-04-08', item: 1, recommendedTo: 'Byrådet', text: 'Anbefales' }),
  },
  {
    name: 'POST decisions',
    rule: { kind: 'role', role: 'clerk' },
    request: post('decisions', {
      committee: 'Byrådet',
      meetingDate: '2024-04-20',
      item: 2,
      outcome: 'noted',
      text: 'Taget til efterretning',
      proposal: { title: 'Åben sag', proposal: 'Orientering' },
    }),
  },
  {
    name: 'POST genoptagelser',
    rule: { kind: 'role', role: 'clerk' },
    request: post('genoptagelser', {
      committee: OU,
      meetingDate: '2024-05-06',
      item: 4,
      reason: 'Sagen genoptages',
      resumes: '2024-02-05',
      proposal: { title: 'Status på grundkøb', proposal: 'Orientering om status' },
    }),
  },
  {
    name: 'POST corrections (open record, same content: a no-op)',
    rule: { kind: 'role', role: 'clerk' },
    request: correction(
      (e) => e.access === 'open' && e.kind === 'decided',
      (e) => ({ outcome: e.outcome, text: e.text }),
    ),
  },
  {
    name: 'POST corrections (closed record)',
    rule: { kind: 'role', role: 'clerk' },
    request: correction(
      (e) => e.access === 'closed' && e.kind === 'decided',
      () => ({ outcome: 'approved', text: CLOSED.text }),
    ),
  },
  {
    name: 'GET /sager/{k}/{s}/changes',
    rule: { kind: 'role', role: 'auditor' },
    request: (u, h) => http(`${u}${SAG}/changes?since=0`, { headers: h }),
  },
  {
    name: 'POST /imports',
    rule: { kind: 'role', role: 'clerk' },
    request: (u, h) =>
      http(`${u}/imports?kommune=Lejre&name=lejre-style.txt`, { headers: { ...h, 'content-type': 'text/plain' }, rawBody: MINUTES }),
  },
  { name: 'GET /audit/verify', rule: { kind: 'role', role: 'auditor' }, request: (u, h) => http(`${u}/audit/verify`, { headers: h }) },
  {
    name: 'GET /audit/checkpoints',
    rule: { kind: 'role', role: 'reader' },
    request: (u, h) => http(`${u}/audit/checkpoints`, { headers: h }),
  },
  { name: 'GET /audit/keys', rule: { kind: 'public' }, request: (u, h) => http(`${u}/audit/keys`, { headers: h }) },
  { name: 'GET /keys', rule: { kind: 'role', role: 'admin' }, request: (u, h) => http(`${u}/keys`, { headers: h }) },
  {
    name: 'POST /keys',
    rule: { kind: 'role', role: 'admin' },
    request: (u, h) => http(`${u}/keys`, { headers: h, body: { name: 'made-in-matrix', role: 'reader' } }),
  },
  {
    name: 'DELETE /keys/{id}',
    rule: { kind: 'role', role: 'admin' },
    request: (u, h) => http(`${u}/keys/000000000000`, { method: 'DELETE', headers: h }),
  },
  { name: 'GET /sager', rule: { kind: 'role', role: 'reader' }, request: (u, h) => http(`${u}/sager?kommune=Lejre`, { headers: h }) },
  {
    name: 'GET /sager?q',
    rule: { kind: 'role', role: 'reader' },
    request: (u, h) => http(`${u}/sager?kommune=Lejre&q=${encodeURIComponent('køb af')}`, { headers: h }),
  },
  {
    name: 'GET /committees',
    rule: { kind: 'role', role: 'reader' },
    request: (u, h) => http(`${u}/committees?kommune=Lejre`, { headers: h }),
  },
  {
    name: 'GET /committees/{k}/{c}/meetings',
    rule: { kind: 'role', role: 'reader' },
    request: (u, h) => http(`${u}/committees/Lejre/${encodeURIComponent('økonomiudvalget')}/meetings`, { headers: h }),
  },
  {
    name: 'GET /decisions',
    rule: { kind: 'role', role: 'reader' },
    request: (u, h) => http(`${u}/decisions?kommune=Lejre`, { headers: h }),
  },
  { name: 'GET /metrics', rule: { kind: 'public' }, request: (u, h) => http(`${u}/metrics`, { headers: h }) },
  { name: 'GET /events (SSE)', rule: { kind: 'role', role: 'reader' }, request: (u, h) => sse(`${u}/events?after=0`, h) },
  { name: 'GET /webhooks', rule: { kind: 'role', role: 'admin' }, request: (u, h) => http(`${u}/webhooks`, { headers: h }) },
  {
    name: 'POST /webhooks',
    rule: { kind: 'role', role: 'admin' },
    request: (u, h) => http(`${u}/webhooks`, { headers: h, body: { url: 'https://example.org/hook' } }),
  },
  {
    name: 'DELETE /webhooks/{id}',
    rule: { kind: 'role', role: 'admin' },
    request: (u, h) => http(`${u}/webhooks/00000000-0000-0000-0000-000000000000`, { method: 'DELETE', headers: h }),
  },
];

/** An event stream never ends: read what arrives in a moment, then hang up. */
async function sse(url: string, headers: Record<string, string>): Promise<JsonResponse> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  let text = '';
  if (res.body) {
    const reader = res.body.getReader();
    const timer = setTimeout(() => abort.abort(), res.ok ? 300 : 2_000);
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += Buffer.from(chunk.value).toString('utf8');
      }
    } catch {
      /* aborted: the stream had its moment */
    } finally {
      clearTimeout(timer);
    }
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* an event stream, not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}

interface Caller {
  readonly name: string;
  /** Null: anonymous. */
  readonly principal: Pick<Principal, 'roles'> | null;
  readonly valid: boolean;
  headers(): Record<string, string>;
}

describe('access matrix: every route × every caller × public read off/on', () => {
  const dataDir = tempDataDir();
  const keys = createKeys(dataDir);
  const tokens: Record<string, string> = {};
  const callers: Caller[] = [
    { name: 'anonymous', principal: null, valid: true, headers: () => ({}) },
    ...(['reader', 'clerk', 'auditor', 'admin'] as const).map((role) => ({
      name: `key:${role}`,
      principal: { roles: [role] },
      valid: true,
      headers: () => bearer(keys[role]),
    })),
    { name: 'x-api-key:clerk', principal: { roles: ['clerk'] as Role[] }, valid: true, headers: () => ({ 'x-api-key': keys.clerk }) },
    { name: 'jwt:reader', principal: { roles: ['reader'] as Role[] }, valid: true, headers: () => bearer(tokens['reader']!) },
    {
      name: 'jwt:clerk+auditor',
      principal: { roles: ['clerk', 'auditor'] as Role[] },
      valid: true,
      headers: () => bearer(tokens['clerk+auditor']!),
    },
    { name: 'jwt:no role', principal: { roles: [] }, valid: true, headers: () => bearer(tokens['none']!) },
    { name: 'jwt:expired admin', principal: null, valid: false, headers: () => bearer(tokens['expired']!) },
    { name: 'revoked admin key', principal: null, valid: false, headers: () => bearer(keys.revoked) },
    { name: 'garbage key', principal: null, valid: false, headers: () => ({ 'x-api-key': 'sgk_deadbeef' }) },
  ];

  beforeAll(async () => {
    const secret = new TextEncoder().encode(JWT_SECRET);
    const sign = (claims: Record<string, unknown>, exp: string | number = '10m') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(`jwt-${Object.keys(tokens).length}`)
        .setExpirationTime(exp)
        .sign(secret);
    tokens['reader'] = await sign({ role: 'reader' });
    tokens['clerk+auditor'] = await sign({ roles: ['clerk', 'auditor'] });
    tokens['none'] = await sign({});
    tokens['expired'] = await sign({ role: 'admin' }, Math.floor(Date.now() / 1000) - 3600);
    const seeder = await startApi(dataDir, { auth: 'api-key' });
    await seedSag(seeder.url, bearer(keys.admin));
    await seeder.stop();
  });

  for (const publicRead of [false, true]) {
    describe(`public read ${publicRead ? 'on' : 'off'}`, () => {
      let api: RunningApi;
      beforeAll(async () => {
        api = await startApi(dataDir, {
          auth: 'api-key,jwt',
          publicRead,
          env: { SAGSSPOR_JWT_ISSUER: ISSUER, SAGSSPOR_JWT_AUDIENCE: AUDIENCE, SAGSSPOR_JWT_SECRET: JWT_SECRET },
        });
      });
      afterAll(() => api.stop());

      it('has the seeded sag in its read model before the matrix runs', async () => {
        const deadline = Date.now() + SAFETY_BOUND_MS;
        let items: unknown[] = [];
        while (Date.now() < deadline && items.length === 0) {
          items = (await http(`${api.url}/sager?kommune=Lejre`, { headers: bearer(keys.admin) })).body.items ?? [];
          if (items.length === 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect(items.length).toBeGreaterThan(0);
        // `q` finds the closed sag by its title for an auditor only; by its number, for anyone.
        const search = async (q: string, key: string) =>
          (await http(`${api.url}/sager?kommune=Lejre&q=${encodeURIComponent(q)}`, { headers: bearer(key) })).body.items;
        expect((await search('køb af', keys.auditor)).map((s: { sagsnummer: string }) => s.sagsnummer)).toContain('24-000988');
        expect(await search('køb af', keys.reader)).toEqual([]);
        expect(await search('24-000988', keys.reader)).toMatchObject([{ sagsnummer: '24-000988', title: CLOSED_NOTICE }]);
      });

      for (const route of ROUTES) {
        it(route.name, async () => {
          const rows: string[] = [];
          for (const caller of callers) {
            const res = await route.request(api.url, caller.headers());
            const expected = expectedStatus(route.rule, caller, publicRead);
            const allowed = res.status < 400 || (res.status !== 401 && res.status !== 403 && res.status < 500);
            const got = allowed ? 'allow' : res.status;
            const closedAccess = caller.principal !== null && caller.principal.roles.some((r) => r === 'auditor' || r === 'admin');
            const leaked = !closedAccess && leaks(res.body);
            if (
              got !== expected ||
              leaked ||
              (got !== 'allow' && !String(res.headers.get('content-type')).startsWith('application/problem+json'))
            ) {
              rows.push(
                `${caller.name}: expected ${expected}, got ${res.status}${leaked ? ' LEAKED closed text' : ''} ${JSON.stringify(res.body).slice(0, 200)}`,
              );
            }
            if (got === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sagsspor"/);
            if (got === 403) expect(res.body.code).toBe('auth.forbidden');
          }
          expect(rows).toEqual([]);
        });
      }

      it('shows closed content in full to auditors and admins, and the notice to everyone else', async () => {
        const who: Array<[string, Record<string, string>, boolean]> = [
          ['reader', bearer(keys.reader), false],
          ['clerk', bearer(keys.clerk), false],
          ['auditor', bearer(keys.auditor), true],
          ['admin', bearer(keys.admin), true],
          ...(publicRead ? [['anonymous', {}, false] as [string, Record<string, string>, boolean]] : []),
        ];
        for (const [name, headers, full] of who) {
          const res = await http(`${api.url}${SAG}`, { headers });
          expect([name, res.status]).toEqual([name, 200]);
          const closed = res.body.timeline.filter((e: { access: string }) => e.access === 'closed');
          expect(closed.length).toBeGreaterThanOrEqual(2);
          for (const entry of closed) {
            expect([name, entry.text]).toEqual([name, full ? expect.not.stringContaining(CLOSED_NOTICE) : CLOSED_NOTICE]);
            expect(entry.outcome ?? entry.kind).toBeTruthy();
          }
          expect([name, leaks(res.body)]).toEqual([name, full]);
        }
      });
    });
  }

  it('answers a guess of closed content alike, right or wrong, unless the caller has closed access', async () => {
    const api = await startApi(dataDir, { auth: 'api-key' });
    try {
      const treatment = { committee: OU, meetingDate: '2024-03-04', item: 9 };
      const right = { ...treatment, ...CLOSED, text: undefined, access: 'closed' };
      const wrong = { ...right, title: 'Et andet køb', proposal: 'Noget andet' };
      const shape = (r: JsonResponse) => [r.status, r.body.code, r.body.detail];
      const [clerkRight, clerkWrong] = [
        await http(`${api.url}${SAG}/proposals`, { headers: bearer(keys.clerk), body: right }),
        await http(`${api.url}${SAG}/proposals`, { headers: bearer(keys.clerk), body: wrong }),
      ];
      expect(shape(clerkRight)).toEqual([409, 'sag.treatment-closed', expect.any(String)]);
      expect(shape(clerkWrong)).toEqual(shape(clerkRight));
      expect(leaks(clerkWrong.body)).toBe(false);
      const decision = { ...treatment, outcome: 'approved', text: CLOSED.text };
      const clerkDecision = await http(`${api.url}${SAG}/decisions`, { headers: bearer(keys.clerk), body: decision });
      expect(clerkDecision.body.code).toBe('sag.treatment-closed');
      expect((await http(`${api.url}${SAG}/proposals`, { headers: bearer(keys.admin), body: right })).status).toBe(200);
      const admin = await http(`${api.url}${SAG}/proposals`, { headers: bearer(keys.admin), body: wrong });
      expect([admin.status, admin.body.existing]).toEqual([
        409,
        expect.objectContaining({ title: CLOSED.title, proposedBy: CLOSED.proposedBy }),
      ]);
    } finally {
      await api.stop();
    }
  });

  it("answers a clerk's import that meets a closed item alike, whether it repeats the minutes or guesses otherwise", async () => {
    const api = await startApi(dataDir, { auth: 'api-key' });
    try {
      const post = (key: string, text: Buffer | string) =>
        http(`${api.url}/imports?kommune=Lejre&name=guess.txt`, {
          headers: { ...bearer(key), 'content-type': 'text/plain' },
          rawBody: text,
        });
      // Recorded once, closed item and all (a repeat of an earlier test's import appends nothing).
      expect((await post(keys.admin, MINUTES)).status).toBe(200);
      const closedDecision = 'Lukket punkt\n\nBeslutning\n\nGodkendt.';
      expect(MINUTES.toString('utf8')).toContain(closedDecision);
      const guess = MINUTES.toString('utf8').replace(closedDecision, 'Lukket punkt\n\nBeslutning\n\nIkke godkendt. Forkøbsret afvist.');
      const [repeat, wrong] = [await post(keys.clerk, MINUTES), await post(keys.clerk, guess)];
      expect([repeat.status, wrong.status]).toEqual([200, 200]);
      // The same refusal, for the same closed steps, and nothing else to tell the two apart.
      expect(wrong.body).toEqual(repeat.body);
      const refused = repeat.body.warnings.filter((w: { message: string }) => w.message.includes('[sag.treatment-closed]'));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((w: { sagsnummer: string }) => w.sagsnummer === '24-000987')).toBe(true);
      expect(repeat.body).toMatchObject({ eventsAppended: 0, changes: [] });
      // One with closed access is told what the record says: the exact repeat is a version already seen.
      expect((await post(keys.admin, MINUTES)).body).toMatchObject({ versionsSkipped: 1, eventsAppended: 0 });
    } finally {
      await api.stop();
    }
  });

  it('records the authenticated principal, and whether by API key or JWT, as recorded-by', async () => {
    const api = await startApi(dataDir, {
      auth: 'api-key,jwt',
      env: { SAGSSPOR_JWT_ISSUER: ISSUER, SAGSSPOR_JWT_AUDIENCE: AUDIENCE, SAGSSPOR_JWT_SECRET: JWT_SECRET },
    });
    try {
      const body = { committee: 'Byrådet', meetingDate: '2024-06-24', item: 5, title: 'Via token', proposal: 'Orientering' };
      expect((await http(`${api.url}${SAG}/proposals`, { headers: bearer(tokens['clerk+auditor']!), body })).status).toBe(201);
      const history = await http(`${api.url}${SAG}`, { headers: bearer(keys.admin) });
      const recordedBy = new Set(history.body.timeline.map((e: { provenance: { recordedBy: string } }) => e.provenance.recordedBy));
      expect(recordedBy).toEqual(new Set(['api-key:admin@test', 'api-key:clerk@test', 'jwt:jwt-1']));
    } finally {
      await api.stop();
    }
  });
});

function expectedStatus(rule: Rule, caller: Caller, publicRead: boolean): 'allow' | 401 | 403 {
  if (rule.kind === 'public') return 'allow';
  if (!caller.valid) return 401;
  if (caller.principal === null) return publicRead && rule.role === 'reader' ? 'allow' : 401;
  return caller.principal.roles.some((r) => mayAct({ name: '', roles: [r], via: 'api-key' }, rule.role)) ? 'allow' : 403;
}
