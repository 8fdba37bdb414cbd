import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CLOSED_SAG,
  CLOSED_TEXT,
  HOSTILE_COMMITTEE,
  HOSTILE_SAG,
  JOB,
  KOMMUNE,
  MAIN_SAG,
  OEKONOMI,
  ROUTED_SAG,
  SOCIAL,
} from './support/seed';
import { asKey, signIn, startPagesApi, type PagesApi } from './support/pages-api';

let api: PagesApi;
beforeAll(async () => {
  api = await startPagesApi();
});
afterAll(() => api?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers, redirect: 'manual' });
const sagPath = (n: string) => `/sag/${KOMMUNE}/${encodeURIComponent(n)}`;
const committeeKey = (name: string) => encodeURIComponent(name.toLocaleLowerCase('da'));

describe('pages over HTTP', () => {
  it('serves a sag page as Danish HTML with a strict CSP and compression', async () => {
    const res = await get(sagPath(MAIN_SAG), { ...asKey(api.keys.reader), 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Taget til efterretning');
    expect(html).toContain('Anbefalet til Økonomiudvalget');
  });

  it.each([
    ["a sag's page", sagPath(MAIN_SAG)],
    ["a sag's feed", `${sagPath(MAIN_SAG)}/feed.atom`],
  ])('sends %s compressed as the client accepts, the same content in every encoding', async (_what, path) => {
    const raw = async (acceptEncoding: string) => {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get(`${api.url}${path}`, { headers: { ...asKey(api.keys.reader), 'accept-encoding': acceptEncoding } }, resolve)
          .on('error', reject),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return { res, body: Buffer.concat(chunks) };
    };
    const plain = await raw('identity');
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(plain.res.headers['vary']).toMatch(/Accept-Encoding/i);
    const br = await raw('gzip, deflate, br');
    const gzip = await raw('gzip, deflate');
    expect([br.res.headers['content-encoding'], gzip.res.headers['content-encoding']]).toEqual(['br', 'gzip']);
    expect(Number(br.res.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
  });

  it('answers an anonymous reader with a sign-in page (401), not the content', async () => {
    const res = await get(sagPath(MAIN_SAG), { accept: 'text/html' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Log ind for at se siden');
    expect(html).toContain('/log-ind?next=');
    expect(html).not.toContain('Status på kvartalsplaner');
  });

  describe('bad input gets a readable 4xx page that echoes no markup', () => {
    const cases: [string, string, number][] = [
      ['an unknown sag', sagPath('99-999999'), 404],
      ['markup in a sag number', sagPath('<script>alert(1)</script>x'), 404],
      ['markup in a committee name', `/udvalg/${KOMMUNE}/${encodeURIComponent('<img src=x onerror=alert(1)>nej')}`, 404],
      ['a bad as-of date', `${sagPath(MAIN_SAG)}?asOf=2024-02-30`, 400],
      ['a bad known-at time', `${sagPath(MAIN_SAG)}?knownAt=${encodeURIComponent('<b>igår</b>')}`, 403],
      ['a 5,000-character query', `/?kommune=${KOMMUNE}&q=${'kvartal '.repeat(625)}`, 400],
      ['a bad date range', `/?kommune=${KOMMUNE}&from=2024-13-01`, 400],
      ['markup in a search', `/?kommune=${encodeURIComponent('<script>x</script>')}&q=%3Cscript%3E`, 200],
      ['a bad feed', `/sag/${KOMMUNE}/${encodeURIComponent('<svg onload=1>')}/feed.atom`, 404],
      ['a bad committee feed', `/udvalg/${KOMMUNE}/${encodeURIComponent('<svg>')}/feed.atom`, 404],
      ['a bad CSV filter', `/sager.csv?kommune=${KOMMUNE}&status=${encodeURIComponent('<b>')}`, 400],
      ['an array where one value goes', `/?kommune=${KOMMUNE}&q=a&q=b`, 400],
      ['an unknown page', '/nowhere/<script>', 404],
    ];
    it.each(cases)('%s', async (_what, path, status) => {
      const res = await get(path, { ...asKey(api.keys.reader), accept: 'text/html' });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toMatch(/<h1[ >]/);
      expect(html).not.toMatch(/<(img|svg|b)[\s>]/i);
      expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/assets\/site\.js\?v=[0-9a-f]+" defer>$/)]);
    });
  });

  it('escapes markup recorded in sag numbers, titles and committee names', async () => {
    const res = await get(sagPath(HOSTILE_SAG), asKey(api.keys.reader));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(&quot;sag&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;udvalget');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(HOSTILE_COMMITTEE).toContain('<img');
  });

  it('shows a reader "Lukket punkt" where an auditor sees the text', async () => {
    const reader = await (await get(sagPath(CLOSED_SAG), asKey(api.keys.reader))).text();
    expect(reader).toContain('Lukket punkt');
    expect(reader).not.toContain(CLOSED_TEXT);
    expect(reader).not.toContain('Hovedgaden');
    const auditor = await (await get(sagPath(CLOSED_SAG), asKey(api.keys.auditor))).text();
    expect(auditor).toContain(CLOSED_TEXT);
    expect(auditor).toContain('Proveniens');
  });

  it('lets any reader see the sag as of a date, and only an auditor as known at a time', async () => {
    const asOf = await get(`${sagPath(MAIN_SAG)}?asOf=2024-02-07`, asKey(api.keys.reader));
    expect(asOf.status).toBe(200);
    const html = await asOf.text();
    expect(html).toContain('Udvalget for Job, Arbejdsmarked og Integration');
    expect(html).not.toContain('Taget til efterretning.</blockquote>');
    const knownAt = await get(`${sagPath(MAIN_SAG)}?knownAt=2030-01-01T00:00:00Z`, asKey(api.keys.reader));
    expect(knownAt.status).toBe(403);
    const auditor = await get(`${sagPath(MAIN_SAG)}?knownAt=2030-01-01T00:00:00Z&asOf=`, asKey(api.keys.auditor));
    expect(auditor.status).toBe(200);
  });

  describe('signing in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie, and never puts the key in a URL or a page', async () => {
      const res = await fetch(`${api.url}/log-ind`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: api.keys.reader, next: sagPath(MAIN_SAG) }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(sagPath(MAIN_SAG));
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/);
      expect(cookie).not.toContain(api.keys.reader);
      const page = await (await get(sagPath(MAIN_SAG), { cookie: cookie.split(';')[0] as string })).text();
      expect(page).toContain('Logget ind som');
      expect(page).not.toContain(api.keys.reader);
    });

    it('marks the cookie Secure behind TLS', async () => {
      const res = await fetch(`${api.url}/log-ind`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ key: api.keys.reader }).toString(),
        redirect: 'manual',
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    });

    it('refuses a wrong key with the form again, without echoing it', async () => {
      const res = await fetch(`${api.url}/log-ind`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: 'sgk_<b>wrong</b>' }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const html = await res.text();
      expect(html).toContain('Nøglen blev ikke genkendt');
      expect(html).not.toContain('wrong');
    });

    it('refuses a sign-in posted from another site', async () => {
      const res = await fetch(`${api.url}/log-ind`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: new URLSearchParams({ key: api.keys.reader }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('lets the session read pages only: never the JSON API, never a write', async () => {
      const cookie = await signIn(api.url, api.keys.admin);
      expect((await get(`/sager/${KOMMUNE}/${MAIN_SAG}`, { cookie })).status).toBe(401);
      const write = await fetch(`${api.url}/sager/${KOMMUNE}/${MAIN_SAG}/decisions`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ committee: 'Byrådet', meetingDate: '2024-03-01', item: 1, outcome: 'approved', text: 'Godkendt.' }),
      });
      expect(write.status).toBe(401);
    });

    it('signs out: the session no longer reads', async () => {
      const cookie = await signIn(api.url, api.keys.reader);
      expect((await get('/', { cookie })).status).toBe(200);
      const out = await fetch(`${api.url}/log-ud`, { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(200);
      expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      expect((await get('/', { cookie, accept: 'text/html' })).status).toBe(401);
    });
  });

  describe('feeds', () => {
    const paths = [
      `/sag/${KOMMUNE}/${MAIN_SAG}/feed.atom`,
      `/udvalg/${KOMMUNE}/${committeeKey('Økonomiudvalget')}/feed.atom`,
      `/feed.atom?kommune=${KOMMUNE}&q=kvartal`,
    ];
    it.each(paths)('%s is valid Atom whose entries are treatments with event ids', async (path) => {
      const res = await get(path, asKey(api.keys.reader));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await res.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml).feed;
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(feed.entry.length).toBeGreaterThan(0);
      for (const e of feed.entry) {
        expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(e.link['@_href']).toMatch(/\/sag\/Lejre\//);
      }
    });

    it("a sag's feed has one entry per treatment step, ids matching the event ids", async () => {
      const json = (await (await get(`/sager/${KOMMUNE}/${MAIN_SAG}`, asKey(api.keys.reader))).json()) as any;
      const xml = await (await get(`/sag/${KOMMUNE}/${MAIN_SAG}/feed.atom`, asKey(api.keys.reader))).text();
      const ids = new XMLParser({ isArray: (n) => n === 'entry' }).parse(xml).feed.entry.map((e: { id: string }) => e.id);
      expect(ids.sort()).toEqual(json.timeline.map((e: any) => `urn:uuid:${e.provenance.eventId}`).sort());
    });

    it('redacts closed items for readers', async () => {
      const xml = await (await get(`/udvalg/${KOMMUNE}/${committeeKey('Økonomiudvalget')}/feed.atom`, asKey(api.keys.reader))).text();
      expect(xml).toContain('Lukket punkt');
      expect(xml).not.toContain(CLOSED_TEXT);
    });
  });

  describe('the route', () => {
    it("shows a sag's route as a row: visited with date and outcome, where it is now, next, the deciding body", async () => {
      const html = await (await get(sagPath(ROUTED_SAG), asKey(api.keys.reader))).text();
      const route = html.slice(html.indexOf('<section class="route'), html.indexOf('</section>', html.indexOf('<section class="route')));
      const stops = [...route.matchAll(/<li class="stop ([^"]+)"[\s\S]*?<a [^>]*>([^<]+)<\/a>([\s\S]*?)<\/li>/g)].map((m) => [
        m[1],
        (m[2] ?? '').replace(/&amp;/g, '&'),
        (m[3] ?? '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ]);
      expect(stops).toEqual([
        ['visited here', SOCIAL, '4. mar. 2024 Anbefalet Her nu'],
        ['ahead next', JOB, 'planlagt Næste'],
        ['ahead', OEKONOMI, 'afgør sagen'],
      ]);
      expect(route).toContain(`Næste: <strong>${JOB}</strong>`);
      const json = (await (await get(`/sager/${KOMMUNE}/${ROUTED_SAG}`, asKey(api.keys.reader))).json()) as any;
      expect(json.route.next.committee).toBe(JOB);
    });

    it('marks a sag decided for good as such, with nothing ahead', async () => {
      const html = await (await get(sagPath(MAIN_SAG), asKey(api.keys.reader))).text();
      expect(html).toContain('Endeligt afgjort');
      expect(html).toContain('Afgjort her');
      expect(html).not.toContain('class="stop ahead');
    });

    it("shows on a committee's page the sager expected there next, as the API's pipeline", async () => {
      const html = await (await get(`/udvalg/${KOMMUNE}/${committeeKey(JOB)}`, asKey(api.keys.reader))).text();
      expect(html).toContain('Forventes her næste');
      const pipeline = html.slice(
        html.indexOf('<section class="pipeline'),
        html.indexOf('</section>', html.indexOf('<section class="pipeline')),
      );
      const api_ = (await (await get(`/committees/${KOMMUNE}/${committeeKey(JOB)}/pipeline`, asKey(api.keys.reader))).json()) as any;
      const shown = [...pipeline.matchAll(/<span class="mono">([^<]+)<\/span>/g)].map((m) => m[1]);
      expect(shown).toEqual(api_.items.map((p: any) => p.sagsnummer));
      expect(shown).toContain(ROUTED_SAG);
    });

    it('searches by the committee a sag goes to next', async () => {
      const html = await (await get(`/?kommune=${KOMMUNE}&next=${committeeKey(JOB)}`, asKey(api.keys.reader))).text();
      const found = [...html.matchAll(/class="sag-link" href="[^"]+"><span class="mono">([^<]+)</g)].map((m) => m[1]);
      expect(found).toEqual([ROUTED_SAG]);
      expect(html).toContain(`næste: ${JOB}`);
    });
  });

  describe('CSV', () => {
    it('the sager list as CSV has the same rows as the JSON, redacted alike', async () => {
      const json = (await (await get(`/sager?kommune=${KOMMUNE}`, asKey(api.keys.reader))).json()) as any;
      const res = await get(`/sager.csv?kommune=${KOMMUNE}`, asKey(api.keys.reader));
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.sagsnummer, r.title, r.status, r.lastDate])).toEqual(
        json.items.map((s: any) => [s.sagsnummer, s.title, s.status, s.lastDate]),
      );
      expect(rows.find((r) => r.sagsnummer === CLOSED_SAG)?.title).toContain('Lukket punkt');
    });

    it('Accept: text/csv on the JSON routes answers the same CSV, with the same filters', async () => {
      const byExt = await (await get(`/decisions.csv?kommune=${KOMMUNE}&outcome=approved`, asKey(api.keys.auditor))).text();
      const res = await get(`/decisions?kommune=${KOMMUNE}&outcome=approved`, { ...asKey(api.keys.auditor), accept: 'text/csv' });
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = await res.text();
      expect(text).toBe(byExt);
      const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.map((r) => r.outcome)).toEqual(['approved', 'approved']);
      expect(text).toContain(CLOSED_TEXT);
    });

    it('a page at a time when a limit is given, with the next page linked', async () => {
      const res = await get(`/sager.csv?kommune=${KOMMUNE}&limit=2`, asKey(api.keys.reader));
      const rows = parse(await res.text(), { columns: true, bom: true });
      expect(rows).toHaveLength(2);
      expect(res.headers.get('link')).toMatch(/^<\/sager\.csv\?.*cursor=.*>; rel="next"$/);
    });

    it("takes the JSON list's route filters, stale and next, with the same rows", async () => {
      for (const filter of ['stale=P1Y', `next=${committeeKey(JOB)}`]) {
        const json = (await (await get(`/sager?kommune=${KOMMUNE}&${filter}`, asKey(api.keys.reader))).json()) as any;
        const res = await get(`/sager.csv?kommune=${KOMMUNE}&${filter}`, asKey(api.keys.reader));
        expect(res.status).toBe(200);
        const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
        expect(rows.map((r) => r.sagsnummer)).toEqual(json.items.map((s: any) => s.sagsnummer));
        expect(rows.length).toBeGreaterThan(0);
      }
    });

    it('errors of an API route asked for CSV stay problem+json', async () => {
      const res = await get(`/sager?kommune=${KOMMUNE}&status=nope`, { ...asKey(api.keys.reader), accept: 'text/csv' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
