import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CHROMIUM, launch, screenshot, SCREENSHOTS, seriousViolations } from './support/browser';
import { CLOSED_SAG, CLOSED_TEXT, HOSTILE_SAG, JOB, KOMMUNE, MAIN_SAG, OEKONOMI, ROUTED_SAG, SOCIAL } from './support/seed';
import { asKey, startPagesApi, type PagesApi } from './support/pages-api';

const describeWithChromium = CHROMIUM === null ? describe.skip : describe;
if (CHROMIUM === null) console.log('Browser tests skipped: no Chromium at /usr/bin/chromium');

describeWithChromium('pages in Chromium', () => {
  let api: PagesApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    api = await startPagesApi();
    browser = await launch();
    console.log(`screenshots in ${SCREENSHOTS}`);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'da-DK' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  async function signInAs(key: string, next = '/'): Promise<void> {
    await page.goto(`${api.url}/log-ind?next=${encodeURIComponent(next)}`);
    await page.fill('#key', key);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }

  it('signs in, searches, finds the sag, and shows its three committees in date order', async () => {
    await page.goto(`${api.url}/`);
    expect(await page.textContent('h1')).toContain('Log ind');
    await screenshot(page, '01-needs-sign-in');
    await page.click('a.button');
    await screenshot(page, '02-sign-in');
    await page.fill('#key', api.keys.reader);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(page.url()).not.toContain(api.keys.reader);
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'sagsspor_session', httpOnly: true, sameSite: 'Strict' })]);
    expect(cookies[0]?.value).not.toContain(api.keys.reader);
    expect(await page.content()).not.toContain(api.keys.reader);

    await page.fill('#kommune', KOMMUNE);
    await page.fill('#q', 'kvartal');
    await Promise.all([page.waitForNavigation(), page.click('form.search button[type=submit]')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('kvartal');
    await screenshot(page, '03-search');
    const results = page.locator('table.results tbody tr');
    expect(await results.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), results.first().locator('a.sag-link').click()]);

    expect(new URL(page.url()).pathname).toBe(`/sag/${KOMMUNE}/${MAIN_SAG}`);
    expect(await page.textContent('h1')).toBe('Status på kvartalsplaner');
    const committees = await page.locator('.timeline .treatment h3 a').allTextContents();
    expect(committees).toEqual([SOCIAL, JOB, OEKONOMI]);
    const dates = await page.locator('.timeline .treatment time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    expect(dates).toEqual(['2024-02-05', '2024-02-07', '2024-02-21']);
    expect(await page.locator('.timeline').textContent()).toContain('Taget til efterretning');
    await screenshot(page, '04-sag');
  });

  it('moving the slider to an earlier meeting hides later treatments and puts the date in the URL', async () => {
    await signInAs(api.keys.reader, `/sag/${KOMMUNE}/${MAIN_SAG}`);
    const slider = page.locator('#asof-range');
    expect(await slider.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/asOf=2024-02-07/), slider.fill('1')]);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-02-07');
    const committees = await page.locator('.timeline .treatment h3 a').allTextContents();
    expect(committees).toEqual([SOCIAL, JOB]);
    expect(await page.textContent('.notice')).toContain('7. februar 2024');
    expect(await page.locator('#asOf').inputValue()).toBe('2024-02-07');
    await screenshot(page, '05-sag-as-of');
    // The linked view opens the same way.
    await page.goto(page.url());
    expect(await page.locator('.timeline .treatment').count()).toBe(2);
  });

  it('works without JavaScript: the as-of form submits the date', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.setExtraHTTPHeaders(asKey(api.keys.reader));
    await p.goto(`${api.url}/sag/${KOMMUNE}/${MAIN_SAG}`);
    expect(await p.locator('#asof-range').isVisible()).toBe(false);
    await p.selectOption('#asOf', '2024-02-05');
    await Promise.all([p.waitForNavigation(), p.click('form.asof button[type=submit]')]);
    expect(new URL(p.url()).searchParams.get('asOf')).toBe('2024-02-05');
    expect(await p.locator('.timeline .treatment').count()).toBe(1);
    await noJs.close();
  });

  it('a reader sees "Lukket punkt" where an auditor sees the text; signing out ends the session', async () => {
    await signInAs(api.keys.reader, `/sag/${KOMMUNE}/${CLOSED_SAG}`);
    const asReader = await page.textContent('main');
    expect(asReader).toContain('Lukket punkt');
    expect(asReader).not.toContain(CLOSED_TEXT);
    await screenshot(page, '06-closed-as-reader');

    await Promise.all([page.waitForNavigation(), page.click('nav.who button')]);
    expect(await page.textContent('h1')).toBe('Du er logget ud');
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${api.url}/sag/${KOMMUNE}/${CLOSED_SAG}`);
    expect(await page.textContent('h1')).toContain('Log ind');

    await page.click('a.button');
    await page.fill('#key', api.keys.auditor);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe(`/sag/${KOMMUNE}/${CLOSED_SAG}`);
    expect(await page.textContent('main')).toContain(CLOSED_TEXT);
    await page.click('details.provenance summary >> nth=0');
    expect(await page.textContent('details.provenance >> nth=0')).toContain('clerk@test');
    expect(await page.locator('#knownAt').isVisible()).toBe(true);
    await screenshot(page, '07-closed-as-auditor');
  });

  it('the feed parses as Atom and the CSV has the same rows as the JSON', async () => {
    await signInAs(api.keys.reader);
    await page.goto(`${api.url}/?kommune=${KOMMUNE}`);
    const feedHref = await page.getAttribute('link[rel=alternate][type="application/atom+xml"]', 'href');
    const feed = await page.request.get(`${api.url}${feedHref}`);
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const entries = new XMLParser({ isArray: (n) => n === 'entry' }).parse(xml).feed.entry;
    expect(entries.length).toBeGreaterThan(5);

    const csvHref = await page.getAttribute('a[href^="/sager.csv"]', 'href');
    const csv = await page.request.get(`${api.url}${csvHref}`);
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    const json = (await (await fetch(`${api.url}/sager?kommune=${KOMMUNE}`, { headers: asKey(api.keys.reader) })).json()) as any;
    expect(rows.map((r) => [r.sagsnummer, r.title, r.status])).toEqual(json.items.map((s: any) => [s.sagsnummer, s.title, s.status]));
  });

  it('escapes markup in sag numbers and committee names, and shows bad input as a readable page', async () => {
    let alerted = false;
    page.on('dialog', async (d) => {
      alerted = true;
      await d.dismiss();
    });
    await signInAs(api.keys.reader, `/sag/${KOMMUNE}/${encodeURIComponent(HOSTILE_SAG)}`);
    expect(await page.textContent('.eyebrow')).toContain(HOSTILE_SAG);
    await screenshot(page, '08-markup-escaped');
    await page.goto(`${api.url}/?kommune=${KOMMUNE}&q=${'x'.repeat(5000)}`);
    expect(await page.textContent('h1')).toBe('Ugyldig forespørgsel');
    await screenshot(page, '09-bad-query');
    await page.goto(`${api.url}/sag/${KOMMUNE}/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(await page.textContent('h1')).toBe('Siden findes ikke');
    await screenshot(page, '10-unknown-sag');
    expect(alerted).toBe(false);
  });

  it('has no serious or critical accessibility violations on any page (axe-core)', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
    const p = await axeContext.newPage();
    const pages = {
      'sign-in': '/log-ind',
      search: `/?kommune=${KOMMUNE}`,
      sag: `/sag/${KOMMUNE}/${MAIN_SAG}`,
      'sag-as-of': `/sag/${KOMMUNE}/${MAIN_SAG}?asOf=2024-02-07`,
      closed: `/sag/${KOMMUNE}/${CLOSED_SAG}`,
      routed: `/sag/${KOMMUNE}/${ROUTED_SAG}`,
      pipeline: `/udvalg/${KOMMUNE}/${encodeURIComponent(JOB.toLocaleLowerCase('da'))}`,
      'search-next': `/?kommune=${KOMMUNE}&next=${encodeURIComponent(JOB.toLocaleLowerCase('da'))}`,
      committee: `/udvalg/${KOMMUNE}/${encodeURIComponent('økonomiudvalget')}`,
      error: `/sag/${KOMMUNE}/nope`,
    };
    const found: Record<string, unknown> = {};
    for (const headers of [asKey(api.keys.reader), asKey(api.keys.auditor)]) {
      await p.setExtraHTTPHeaders(headers);
      for (const [name, path] of Object.entries(pages)) {
        await p.goto(`${api.url}${path}`);
        const violations = await seriousViolations(p);
        if (violations.length > 0)
          found[name] = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }
    }
    await p.setExtraHTTPHeaders(asKey(api.keys.auditor));
    await p.goto(`${api.url}/udvalg/${KOMMUNE}/${encodeURIComponent('økonomiudvalget')}`);
    await screenshot(p, '11-committee');
    await p.goto(`${api.url}/sag/${KOMMUNE}/${ROUTED_SAG}`);
    await screenshot(p, '12-sag-route');
    await p.goto(`${api.url}/udvalg/${KOMMUNE}/${encodeURIComponent(JOB.toLocaleLowerCase('da'))}`);
    await screenshot(p, '13-committee-pipeline');
    await axeContext.close();
    expect(found).toEqual({});
  });
});
