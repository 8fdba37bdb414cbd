import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with the jest globalSetup, which is plain JavaScript
const { chromiumPath } = require('./chromium-path.js') as { chromiumPath(): string | null };

export const CHROMIUM = chromiumPath();

/** Debian's chromium, headless; never a downloaded browser. */
export function launch(): Promise<Browser> {
  if (CHROMIUM === null) throw new Error('no Chromium');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const SCREENSHOTS = process.env['SAGSSPOR_SCREENSHOTS'] ?? path.join(os.tmpdir(), 'sagsspor-screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { target: unknown }[];
}

/** axe-core in the page (its context must bypass the page's CSP to inject it); serious and critical violations only. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
