import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Eta } from 'eta';
import type { Response } from 'express';
import { sendWhole } from '../http/compression';
import * as labels from './labels';

/**
 * Templates and assets sit beside this file in the source tree and are
 * copied beside the compiled file by scripts/build.js, so one relative path
 * serves `npm start`, the Docker image and the tests (which run the source).
 */
export const VIEWS_DIR = path.join(__dirname, 'views');
export const ASSETS_DIR = path.join(__dirname, 'assets');

/**
 * Pages get a policy of their own, stricter than the API's (no inline
 * styles either); forms may post to this origin only. The script is a file
 * of ours: nothing inline runs.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

let eta: Eta | null = null;

/**
 * One engine per process; auto-escaping on (the default, stated here
 * because everything relies on it). Every template is compiled once, at the
 * first page, and registered by name ("@sag", "@partials/viewer"): a render
 * then never touches the file system or resolves a path.
 */
function engine(): Eta {
  if (eta === null) {
    eta = new Eta({ views: VIEWS_DIR, autoEscape: true, cache: true });
    for (const file of fs.readdirSync(VIEWS_DIR, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.eta')) continue;
      const name = `@${file.slice(0, -'.eta'.length).split(path.sep).join('/')}`;
      eta.loadTemplate(name, fs.readFileSync(path.join(VIEWS_DIR, file), 'utf8'));
    }
  }
  return eta;
}

/** Cache-busting version of the stylesheet and script: their content hash, so a deploy never serves a stale pair. */
let assetVersion: string | null = null;
function version(): string {
  if (assetVersion === null) {
    const hash = createHash('sha256');
    for (const f of ['site.css', 'site.js']) hash.update(fs.readFileSync(path.join(ASSETS_DIR, f)));
    assetVersion = hash.digest('hex').slice(0, 12);
  }
  return assetVersion;
}

/** The engine's own escaping, for HTML that is not a template (feed entries travel as HTML inside Atom). */
export function escapeHtml(text: string): string {
  return engine().config.escapeFunction(text);
}

export function renderView(name: string, data: object): string {
  return engine().render(`@${name}`, { ...data, labels, assetVersion: version() });
}

/** Headers every HTML answer carries: the page policy, and no caching by others (pages depend on who signed in). */
export function pageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.vary('Cookie');
}

export function sendPage(res: Response, name: string, data: object, status = 200): void {
  pageHeaders(res);
  sendWhole(res.status(status).type('text/html; charset=utf-8'), renderView(name, data));
}
