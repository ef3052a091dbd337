/**
 * The playground in headless Chromium (Debian's `chromium`, installed by `pnpm test` when missing,
 * driven by playwright-core): load the page, type a mistake and see its diagnostic on the right
 * line, fix it, run the examples, decide a transaction and see the decision with its citation; no
 * console errors. The last screen is kept as test/artifacts/playground.png.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground } from '../../packages/playground/build.ts';
import { serveStatic } from '../../packages/playground/serve.ts';
import { REPO } from '../support/policy-files.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test/artifacts');

let server: Server;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM), 'chromium is missing: run scripts/ensure-test-tools.sh (pnpm test does)').toBe(true);
  const dist = await buildPlayground();
  const served = await serveStatic(dist);
  server = served.server;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(served.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  if (page) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });
  }
  await browser?.close();
  server?.close();
});

/** Puts the cursor right after `needle` in the editor. */
async function cursorAfter(needle: string): Promise<void> {
  await page.evaluate((n) => {
    const view = (globalThis as unknown as { polEditor: { state: { doc: { toString(): string } }; dispatch(t: unknown): void; focus(): void } }).polEditor;
    const at = view.state.doc.toString().indexOf(n);
    if (at < 0) throw new Error(`${n} is not in the editor`);
    view.dispatch({ selection: { anchor: at + n.length } });
    view.focus();
  }, needle);
}

describe('the playground in Chromium', () => {
  it('loads the IFR policy with no problems', async () => {
    await expect.poll(() => page.textContent('#diagnostics'), { timeout: 20_000 }).toBe('No problems in this file.');
    expect(await page.textContent('.cm-content')).toContain('import "./chips.pol"');
  });

  it('shows the diagnostic of a typed mistake on its line, and its quick fix clears it', async () => {
    const needle = 'define controls_2023_apply = date';
    const ifr = readFileSync(join(REPO, 'policies/ai-diffusion/ifr.pol'), 'utf8');
    const before = ifr.slice(0, ifr.indexOf(needle) + needle.length - 'date'.length);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    await cursorAfter(needle);
    await page.keyboard.type('x');
    const row = page.locator('#diagnostics .diagnostic.error').first();
    await row.waitFor({ timeout: 20_000 });
    const text = await row.textContent();
    expect(text).toContain(`ifr.pol:${line}:${column} error[check/unknown-name]: there is nothing named \`datex\``);
    expect(text).toContain('did you mean `date`?');
    // The editor underlines it too (CodeMirror's lint marks).
    const mark = page.locator('.cm-lintRange-error').first();
    await mark.waitFor({ timeout: 10_000 });
    // The quick fix from "did you mean", offered in the editor's tooltip, repairs it.
    await mark.hover();
    const fix = page.locator('.cm-tooltip-lint button', { hasText: 'Change to date' });
    await fix.waitFor({ timeout: 10_000 });
    await fix.click();
    expect(await page.textContent('.cm-content')).toContain(needle);
    await expect.poll(() => page.textContent('#diagnostics'), { timeout: 20_000 }).toBe('No problems in this file.');
  });

  it('runs the examples', async () => {
    await page.click('#run-examples');
    const summary = await page.locator('#examples-summary').textContent({ timeout: 30_000 });
    const m = /^(\d+) passed, 0 failed$/.exec(summary ?? '');
    expect(m, summary ?? '').not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(50);
  });

  it('decides a transaction typed as JSON, with its citation and explanation', async () => {
    await page.fill('#transaction', JSON.stringify({ date: '2025-06-02', activity: 'export', item: { kind: 'ic', units: 100, tpp: 4800, performance_density: 3 }, destination: 'IN', consignee: { headquarters: 'IN', parent_headquarters: 'IN' } }));
    await page.click('#evaluate');
    await expect.poll(() => page.textContent('#decision'), { timeout: 20_000 }).toContain('decision: license_required(review_policy: presumption_of_approval)');
    const text = (await page.textContent('#decision')) ?? '';
    expect(text).toMatch(/decided by (rule|exception) `\w+`/);
    expect(text).toContain('15 CFR 742.6(a)(6)');
    await page.fill('#transaction', '{"date": "2025-06-02", "destination": "XX"}');
    await page.click('#evaluate');
    await expect.poll(() => page.textContent('#decision'), { timeout: 20_000 }).toContain('destination');
  });

  it('shows the compiled TypeScript', async () => {
    await page.click('#compile');
    await expect.poll(() => page.textContent('#compiled'), { timeout: 20_000 }).toContain('export function evaluate');
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
