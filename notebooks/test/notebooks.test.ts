import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyzeFile, readConfig } from '@jiance/cli';
import { gradeName, latestCells, reportTables } from '@jiance/report';
import type { AnalysisResults, CountyComparisonSummary, KeyLabel } from '@jiance/core';
import { buildNotebooks, type BuiltSite } from '../src/buildNotebooks.js';
import { fixturesDir, notebooksDir } from '../src/prepareData.js';
import { serveStatic, type StaticServer } from '../src/serveStatic.js';
import { guardedPage, launchChromium } from './chromium.js';

const screenshots = fileURLToPath(new URL('../../out/notebooks-screenshots/', import.meta.url));

// Formatting as the notebooks write numbers (src/display.ts numberSpan), restated here.
const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
const percent = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '—' : `${fixed(100 * value, digits)}%`);
const pp = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '—' : fixed(100 * value, digits));

/**
 * The text a notebook must show for the result named by a `data-result` key, read from the
 * results.json that `analyze` wrote for the same fixture and config.
 */
function expectedText(key: string, results: AnalysisResults): string {
  const [kind, ...parts] = key.split('/');
  const same = (label: KeyLabel | undefined, text: string | undefined): boolean => String(label) === text;
  const quality = results.dataQuality;
  switch (kind) {
    case 'rows-read':
      return fixed(quality.rowsRead, 0);
    case 'rows-kept':
      return fixed(quality.rowsKept, 0);
    case 'rows-excluded':
      return fixed(quality.rowsExcluded, 0);
    case 'invalid-values':
      return fixed(
        quality.invalidValues.reduce((s, r) => s + r.count, 0),
        0,
      );
  }
  if (
    [
      'icc',
      'icc-lower',
      'icc-upper',
      'between-variance',
      'within-variance',
      'icc-anova',
      'cv',
      'icc-weighted',
      'icc-weighted-lower',
      'icc-weighted-upper',
    ].includes(kind!)
  ) {
    const [county, year, grade] = parts;
    const c = results.betweenSchool.find((s) => s.subject === 'math')!.counties.find((x) => x.county === county && same(x.year, year) && same(x.grade, grade))!;
    const reml = c.reml.estimable ? c.reml : null;
    const anova = c.anova.estimable ? c.anova : null;
    const weighted = c.weighted?.estimable ? c.weighted : null;
    const value = {
      'icc-weighted': weighted?.icc,
      'icc-weighted-lower': weighted?.iccCI[0],
      'icc-weighted-upper': weighted?.iccCI[1],
      icc: reml?.icc,
      'icc-lower': reml?.iccCI[0],
      'icc-upper': reml?.iccCI[1],
      'between-variance': reml?.betweenVariance,
      'within-variance': reml?.withinVariance,
      'icc-anova': anova?.icc,
      cv: c.cv,
    }[kind!];
    return fixed(value, kind === 'between-variance' || kind === 'within-variance' ? 1 : 3);
  }
  if (kind === 'rate') {
    const [indicator, county, year, grade] = parts;
    const trend = results.rates.indicators.find((t) => t.indicator === indicator)!;
    const cell = trend.rates.cells.find((c) => same(c.keys.county, county) && same(c.keys.year, year) && same(c.keys.grade, grade));
    return percent(cell?.rate ?? null, 1);
  }
  if (['change', 'change-lower', 'change-upper', 'p'].includes(kind!)) {
    const [indicator, county, grade] = parts;
    const t = results.rates.indicators.find((x) => x.indicator === indicator)!.trends.find((x) => x.county === county && same(x.grade, grade))!;
    const a = t.trend.annualChange;
    if (kind === 'p') return fixed(a?.pValue, 3);
    return pp({ change: a?.slope, 'change-lower': a?.lower, 'change-upper': a?.upper }[kind!], 2);
  }
  const comparisonCell = (summaries: CountyComparisonSummary[], subject: string, year: string, grade: string) =>
    summaries.find((s) => s.subject === subject)!.cells.find((c) => same(c.year, year) && same(c.grade, grade))!;
  if (['province-mean', 'province-lower', 'province-upper'].includes(kind!)) {
    const [year, grade] = parts;
    const province = comparisonCell(results.countyComparison, 'math', year!, grade!).provinceMean;
    return fixed({ 'province-mean': province.mean, 'province-lower': province.lower, 'province-upper': province.upper }[kind!], 1);
  }
  if (['mean', 'mean-lower', 'mean-upper', 'diff', 'diff-lower', 'diff-upper', 'effect', 'rank', 'rank-lower', 'rank-upper'].includes(kind!)) {
    const [county, year, grade] = parts;
    const c = comparisonCell(results.countyComparison, 'math', year!, grade!).counties.find((x) => x.county === county)!;
    const value = {
      mean: c.mean.mean,
      'mean-lower': c.mean.lower,
      'mean-upper': c.mean.upper,
      diff: c.vsProvince!.difference,
      'diff-lower': c.vsProvince!.lower,
      'diff-upper': c.vsProvince!.upper,
      effect: c.vsProvince!.effectSize,
      rank: c.rank!.rank,
      'rank-lower': c.rank!.lower,
      'rank-upper': c.rank!.upper,
    }[kind!];
    return fixed(value, kind === 'effect' ? 2 : kind!.startsWith('rank') ? 0 : 1);
  }
  if (kind === 'rate-province') {
    const [indicator, year, grade] = parts;
    return percent(comparisonCell(results.rateComparison, indicator!, year!, grade!).provinceMean.mean, 1);
  }
  if (['rate-mean', 'rate-diff', 'rate-diff-lower', 'rate-diff-upper'].includes(kind!)) {
    const [indicator, county, year, grade] = parts;
    const c = comparisonCell(results.rateComparison, indicator!, year!, grade!).counties.find((x) => x.county === county)!;
    if (kind === 'rate-mean') return percent(c.mean.mean, 1);
    return pp({ 'rate-diff': c.vsProvince!.difference, 'rate-diff-lower': c.vsProvince!.lower, 'rate-diff-upper': c.vsProvince!.upper }[kind!], 1);
  }
  throw new Error(`unknown data-result key "${key}"`);
}

/**
 * What own-data.html must show for a fixture, by `data-result` key, from analyze's results.json:
 * the data counts, the rows of every result table, and — for each county × grade at its latest
 * year — the between-school figures and the detection rate joined with the notebook's example
 * reference figures (restated here: 四年级 36%, 八年级 65%).
 */
function ownDataExpected(r: AnalysisResults): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of ['rows-read', 'rows-kept', 'rows-excluded', 'invalid-values']) out.set(key, expectedText(key, r));
  for (const t of reportTables(r, 'zh')) out.set(`table-rows/${t.id}`, fixed(t.rows.length, 0));
  const grade = (g: KeyLabel | null | undefined) => gradeName(g as number, 'zh');
  /** The cells at the latest year of their province, county and grade. */
  const latest = <T>(cells: T[], who: (c: T) => string, year: (c: T) => number): T[] =>
    cells.filter((c) => cells.every((d) => who(d) !== who(c) || year(d) <= year(c)));
  const between = r.betweenSchool.find((b) => b.subject === 'math')!;
  for (const c of latest(
    between.counties,
    (c) => `${c.province}/${c.county}/${c.grade}`,
    (c) => Number(c.year),
  )) {
    const key = `between-math/${c.province}/${c.county}/${c.year}/${grade(c.grade)}`;
    const w = c.weighted?.estimable ? c.weighted : null;
    out.set(`tidy-schools/${key}`, fixed(c.schools, 0));
    out.set(`tidy-icc/${key}`, fixed(c.reml.estimable ? c.reml.icc : null, 3));
    out.set(`tidy-icc-weighted/${key}`, fixed(w?.icc, 3));
    out.set(`tidy-icc-weighted-lower/${key}`, fixed(w?.iccCI[0], 3));
    out.set(`tidy-icc-weighted-upper/${key}`, fixed(w?.iccCI[1], 3));
  }
  const reference: Record<string, number> = { 四年级: 0.36, 八年级: 0.65 };
  const vision = r.rates.indicators.find((t) => t.indicator === 'vision_poor')!.rates.cells;
  for (const c of latest(
    vision,
    (c) => `${c.keys.province}/${c.keys.county}/${c.keys.grade}`,
    (c) => Number(c.keys.year),
  )) {
    const key = `rates-vision_poor/${c.keys.province}/${c.keys.county}/${c.keys.year}/${grade(c.keys.grade)}`;
    const ref = reference[grade(c.keys.grade)] ?? null;
    out.set(`tidy-students/${key}`, fixed(c.students, 0));
    out.set(`tidy-rate/${key}`, percent(c.rate, 1));
    out.set(`tidy-rate-lower/${key}`, percent(c.lower, 1));
    out.set(`tidy-rate-upper/${key}`, percent(c.upper, 1));
    out.set(`tidy-reference/${key}`, percent(ref, 1));
    out.set(`tidy-rate-vs-reference/${key}`, pp(c.rate === null || ref === null ? null : c.rate - ref, 1));
  }
  return out;
}

/** What each notebook must show: its fixture, how many charts and how many traced numbers. */
interface NotebookCheck {
  page: string;
  fixture: 'county' | 'province';
  charts: (results: AnalysisResults) => number;
  numbers: (results: AnalysisResults) => number;
  /** Texts that must appear (titles of charts, verdicts). */
  texts: (results: AnalysisResults) => string[];
}

const notebooks: NotebookCheck[] = [
  {
    page: 'between-school.html',
    fixture: 'county',
    // one caterpillar per grade (latest year) + the ICC chart
    charts: (r) => latestCells(r.betweenSchool[0]!).length + 1,
    // per county × year × grade: REML ICC, its interval, σ²s, ANOVA ICC, CV, the weighted ICC and its interval
    numbers: (r) => 4 + 10 * r.betweenSchool[0]!.counties.length,
    texts: (r) => [
      ...latestCells(r.betweenSchool[0]!).map((c) => `${c.county} ${c.year} ${c.grade}年级`),
      // which estimate decides (the fixture's weights vary: the weighted one)
      ...(r.betweenSchool[0]!.counties.some((c) => c.primary === 'pseudo-ML') ? ['加权估计'] : []),
    ],
  },
  {
    page: 'detection-trends.html',
    fixture: 'province',
    charts: () => 3,
    // per focus indicator and county × grade: 4 yearly rates + change, its CI and p
    numbers: (r) => 2 + 3 * r.rates.indicators[0]!.trends.length * (4 + 4),
    texts: () => [
      '视力不良检出率',
      '睡眠不足比例',
      '体质健康达标率',
      '河东区4年级视力不良检出率有所上升',
      '石门县4年级视力不良检出率有所下降',
      '白水县4年级睡眠不足比例有所上升',
    ],
  },
  {
    page: 'county-comparison.html',
    fixture: 'province',
    charts: () => 2,
    // per grade: 3 province figures + 10 per county; vision: 1 + 4 per county
    numbers: (_r) => 2 + 2 * (3 + 10 * 5) + 2 * (1 + 4 * 5),
    texts: () => ['2024年4年级数学：区县与全省、全国（示例省）', '2024年8年级数学：区县与全省、全国（示例省）', '显著低于全省'],
  },
];

describe('notebooks', () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  const results: Partial<Record<NotebookCheck['fixture'], AnalysisResults>> = {};
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'jiance-notebooks-'));
    await mkdir(screenshots, { recursive: true });
    const config = await readConfig(join(notebooksDir, 'jiance.json'));
    // What `analyze <fixture> --config notebooks/jiance.json` writes as results.json.
    const analyzed = Promise.all(
      (['county', 'province'] as const).map(async (fixture) => {
        const { results: r } = await analyzeFile(join(fixturesDir, `${fixture}.csv`), {
          out: join(work, fixture),
          ...(config.betweenSchool ? { betweenSchool: config.betweenSchool } : {}),
          ...(config.rates ? { rates: config.rates } : {}),
          ...(config.countyComparison ? { countyComparison: config.countyComparison } : {}),
          ...(config.map ? { map: config.map } : {}),
          ...(config.ranges ? { ranges: config.ranges } : {}),
        });
        results[fixture] = r;
      }),
    );
    site = await buildNotebooks({ out: join(work, 'site'), quiet: true });
    server = await serveStatic(site.out);
    browser = await launchChromium();
    await analyzed;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('buildNotebooks builds every notebook, the fonts, the data and jiance.js into the site', () => {
    expect(site.pages).toEqual(['between-school.html', 'county-comparison.html', 'detection-trends.html', 'index.html', 'own-data.html']);
    expect(site.bundle.bytes).toBeGreaterThan(100_000);
  });

  for (const notebook of notebooks) {
    for (const format of ['csv', 'arrow'] as const) {
      it(`${notebook.page} (${format}) runs offline without cell errors and shows the numbers of analyze`, async () => {
        const r = results[notebook.fixture]!;
        const { page, problems } = await guardedPage(browser);
        await page.goto(`${server.url}${notebook.page}?format=${format}`);
        const charts = notebook.charts(r);
        const numbers = notebook.numbers(r);
        // Cells have run when every chart and number is there (or a cell failed).
        await page.waitForFunction(
          ([c, n]) =>
            document.querySelector('.observablehq--error') !== null ||
            (document.querySelectorAll('figure.jiance-chart svg').length >= c! && document.querySelectorAll('[data-result]').length >= n!),
          [charts, numbers] as const,
          { timeout: 60_000, polling: 100 },
        );
        await page.waitForTimeout(200);
        const seen = await page.evaluate(() => ({
          errors: [...document.querySelectorAll('.observablehq--error')].map((e) => e.textContent ?? ''),
          charts: [...document.querySelectorAll('figure.jiance-chart svg')].map((svg) => ({
            marks: svg.querySelectorAll('.mark-symbol path, .mark-rule line, .mark-line path, .mark-area path').length,
            text: svg.textContent ?? '',
          })),
          numbers: [...document.querySelectorAll<HTMLElement>('[data-result]')].map((e) => [e.dataset.result!, e.textContent ?? ''] as const),
          format: (document.querySelector('form.jiance-format input:checked') as HTMLInputElement | null)?.value,
          text: document.querySelector('main')?.textContent ?? '',
        }));
        await page.screenshot({ path: join(screenshots, `${notebook.page.replace('.html', '')}-${format}.png`), fullPage: true });
        await page.context().close();

        expect(seen.errors).toEqual([]);
        expect(problems).toEqual({ offHost: [], consoleErrors: [], pageErrors: [], failedRequests: [] });
        expect(seen.format).toBe(format);
        expect(seen.charts).toHaveLength(charts);
        for (const chart of seen.charts) expect(chart.marks).toBeGreaterThan(3);
        const chartText = seen.charts.map((c) => c.text).join('\n');
        for (const t of notebook.texts(r)) expect(`${chartText}\n${seen.text}`).toContain(t);
        expect(seen.numbers).toHaveLength(numbers);
        expect(new Set(seen.numbers.map(([key]) => key)).size).toBe(numbers);
        const mismatches = seen.numbers
          .filter(([key, shown]) => shown !== expectedText(key, r))
          .map(([key, shown]) => `${key}: shows ${shown}, analyze ${expectedText(key, r)}`);
        expect(mismatches).toEqual([]);
      });
    }
  }

  it('own-data.html (用自己的数据) analyses the example, then a file chosen in the page, offline; every number is that of analyze', async () => {
    const { page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}own-data.html`);
    // No file chosen: the example (the county); then, through the file input as a user does, the
    // province as CSV and the county as Arrow (the .arrow file the build converts from it).
    const steps = [
      { fixture: 'county', file: null, name: 'county.csv' },
      { fixture: 'province', file: join(fixturesDir, 'province.csv'), name: 'province.csv' },
      { fixture: 'county', file: join(notebooksDir, 'data', 'county.arrow'), name: 'county.arrow' },
    ] as const;
    for (const { fixture, file, name } of steps) {
      const r = results[fixture]!;
      if (file) await page.setInputFiles('form.jiance-file input[type=file]', file);
      const expected = ownDataExpected(r);
      await page.waitForFunction(
        ([rows, n, shown]) =>
          document.querySelector('.observablehq--error') !== null ||
          ((document.querySelector('main')?.textContent ?? '').includes(`文件 ${shown}：`) &&
            document.querySelector('[data-result="rows-read"]')?.textContent === rows &&
            document.querySelectorAll('figure.jiance-chart svg').length === 1 &&
            document.querySelectorAll('[data-result]').length === n),
        [fixed(r.dataQuality.rowsRead, 0), expected.size, name] as const,
        { timeout: 60_000, polling: 100 },
      );
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => ({
        errors: [...document.querySelectorAll('.observablehq--error')].map((e) => e.textContent ?? ''),
        numbers: [...document.querySelectorAll<HTMLElement>('[data-result]')].map((e) => [e.dataset.result!, e.textContent ?? ''] as const),
        marks: document.querySelectorAll('figure.jiance-chart svg .mark-symbol path, figure.jiance-chart svg .mark-rule line').length,
        text: document.querySelector('main')?.textContent ?? '',
      }));
      await page.screenshot({ path: join(screenshots, `own-data-${name.replace('.', '-')}.png`), fullPage: true });
      expect(seen.errors).toEqual([]);
      expect(seen.marks).toBeGreaterThan(3);
      expect(new Map(seen.numbers)).toEqual(expected);
    }
    // A file without years, without vision columns and with 数学 under another name, mapped in the
    // page: each county × grade shown once; the rates table shown is another indicator's, to which
    // the vision reference figures must not be joined.
    const county = await readFile(join(fixturesDir, 'county.csv'), 'utf8');
    const header = county.split('\n')[0]!.split(',');
    const drop = new Set(['year', 'va_left', 'va_right']);
    const reduced = county
      .trimEnd()
      .split('\n')
      .map((line, i) =>
        line
          .split(',')
          .map((cell, j) => (i === 0 && header[j] === 'math' ? '数学成绩' : cell))
          .filter((_, j) => !drop.has(header[j]!))
          .join(','),
      )
      .join('\n');
    const reducedFile = join(work, '无年份.csv');
    await writeFile(reducedFile, reduced);
    await page.setInputFiles('form.jiance-file input[type=file]', reducedFile);
    await page.fill('form.jiance-map input', '数学成绩=math');
    await page.press('form.jiance-map input', 'Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('.observablehq--error') !== null ||
        ((document.querySelector('main')?.textContent ?? '').includes('文件 无年份.csv：') &&
          document.querySelectorAll('[data-result^="tidy-rate/"]').length > 0 &&
          document.querySelectorAll('[data-result^="tidy-icc/"]').length > 0),
      null,
      { timeout: 60_000, polling: 100 },
    );
    await page.waitForTimeout(300);
    const reducedSeen = await page.evaluate(() => ({
      errors: [...document.querySelectorAll('.observablehq--error')].map((e) => e.textContent ?? ''),
      numbers: [...document.querySelectorAll<HTMLElement>('[data-result]')].map((e) => [e.dataset.result!, e.textContent ?? ''] as const),
      text: document.querySelector('main')?.textContent ?? '',
    }));
    await page.screenshot({ path: join(screenshots, 'own-data-no-years.png'), fullPage: true });
    expect(reducedSeen.errors).toEqual([]);
    const shown = (prefix: string) => reducedSeen.numbers.filter(([key]) => key.startsWith(prefix));
    expect(shown('tidy-icc/between-math/').length).toBe(2); // grades 4 and 8 of 青山县, once each
    expect(shown('tidy-rate/').length).toBeGreaterThan(0);
    expect(shown('tidy-rate/').filter(([key]) => key.includes('vision_poor'))).toEqual([]);
    expect(shown('tidy-reference/').filter(([, text]) => text !== '—')).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    // A file that cannot be analysed: the page says why in Chinese, naming the file (no stack trace, no English).
    await page.setInputFiles('form.jiance-file input[type=file]', join(fixturesDir, 'bad', 'header-only.csv'));
    await page.waitForSelector('.observablehq--error', { timeout: 30_000 });
    const error = await page.evaluate(() => document.querySelector('.observablehq--error')?.textContent ?? '');
    expect(error).toContain('“header-only.csv”只有表头');
    await page.context().close();
    expect(problems.offHost).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });

  it('index.html links to every notebook and runs offline', async () => {
    const { page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('main h1');
    const links = await page.$$eval('main a[href$=".html"]', (as) => as.map((a) => a.getAttribute('href')));
    await page.screenshot({ path: join(screenshots, 'index.png'), fullPage: true });
    await page.context().close();
    expect(links).toEqual(['./between-school.html', './detection-trends.html', './county-comparison.html', './own-data.html']);
    expect(problems).toEqual({ offHost: [], consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
