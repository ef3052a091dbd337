/**
 * The IFR digest in headless Chromium (Debian's `chromium`, installed by `pnpm test` when missing,
 * driven by playwright-core) with JavaScript disabled: it renders, asks for nothing from the
 * network, logs no console error, has the landmarks and table semantics a screen reader needs,
 * and its print stylesheet drops the navigation. Screenshots (screen and print) are kept in test/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pol } from '../cli/run-cli.ts';
import { REPO } from '../support/policy-files.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test/artifacts');

let browser: Browser;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];
let url: string;

beforeAll(async () => {
  expect(existsSync(CHROMIUM), 'chromium is missing: run scripts/ensure-test-tools.sh (pnpm test does)').toBe(true);
  const out = mkdtempSync(join(tmpdir(), 'pol-doc-chromium-'));
  const r = pol(['doc', 'policies/ai-diffusion/ifr.pol', '--out', out, '--as-of', '2025-06-01']);
  expect(r.code, r.stderr).toBe(0);
  url = pathToFileURL(join(out, 'index.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (q) => {
    if (q.url() !== url) requests.push(q.url());
  });
  await page.goto(url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the IFR digest in Chromium, JavaScript disabled', () => {
  it('renders the policy: title, rules, groups, examples, with no console error and no other request', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('AI Diffusion');
    expect(await page.locator('article.rule').count()).toBeGreaterThan(3);
    expect(await page.locator('article.exception').count()).toBeGreaterThan(5);
    expect(await page.locator('#exception-aia').textContent()).toContain('15 CFR 740.27');
    const examples = page.locator('table.examples tbody tr');
    expect(await examples.count()).toBeGreaterThan(50);
    expect(await page.locator('table.examples .badge.fail').count()).toBe(0);
    // laid out as a page, not a wall of text: the rules' bars and the table borders are styled
    const border = await page.evaluate<string>(`getComputedStyle(document.querySelector('article.rule')).borderLeftWidth`);
    expect(border).toBe('4px');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'doc-ifr.png') });
  });

  it('has landmarks, captioned tables and header scopes', async () => {
    // page scripts as text: the test is type-checked without the DOM library
    const roles = await page.evaluate(`({
      banner: document.querySelectorAll('body > header').length,
      nav: document.querySelectorAll('nav[aria-label]').length,
      main: document.querySelectorAll('main').length,
      footer: document.querySelectorAll('body > footer').length,
      lang: document.documentElement.lang,
    })`);
    expect(roles).toEqual({ banner: 1, nav: 1, main: 1, footer: 1, lang: 'en' });
    const tables = await page.evaluate<{ caption: boolean; unscoped: number; rowHeaders: boolean }[]>(`
      [...document.querySelectorAll('table')].map((t) => ({
        caption: (t.querySelector('caption')?.textContent ?? '').trim().length > 0,
        unscoped: [...t.querySelectorAll('th')].filter((th) => th.getAttribute('scope') !== 'col' && th.getAttribute('scope') !== 'row').length,
        rowHeaders: t.querySelectorAll('tbody tr').length === t.querySelectorAll('tbody th[scope="row"]').length,
      }))`);
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) expect(t).toEqual({ caption: true, unscoped: 0, rowHeaders: true });
    // every in-page link lands on an element of the page
    const broken = await page.evaluate<string[]>(`[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id))`);
    expect(broken).toEqual([]);
    // headings never skip a level
    const levels = await page.evaluate<number[]>(`[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]))`);
    levels.forEach((l, i) => expect(l - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });

  it('prints without the navigation', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('main').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'doc-ifr-print.png') });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('nav').isVisible()).toBe(true);
  });
});
