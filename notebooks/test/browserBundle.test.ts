import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { betweenSchoolVariance, decodeText, parseCsv, studentTable, tableSource } from '@jiance/core';
import { bundleForBrowser, type BrowserBundle } from '../src/bundleForBrowser.js';
import { fixturesDir } from '../src/prepareData.js';
import { serveStatic, type StaticServer } from '../src/serveStatic.js';
import { guardedPage, launchChromium } from './chromium.js';

// A page that imports the bundle, reads county.csv and runs the between-school analysis and a
// chart of @jiance/report, as an analyst's online notebook would.
const page = `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as jiance from './jiance.js';
const bytes = new Uint8Array(await (await fetch('county.csv')).arrayBuffer());
const { text, encoding } = jiance.decodeText(bytes, 'county.csv');
const data = jiance.studentTable(jiance.parseCsv(text, 'county.csv', encoding));
const summary = jiance.betweenSchoolVariance(jiance.tableSource(data), 'math');
const chart = await jiance.renderChart(jiance.caterpillarSpec(summary.counties.at(-1), 'zh'));
document.body.innerHTML = chart.svg;
window.jianceResult = { icc: summary.counties.map((c) => c.reml.icc), svgStart: chart.svg.slice(0, 4) };
</script></body>`;

describe('bundleForBrowser', () => {
  let dir: string;
  let bundle: BrowserBundle;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jiance-bundle-'));
    bundle = await bundleForBrowser(join(dir, 'jiance.js'));
    await copyFile(join(fixturesDir, 'county.csv'), join(dir, 'county.csv'));
    await writeFile(join(dir, 'index.html'), page);
    server = await serveStatic(dir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('bundleForBrowser bundles the built core and report for the browser without Node built-ins', () => {
    expect(bundle.inputs.some((p) => p.includes('packages/core/dist/index.js'))).toBe(true);
    expect(bundle.inputs.some((p) => p.includes('packages/report/dist/index.js'))).toBe(true);
    expect(bundle.inputs.filter((p) => p.startsWith('node:') || p.includes('(disabled)'))).toEqual([]);
    expect(bundle.bytes).toBeGreaterThan(100_000);
  });

  it('bundleForBrowser fails on an import of a Node built-in', async () => {
    await expect(bundleForBrowser(join(dir, 'bad.js'), { entry: "import { readFileSync } from 'node:fs'; export { readFileSync };" })).rejects.toThrow(
      /Node built-in "node:fs"/,
    );
    await expect(bundleForBrowser(join(dir, 'bad.js'), { entry: "export * from 'path';" })).rejects.toThrow(/Node built-in "path"/);
  });

  it('the bundle runs in Chromium offline and gives the ICCs Node gives', async () => {
    const { page: tab, problems } = await guardedPage(browser);
    await tab.goto(`${server.url}index.html`);
    await tab.waitForFunction(() => (window as unknown as { jianceResult?: unknown }).jianceResult !== undefined, null, { timeout: 30_000 });
    const result = (await tab.evaluate(() => (window as unknown as { jianceResult: unknown }).jianceResult)) as { icc: number[]; svgStart: string };
    await tab.context().close();

    const { text, encoding } = decodeText(readFileSync(join(fixturesDir, 'county.csv')), 'county.csv');
    const inNode = betweenSchoolVariance(tableSource(studentTable(parseCsv(text, 'county.csv', encoding))), 'math').counties.map((c) =>
      c.reml.estimable ? c.reml.icc : null,
    );
    expect(result.icc).toHaveLength(8);
    expect(result.icc).toEqual(inNode); // same code, same IEEE arithmetic: equal to the last bit
    expect(result.svgStart).toBe('<svg');
    expect(problems).toEqual({ offHost: [], consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
