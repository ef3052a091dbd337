/**
 * The HTML change memo of the IFR -> as-enforced diff in headless Chromium (Debian's `chromium`,
 * installed by `pnpm test` when missing, driven by playwright-core): it renders offline with
 * JavaScript disabled and no console errors, its landmarks, captions and header scopes are there
 * for a screen reader, and printed to PDF it takes at most 3 pages. A screenshot at 1400 px width
 * and the PDF are kept in test/artifacts/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPrograms, renderDiff } from '@pol/analysis';
import { load } from './load.ts';

const CHROMIUM = '/usr/bin/chromium';
const REPO = join(import.meta.dirname, '../..');
const ARTIFACTS = join(REPO, 'test/artifacts');
const IFR = join(REPO, 'policies/ai-diffusion');

let browser: Browser;
let page: Page;
let html: string;
let regions: number;
const problems: string[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM), 'chromium is missing: run scripts/ensure-test-tools.sh (pnpm test does)').toBe(true);
  const report = await diffPrograms(load(join(IFR, 'ifr.pol')), load(join(IFR, 'as-enforced-2025-05-13.pol')));
  regions = report.regions.length;
  html = renderDiff(report, 'html', { before: 'ifr.pol', after: 'as-enforced-2025-05-13.pol' });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'diff-memo.html'), html);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, javaScriptEnabled: false, offline: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  // a file on disk, as a reviewer opens a memo they were sent
  await page.goto(`file://${join(ARTIFACTS, 'diff-memo.html')}`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the HTML change memo in Chromium', () => {
  it('renders offline with JavaScript disabled, every region in its table, no console errors', async () => {
    expect(await page.locator('h1').textContent()).toContain('Change memo: ifr.pol');
    expect(regions).toBeGreaterThan(10);
    expect(await page.locator('table.regions tbody tr').count()).toBe(regions);
    // a region links to its structural causes, and the structural list back to the regions
    const link = page.locator('#r1 td.causes a').first();
    const target = (await link.getAttribute('href'))!;
    expect(target).toMatch(/^#s\d+$/);
    expect(await page.locator(`${target} a[href="#r1"]`).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'diff-memo.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('is accessible: landmarks, a caption on every table, a scope on every header cell', async () => {
    for (const landmark of ['header', 'main', 'footer', 'nav']) expect(await page.locator(landmark).count(), landmark).toBe(1);
    const tables = await page.locator('table').count();
    expect(tables).toBeGreaterThanOrEqual(4);
    expect(await page.locator('table > caption').count()).toBe(tables);
    expect(await page.locator('th:not([scope])').count()).toBe(0);
    expect(await page.locator('html[lang="en"]').count()).toBe(1);
    expect(await page.locator('#signoff').isVisible()).toBe(true);
  });

  it('prints to at most 3 pages', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(ARTIFACTS, 'diff-memo.pdf'), pdf);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
  });
});

/** The page count of a PDF, read from its page objects (Chromium writes them uncompressed). */
function pdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
