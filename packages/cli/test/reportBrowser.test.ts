import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/analyze.js';
import { hostileCsv } from './safety.test.js';
import { put, tempDir } from './helpers.js';

// Debian's chromium, driven by playwright-core (never `playwright install`: no downloads here).
// .ci/run installs it; set JIANCE_CHROMIUM to use another binary.
const executablePath = process.env.JIANCE_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = new URL('../../../out/screenshots/', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname;

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium (as .ci/run does), or set JIANCE_CHROMIUM`);
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync(screenshots, { recursive: true });
}, 60_000);
afterAll(async () => browser?.close());

/** Opens a file offline: any request that is not for the file itself is blocked and recorded. */
async function openOffline(path: string) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const external: string[] = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(path).href) return route.continue();
    external.push(url);
    return route.abort();
  });
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, context, external, failed, consoleErrors, dialogs };
}

describe('report.html in headless Chromium, offline', () => {
  it('opens with no request, no console error; every section and chart is there and drawn', async () => {
    const out = join(tempDir(), 'province');
    await analyzeFile(fixture('province.csv'), {
      out,
      countyComparison: { reference: { label: '全国', estimate: 500, se: 2 } },
      rates: { targets: { vision_poor: '-1pp per year from 2022' } },
    });
    const { page, context, external, failed, consoleErrors, dialogs } = await openOffline(join(out, 'report.html'));
    for (const id of ['quality', 'achievement', 'between', 'rates', 'comparison', 'methods']) expect(await page.locator(`section#${id}`).count(), id).toBe(1);
    const figures = await page.locator('figure.chart').evaluateAll((els) =>
      els.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: f.id,
          section: f.closest('section')?.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, circle, line, rect').length ?? 0,
          text: svg?.textContent ?? '',
        };
      }),
    );
    const sections = new Set(figures.map((f) => f.section));
    expect([...sections].sort()).toEqual(['between', 'comparison', 'rates']);
    for (const f of figures) {
      expect(f.width, f.id).toBeGreaterThan(200);
      expect(f.height, f.id).toBeGreaterThan(100);
      expect(f.marks, f.id).toBeGreaterThan(10);
    }
    expect(figures.find((f) => f.id === 'chart-math-ranks-4')!.text).toContain('名次');
    await page.screenshot({ path: join(screenshots, 'report-province.png'), fullPage: true });
    await page.locator('section#comparison').screenshot({ path: join(screenshots, 'report-province-comparison.png') });
    expect(external).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 120_000);

  it('a report of hostile names runs nothing: no dialog, the names are text', async () => {
    const dir = tempDir();
    const out = join(dir, 'hostile');
    await analyzeFile(put(dir, 'hostile.csv', hostileCsv()), { out, lang: 'en' });
    const { page, context, external, consoleErrors, dialogs } = await openOffline(join(out, 'report.html'));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('body').textContent()).toContain('<script>alert(1)</script>');
    await page.screenshot({ path: join(screenshots, 'report-hostile-en.png'), fullPage: false });
    expect(dialogs).toEqual([]);
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('the numbers in report.html are the numbers in results.json', () => {
  it('every number in a table cell or reading is a rounding of a number in results.json, and the key estimates are shown', async () => {
    const out = join(tempDir(), 'province');
    const { results } = await analyzeFile(fixture('province.csv'), { out, countyComparison: { reference: { label: '全国', estimate: 500 } } });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const fromJson = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'number' && Number.isFinite(v)) {
        for (let d = 0; d <= 3; d++) fromJson.add(Math.abs(v).toFixed(d));
        for (let d = 0; d <= 2; d++) fromJson.add(Math.abs(100 * v).toFixed(d));
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
    // Table cells and readings of the result sections (figures are SVG: their numbers are axis ticks).
    const body = html.slice(html.indexOf('<section id="findings"'), html.indexOf('<section id="methods"')).replace(/<figure[\s\S]*?<\/figure>/g, '');
    const cells = [...body.matchAll(/<(td|p class="reading"|p class="finding")[^>]*>([\s\S]*?)<\/(td|p)>/g)].map((m) =>
      m[2]!.replace(/<[^>]+>/g, '').replace(/&#\d+;/g, ' '),
    );
    expect(cells.length).toBeGreaterThan(500);
    const unexplained: string[] = [];
    let checked = 0;
    for (const cell of cells) {
      for (const m of cell.matchAll(/[+−-]?\d[\d,]*(?:\.\d+)?/g)) {
        const token = m[0].replace(/[+−-]/, '').replace(/,/g, '');
        checked++;
        if (!fromJson.has(token)) unexplained.push(`${token} in "${cell.slice(0, 80)}"`);
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(unexplained).toEqual([]);
    // And the other way: each county's REML ICC and each comparison mean is in the report.
    for (const c of results.betweenSchool[0]!.counties) if (c.reml.estimable) expect(html).toContain(`${(100 * c.reml.icc).toFixed(1)}%`);
    for (const cell of results.countyComparison[0]!.cells.filter((x) => x.year === 2024)) {
      for (const c of cell.counties) expect(html).toContain(`<span data-value="mean">${c.mean.mean.toFixed(1)}</span>`);
    }
  }, 120_000);
});
