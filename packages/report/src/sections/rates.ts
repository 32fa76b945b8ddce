import { indicatorNames, type AnalysisResults, type IndicatorTrend, type RateCell, type TargetVerdict } from '@jiance/core';
import type { ReportChart } from '../charts/buildCharts.js';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatNumber, percent, pp } from '../format.js';
import { gradeName, t, type Lang } from '../labels.js';
import { countiesShown, countyName, e, hasProvinces, provinceCell, provinceHead } from './common.js';

/** A target in words: 每年降低 1 个百分点以上（以 2024 年为基线）, 不低于 95%, 逐年下降. */
export function targetWords(target: TargetVerdict['target'], lang: Lang): string {
  const zh = lang === 'zh';
  switch (target.kind) {
    case 'annualChange': {
      const size = `${Math.abs(100 * target.perYear)
        .toFixed(1)
        .replace(/\.0$/, '')}`;
      const base = target.from === null ? '' : zh ? `（以 ${target.from} 年为基线）` : ` from ${target.from}`;
      return zh
        ? `每年${target.perYear < 0 ? '降低' : '提高'} ${size} 个百分点以上${base}`
        : `${target.perYear < 0 ? 'down' : 'up'} ≥ ${size} pp a year${base}`;
    }
    case 'atLeast':
      return zh ? `不低于 ${percent(target.value)}` : `at least ${percent(target.value)}`;
    case 'atMost':
      return zh ? `不高于 ${percent(target.value)}` : `at most ${percent(target.value)}`;
    case 'decreasing':
      return zh ? '呈下降趋势' : 'falling';
    case 'increasing':
      return zh ? '呈上升趋势' : 'rising';
  }
}

function targetText(v: TargetVerdict, lang: Lang): string {
  const status = t(v.status === 'met' ? 'met' : v.status === 'not-met' ? 'notMet' : 'notAssessable', lang);
  const observed =
    v.observed === null
      ? ''
      : v.target.kind === 'annualChange'
        ? `（${pp(v.observed)}${lang === 'zh' ? ' 个百分点/年' : ' pp/yr'}）`
        : v.target.kind === 'atLeast' || v.target.kind === 'atMost'
          ? `（${percent(v.observed)}）`
          : '';
  return `${targetWords(v.target, lang)}：${status}${observed}`;
}

function indicatorBlock(b: SectionBuilder, trend: IndicatorTrend, chart: ReportChart | undefined, lang: Lang, withProvince: boolean): void {
  const name = indicatorNames[trend.indicator][lang];
  // Per county: its grades, then all grades together.
  const all = [...trend.trends, ...trend.countyTrends];
  const areaKey = (province: unknown, county: unknown) => JSON.stringify([province ?? null, county]);
  // Looked up by key, not searched: a province of 224 counties has thousands of trends and cells.
  const order = new Map<string, number>();
  for (const tr of trend.trends) {
    const key = areaKey(tr.province, tr.county);
    if (!order.has(key)) order.set(key, order.size);
  }
  const rank = (tr: (typeof all)[number]): number => order.get(areaKey(tr.province, tr.county)) ?? -1;
  all.sort((a, c) => rank(a) - rank(c) || (a.grade ?? 99) - (c.grade ?? 99));
  // The cells of each county and grade (grade null: the county's all-grades cells).
  const cellsOf = new Map<string, RateCell[]>();
  const file = (cells: readonly RateCell[], byGrade: boolean): void => {
    for (const c of cells) {
      const key = `${areaKey(c.keys.province, c.keys.county)}|${byGrade ? String(c.keys.grade) : 'all'}`;
      const list = cellsOf.get(key);
      if (list) list.push(c);
      else cellsOf.set(key, [c]);
    }
  };
  file(trend.rates.cells, true);
  file(trend.countyRates.cells, false);
  const rows = all.map((tr) => {
    const cells = [...(cellsOf.get(`${areaKey(tr.province, tr.county)}|${tr.grade === null ? 'all' : String(tr.grade)}`) ?? [])].sort(
      (a, c) => Number(c.keys.year) - Number(a.keys.year),
    );
    const latest = cells[0]!;
    const rate =
      latest.suppressed || latest.rate === null
        ? `${t('suppressed', lang)}（n = ${latest.students}）`
        : `<span data-value="rate">${percent(latest.rate)}</span>（${percent(latest.lower!)}–${percent(latest.upper!)}）`;
    const a = tr.trend.annualChange;
    return [
      ...provinceCell(withProvince, tr.province),
      e(tr.county ?? '—'),
      tr.grade === null ? t('allGrades', lang) : gradeName(tr.grade, lang),
      String(latest.keys.year ?? '—'),
      rate,
      formatNumber(latest.designEffect, 1),
      a ? `${pp(a.slope)}（${pp(a.lower)}～${pp(a.upper)}）` : '—',
      t(tr.trend.direction, lang),
      tr.targets.map((v) => targetText(v, lang)).join('；') || '—',
    ];
  });
  b.heading(3, e(name));
  for (const tr of all.filter((x) => (x.trend.direction === 'rising' || x.trend.direction === 'falling') && x.trend.annualChange)) {
    const a = tr.trend.annualChange!;
    const years = `${tr.trend.years[0]}–${tr.trend.years.at(-1)}`;
    const grade = tr.grade === null ? t('allGrades', lang) : gradeName(tr.grade, lang);
    b.paragraph(
      lang === 'zh'
        ? `${countyName(tr.province, tr.county, withProvince, lang)}${grade}${name}${years} 年${t(tr.trend.direction, lang)}，年均 ${pp(a.slope)} 个百分点（95% CI ${pp(a.lower)}～${pp(a.upper)}）。`
        : `${countyName(tr.province, tr.county, withProvince, lang)}, ${grade}: ${name.toLowerCase()} ${t(tr.trend.direction, lang)} over ${years}, ${pp(a.slope)} pp a year (95% CI ${pp(a.lower)} to ${pp(a.upper)}).`,
      'reading',
    );
  }
  b.table(
    [
      ...provinceHead(withProvince, lang),
      t('county', lang),
      t('grade', lang),
      t('year', lang),
      t('latestRate', lang),
      t('designEffect', lang),
      t('annualChange', lang),
      t('trend', lang),
      t('targetsCol', lang),
    ],
    rows,
    true,
  );
  if (chart) b.figure(chart, countiesShown(chart, lang));
}

/** Detection rates and trends (检出率与趋势) of every indicator, with targets. */
export function ratesSection(results: AnalysisResults, charts: readonly ReportChart[], lang: Lang): ReportSection {
  const b = new SectionBuilder();
  if (!results.rates.indicators.length) b.paragraph(t('noRates', lang));
  if (results.rates.skipped.some((s) => s.indicator === 'anxiety')) b.paragraph(t('anxietySkipped', lang));
  for (const trend of results.rates.indicators)
    indicatorBlock(
      b,
      trend,
      charts.find((c) => c.id === `${trend.indicator}-trend`),
      lang,
      hasProvinces(results),
    );
  return { id: 'rates', title: t('ratesTitle', lang), blocks: b.blocks };
}
