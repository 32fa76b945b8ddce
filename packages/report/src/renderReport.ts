import { healthMeasureNames, indicatorNames, type HealthMeasureId, type HealthSection, type AnalysisUsage, type AchievementSummary, type AnalysisResults, type BetweenSchoolSummary, type ColumnUse, type CountyBetweenSchool, type CountyComparisonSummary, type NationComparison, type ReferenceDifference, type YearGradeComparison, type IndicatorTrend, type RuleCount, type TargetVerdict } from '@jiance/core';
import { comparisonChartId, latestCells, latestYearGrades, type ReportChart } from './charts/buildCharts.js';
import { englishPunctuation, escapeHtml } from './escapeHtml.js';
import { formatCount, formatNumber, percent, pp } from './format.js';
import { table } from './html.js';
import { levelsSection } from './sections/levelsSection.js';
import { gradeName, markLabel, roleName, ruleFix, ruleLabel, t, type Lang } from './labels.js';
import { reportStyle } from './style.js';

/** What the report says about the run besides the results (input file, column mapping). */
export interface ReportContext {
  lang?: Lang;
  /** The input file's name as the user gave it. */
  inputFile?: string;
  /** e.g. "CSV, GB18030" */
  inputDescription?: string;
  /** How the columns were recognised (from the mapping). */
  columns?: ColumnUse[];
  /** ISO timestamp shown in the header; omitted when absent. */
  generatedAt?: string;
  /** Rendered charts (buildCharts), embedded as inline SVG. */
  charts?: ReportChart[];
}

const e = escapeHtml;

/**
 * Renders the self-contained HTML report (报告): inline style, no script, no external
 * reference, so it opens on an offline office computer. Every string from the data is
 * escaped. Chinese by default, English with `lang: 'en'`.
 *
 * @example
 * renderReport(results, { inputFile: 'county.csv' }); // => '<!doctype html>…'
 */
export function renderReport(results: AnalysisResults, context: ReportContext = {}): string {
  const lang = context.lang ?? 'zh';
  const sections = [
    qualitySection(results, context, lang),
    achievementSection(results, lang),
    levelsSection(results, context.charts ?? [], lang),
    betweenSection(results, context.charts ?? [], lang),
    ratesSection(results, context.charts ?? [], lang),
    healthSection(results.health, results, context.charts ?? [], lang),
    comparisonSection(results, context.charts ?? [], lang),
    methodsSection(lang),
  ];
  const meta = [
    context.inputFile ? `${t('input', lang)}：${e(context.inputFile)}${context.inputDescription ? `（${e(context.inputDescription)}）` : ''}` : '',
    context.generatedAt ? `${t('generated', lang)}：${e(context.generatedAt)}` : '',
  ].filter(Boolean);
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title', lang)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header><h1>${t('title', lang)}</h1>${meta.map((m) => `<p class="meta">${m}</p>`).join('')}</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
  return lang === 'en' ? englishPunctuation(html) : html;
}

function ruleRows(list: RuleCount[], lang: Lang): string[][] {
  return list.map((r) => [
    e(ruleLabel(r.rule, lang)),
    r.field ? e(roleName(r.field, lang)) : '—',
    formatCount(r.count),
    r.examples.map((x) => `${x.row}：${exampleValue(r, x.value, lang)}`).join('；'),
    e(ruleFix(r.rule, lang)),
  ]);
}

/** An offending value as shown: blanks named, a duplicate's "= row N" in the report's language. */
function exampleValue(r: RuleCount, value: string, lang: Lang): string {
  if (value === '') return lang === 'zh' ? '（空）' : '(blank)';
  const duplicate = r.rule === 'duplicate_student' ? /^= row (\d+)$/.exec(value) : null;
  if (duplicate) return lang === 'zh' ? `与第 ${duplicate[1]} 行重复` : `repeats row ${duplicate[1]}`;
  return e(value);
}

function qualitySection(results: AnalysisResults, context: ReportContext, lang: Lang): string {
  const q = results.dataQuality;
  const parts: string[] = [`<section id="quality"><h2>${t('qualityTitle', lang)}</h2>`];
  parts.push(
    `<dl class="figures"><div><dt>${t('rowsRead', lang)}</dt><dd data-value="rowsRead">${formatCount(q.rowsRead)}</dd></div>` +
      `<div><dt>${t('rowsKept', lang)}</dt><dd data-value="rowsKept">${formatCount(q.rowsKept)}</dd></div>` +
      `<div><dt>${t('rowsExcluded', lang)}</dt><dd data-value="rowsExcluded">${formatCount(q.rowsExcluded)}</dd></div>` +
      `<div><dt>${t('blankRows', lang)}</dt><dd>${formatCount(q.blankRows)}</dd></div></dl>`,
  );
  parts.push(`<p>${t(q.weighted ? 'weightsPresent' : 'weightsAbsent', lang)}</p>`);
  const ruleHead = [t('rule', lang), t('column', lang), t('count', lang), t('examples', lang), t('fix', lang)];
  parts.push(`<h3>${t('excludedRowsTitle', lang)}</h3>`);
  parts.push(q.excludedRows.length ? table(ruleHead, ruleRows(q.excludedRows, lang)) : `<p>${t('none', lang)}</p>`);
  parts.push(`<h3>${t('invalidValuesTitle', lang)}</h3>`);
  parts.push(q.invalidValues.length ? table(ruleHead, ruleRows(q.invalidValues, lang)) : `<p>${t('none', lang)}</p>`);
  const warnings = results.achievement.flatMap((a) => a.warnings);
  if (warnings.length) {
    parts.push(`<h3>${t('warningsTitle', lang)}</h3>`);
    parts.push(table(ruleHead, ruleRows(warnings, lang)));
  }
  const usages = analysisUsages(results);
  if (usages.length) {
    parts.push(`<h3>${t('analysesTitle', lang)}</h3>`);
    parts.push(
      table(
        [t('analysis', lang), t('rowsRead', lang), t('rowsUsed', lang), t('excludedBecause', lang)],
        usages.map((u) => [
          e(analysisName(u.analysis, lang)),
          formatCount(u.rowsRead),
          formatCount(u.rowsUsed),
          u.excluded
            .map((x) => `${e(ruleLabel(x.rule, lang))}${x.field ? `（${e(roleName(x.field, lang))}）` : ''} ${formatCount(x.count)}`)
            .join('；') || t('none', lang),
        ]),
      ),
    );
  }
  if (context.columns?.length) {
    parts.push(`<h3>${t('columnsTitle', lang)}</h3>`);
    parts.push(
      table(
        [t('header', lang), t('role', lang), t('status', lang), t('nonEmpty', lang)],
        context.columns.map((c) => [
          e(c.header || '—'),
          c.role ? e(roleName(c.role, lang)) : c.suggestion ? `${t('didYouMean', lang)} ${e(roleName(c.suggestion, lang))}？` : '—',
          columnStatus(c, lang),
          formatCount(c.nonEmpty),
        ]),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Every analysis's row usage, in report order (also exported as the 'usage' table). */
export function analysisUsages(results: AnalysisResults): AnalysisUsage[] {
  return [
    ...results.achievement.map((a) => a.usage),
    ...results.betweenSchool.map((b) => b.usage),
    ...results.rates.indicators.map((i) => i.rates.usage),
    ...results.countyComparison.map((c) => c.usage),
    ...results.gaps.map((g) => g.usage),
  ];
}

/** "betweenSchool.math" → 校间差异：数学. */
export function analysisName(id: string, lang: Lang): string {
  const [kind, subject = '', by] = id.split('.');
  const zh = lang === 'zh';
  const what = indicatorNames[subject as keyof typeof indicatorNames]?.[lang] ?? roleName(subject, lang);
  const kinds: Record<string, [string, string]> = {
    describe: ['学业表现汇总', 'Achievement summary'],
    betweenSchool: ['校间差异', 'Between-school differences'],
    rate: ['检出率', 'Detection rate'],
    countyComparison: ['县域比较', 'County comparison'],
    gap: [by === 'sex' ? '性别差距' : '城乡差距', by === 'sex' ? 'Sex gap' : 'Urban–rural gap'],
  };
  const label = kinds[kind!];
  return label ? `${label[zh ? 0 : 1]}：${what}` : id;
}

function columnStatus(c: ColumnUse, lang: Lang): string {
  if (c.status === 'used') return t('used', lang);
  switch (c.reason) {
    case 'superseded':
      return t('ignoredSuperseded', lang);
    case 'unnamed':
      return t('ignoredUnnamed', lang);
    case 'mapped-ignore':
      return t('ignoredMapped', lang);
    default:
      return t('ignoredUnrecognised', lang);
  }
}

function achievementSection(results: AnalysisResults, lang: Lang): string {
  const parts = [`<section id="achievement"><h2>${t('achievementTitle', lang)}</h2>`];
  if (!results.achievement.length) parts.push(`<p>${t('noSubject', lang)}</p>`);
  for (const a of results.achievement) parts.push(subjectBlock(a, lang, hasProvinces(results)));
  parts.push('</section>');
  return parts.join('\n');
}

/** The province column, first in every county row, when the data name provinces. */
const provinceHead = (withProvince: boolean, lang: Lang): string[] => (withProvince ? [lang === 'zh' ? '省份' : 'Province'] : []);
const provinceCell = (withProvince: boolean, province: string | null | undefined): string[] => (withProvince ? [e(province ?? '—')] : []);

function subjectBlock(a: AchievementSummary, lang: Lang, withProvince: boolean): string {
  const countyRows = a.counties.map((c) => [
    ...provinceCell(withProvince, c.province),
    e(c.county),
    c.year === null ? '—' : String(c.year),
    gradeName(c.grade, lang),
    formatCount(c.students),
    formatCount(c.schools),
    `<span data-value="mean">${formatNumber(c.mean, 1)}</span>`,
    formatNumber(c.sd, 1),
  ]);
  const schoolRows = a.schools.map((s) => [
    ...provinceCell(withProvince, s.province),
    e(s.county),
    s.year === null ? '—' : String(s.year),
    gradeName(s.grade, lang),
    e(s.school),
    formatCount(s.students),
    formatNumber(s.mean, 1),
    formatNumber(s.sd, 1),
  ]);
  return `<h3>${e(roleName(a.subject, lang))}</h3>
${table([...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), t('students', lang), t('schools', lang), t('mean', lang), t('sd', lang)], countyRows, 'numbers')}
<details><summary>${t('schoolTable', lang)}（${formatCount(a.schools.length)}）</summary>
${table([...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), t('school', lang), t('students', lang), t('mean', lang), t('sd', lang)], schoolRows, 'numbers')}
</details>`;
}

function methodsSection(lang: Lang): string {
  return `<section id="methods"><h2>${t('methodsTitle', lang)}</h2><p>${t('methodsAchievement', lang)}</p><p>${t('methodsBetween', lang)}</p><p>${t('methodsRates', lang)}</p><p>${t('methodsComparison', lang)}</p><p>${t('methodsQuality', lang)}</p></section>`;
}


function fitCell(fit: CountyBetweenSchool['reml'] | CountyBetweenSchool['weighted'], lang: Lang): string {
  if (fit === null) return '—';
  if (!fit.estimable) {
    const reason = { 'fewer-than-two-schools': 'reasonFewSchools', 'no-within-school-replication': 'reasonNoReplication', 'no-variance': 'reasonNoVariance' } as const;
    return `${t('notEstimable', lang)}（${t(reason[fit.reason], lang)}）`;
  }
  return `<span data-value="icc">${percent(fit.icc)}</span>（${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}）`;
}

function levelText(c: CountyBetweenSchool, lang: Lang): string {
  if (!c.level) return '—';
  const level = t(c.level === 'large' ? 'levelLarge' : c.level === 'moderate' ? 'levelModerate' : 'levelSmall', lang);
  const refs = c.references.map((r) => {
    const name = r.source === 'province' ? t('province', lang) : r.source === 'nation' ? (lang === 'zh' ? '全国（本数据）' : 'nation (these data)') : e(r.label);
    if (lang === 'zh') return r.comparison === 'similar' ? `与${name}（${percent(r.icc)}）无显著差异` : `${t(r.comparison, lang)}${name}（${percent(r.icc)}）`;
    return `${t(r.comparison, lang)} the ${name} (${percent(r.icc)})`;
  });
  return [level, ...refs].join(lang === 'zh' ? '；' : '; ');
}

/** One plain-language sentence per county × grade for the latest year. */
function reading(c: CountyBetweenSchool, subject: string, lang: Lang, withProvince: boolean): string {
  if (!c.reml.estimable) return '';
  const fit = c.reml;
  const who = lang === 'zh' ? `${countyName(c.province, c.county, withProvince, lang)}${c.year ?? ''}年${gradeName(c.grade, lang)}${e(roleName(subject, lang))}` : `${e(c.county ?? '')}, ${c.year ?? ''}, ${gradeName(c.grade, lang)}, ${e(subject)}`;
  const body =
    lang === 'zh'
      ? `校间差异占总差异的 ${percent(fit.icc)}（95% CI ${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}），${levelText(c, lang)}。`
      : `: the between-school share of variance is ${percent(fit.icc)} (95% CI ${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}), ${levelText(c, lang)}.`;
  return `<p class="reading">${who}${body}</p>`;
}

function betweenSection(results: AnalysisResults, charts: ReportChart[], lang: Lang): string {
  const parts = [`<section id="between"><h2>${t('betweenTitle', lang)}</h2>`];
  if (!results.betweenSchool.length) parts.push(`<p>${t('noSubject', lang)}</p>`);
  for (const summary of results.betweenSchool) parts.push(betweenBlock(summary, charts.filter((c) => c.subject === summary.subject), lang, hasProvinces(results)));
  parts.push('</section>');
  return parts.join('\n');
}

function betweenBlock(summary: BetweenSchoolSummary, charts: ReportChart[], lang: Lang, withProvince: boolean): string {
  const rows = summary.counties.map((c) => [
    ...provinceCell(withProvince, c.province),
    e(c.county ?? '—'),
    c.year === null ? '—' : String(c.year),
    gradeName(c.grade, lang),
    formatCount(c.schools),
    formatCount(c.students),
    fitCell(c.reml, lang),
    c.reml.estimable ? formatNumber(c.reml.betweenVariance, 1) : '—',
    c.reml.estimable ? formatNumber(c.reml.withinVariance, 1) : '—',
    formatNumber(c.cv, 3),
    fitCell(c.weighted, lang),
    levelText(c, lang),
  ]);
  const head = [...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), t('schools', lang), t('students', lang), t('iccWithCI', lang), t('betweenVariance', lang), t('withinVariance', lang), t('cv', lang), t('weightedIcc', lang), t('verdict', lang)];
  const readings = latestCells(summary).map((c) => reading(c, summary.subject, lang, withProvince)).join('');
  const figure = (c: ReportChart): string => `<figure class="chart" id="chart-${e(c.id)}">${c.svg}</figure>${countiesShown(c, lang)}`;
  const icc = charts.filter((c) => c.id.endsWith('-icc')).map(figure).join('');
  const caterpillars = charts.filter((c) => c.id.includes('-caterpillar-')).map(figure).join('');
  return `<h3>${e(roleName(summary.subject, lang))}</h3>
${readings}
${table(head, rows, 'numbers')}
${icc}
${caterpillars ? `<h4>${t('caterpillarTitle', lang)}</h4>${caterpillarsOmitted(summary, charts, lang)}${caterpillars}` : ''}`;
}

/** The sentence under a per-county chart that shows only the first counties. */
function countiesShown(chart: ReportChart, lang: Lang): string {
  if (!chart.counties) return '';
  const { shown, total } = chart.counties;
  return `<p>${lang === 'en' ? `The chart shows the first ${shown} of ${total} counties; the table lists them all.` : `图中只绘出 ${total} 个区县中的前 ${shown} 个；表中列出全部区县。`}</p>`;
}

/** The sentence saying how many caterpillars were not drawn (none when all were). */
function caterpillarsOmitted(summary: BetweenSchoolSummary, charts: readonly ReportChart[], lang: Lang): string {
  const all = latestCells(summary).filter((c) => c.reml.estimable).length;
  const drawn = charts.filter((c) => c.id.startsWith(`${summary.subject}-caterpillar-`)).length;
  if (drawn >= all) return '';
  return `<p>${lang === 'en'
    ? `${all} county × grade cells; the first ${drawn} are drawn. Every school's shrunken mean is in results.json (betweenSchool → counties → schoolsDetail).`
    : `共 ${all} 个区县×年级，图中只绘出前 ${drawn} 个；全部学校的收缩均值见 results.json（betweenSchool → counties → schoolsDetail）。`}</p>`;
}

/** A target in words: 每年降低 1 个百分点以上（以 2024 年为基线）, 不低于 95%, 逐年下降. */
function targetWords(target: TargetVerdict['target'], lang: Lang): string {
  const zh = lang === 'zh';
  switch (target.kind) {
    case 'annualChange': {
      const size = `${Math.abs(100 * target.perYear).toFixed(1).replace(/\.0$/, '')}`;
      const base = target.from === null ? '' : zh ? `（以 ${target.from} 年为基线）` : ` from ${target.from}`;
      return zh ? `每年${target.perYear < 0 ? '降低' : '提高'} ${size} 个百分点以上${base}` : `${target.perYear < 0 ? 'down' : 'up'} ≥ ${size} pp a year${base}`;
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
    v.observed === null ? '' : v.target.kind === 'annualChange' ? `（${pp(v.observed)}${lang === 'zh' ? ' 个百分点/年' : ' pp/yr'}）` : v.target.kind === 'atLeast' || v.target.kind === 'atMost' ? `（${percent(v.observed)}）` : '';
  return `${targetWords(v.target, lang)}：${status}${observed}`;
}

function ratesSection(results: AnalysisResults, charts: ReportChart[], lang: Lang): string {
  const parts = [`<section id="rates"><h2>${t('ratesTitle', lang)}</h2>`];
  if (!results.rates.indicators.length) parts.push(`<p>${t('noRates', lang)}</p>`);
  if (results.rates.skipped.some((s) => s.indicator === 'anxiety')) parts.push(`<p>${t('anxietySkipped', lang)}</p>`);
  for (const trend of results.rates.indicators) parts.push(indicatorBlock(trend, charts.find((c) => c.id === `${trend.indicator}-trend`), lang, hasProvinces(results)));
  parts.push('</section>');
  return parts.join('\n');
}

function indicatorBlock(trend: IndicatorTrend, chart: ReportChart | undefined, lang: Lang, withProvince: boolean): string {
  const name = indicatorNames[trend.indicator][lang];
  // Per county: its grades, then all grades together.
  const all = [...trend.trends, ...trend.countyTrends];
  const areaKey = (province: unknown, county: unknown) => JSON.stringify([province ?? null, county]);
  const order = [...new Set(trend.trends.map((tr) => areaKey(tr.province, tr.county)))];
  all.sort((a, b) => order.indexOf(areaKey(a.province, a.county)) - order.indexOf(areaKey(b.province, b.county)) || (a.grade ?? 99) - (b.grade ?? 99));
  const rows = all.map((tr) => {
    const source = tr.grade === null ? trend.countyRates : trend.rates;
    const cells = source.cells
      .filter((c) => areaKey(c.keys.province, c.keys.county) === areaKey(tr.province, tr.county) && (tr.grade === null || c.keys.grade === tr.grade))
      .sort((a, b) => Number(b.keys.year) - Number(a.keys.year));
    const latest = cells[0]!;
    const rate = latest.suppressed || latest.rate === null ? `${t('suppressed', lang)}（n = ${latest.students}）` : `<span data-value="rate">${percent(latest.rate)}</span>（${percent(latest.lower!)}–${percent(latest.upper!)}）`;
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
  const head = [...provinceHead(withProvince, lang), t('county', lang), t('grade', lang), t('year', lang), t('latestRate', lang), t('designEffect', lang), t('annualChange', lang), t('trend', lang), t('targetsCol', lang)];
  const readings = all
    .filter((tr) => tr.trend.direction !== 'stable' && tr.trend.annualChange)
    .map((tr) => {
      const a = tr.trend.annualChange!;
      const years = `${tr.trend.years[0]}–${tr.trend.years.at(-1)}`;
      return lang === 'zh'
        ? `<p class="reading">${countyName(tr.province, tr.county, withProvince, lang)}${tr.grade === null ? t('allGrades', lang) : gradeName(tr.grade, lang)}${name}${years} 年${t(tr.trend.direction, lang)}，年均 ${pp(a.slope)} 个百分点（95% CI ${pp(a.lower)}～${pp(a.upper)}）。</p>`
        : `<p class="reading">${countyName(tr.province, tr.county, withProvince, lang)}, ${tr.grade === null ? t('allGrades', lang) : gradeName(tr.grade, lang)}: ${name.toLowerCase()} ${t(tr.trend.direction, lang)} over ${years}, ${pp(a.slope)} pp a year (95% CI ${pp(a.lower)} to ${pp(a.upper)}).</p>`;
    })
    .join('');
  return `<h3>${e(name)}</h3>
${readings}
${table(head, rows, 'numbers')}
${chart ? `<figure class="chart" id="chart-${e(chart.id)}">${chart.svg}</figure>${countiesShown(chart, lang)}` : ''}`;
}

/** One sentence on how the comparison's SEs were obtained (design, replicates, plausible values). */
function designNote(design: CountyComparisonSummary['design'], lang: Lang, lonelyStrata = 0): string {
  const zh = lang === 'zh';
  const variance =
    design.variance === 'taylor'
      ? zh
        ? `标准误按抽样设计计算：学校为初级抽样单元${design.strata ? `，按“${e(roleName(design.strata, lang))}”分层` : ''}（泰勒线性化）`
        : `SEs follow the sampling design: schools as primary sampling units${design.strata ? `, stratified by ${e(roleName(design.strata, lang))}` : ''} (Taylor linearisation)`
      : zh
        ? `标准误由 ${design.replicates} 组重复权重按 ${design.variance === 'BRR' ? 'BRR（Fay 法）' : design.variance} 方法计算`
        : `SEs from ${design.replicates} replicate weights (${design.variance})`;
  const pv = design.plausibleValues > 1 ? (zh ? `；${design.plausibleValues} 个似真值按 Rubin 规则合并` : `; ${design.plausibleValues} plausible values combined by Rubin's rules`) : '';
  const lonely = lonelyStrata
    ? zh
      ? `；有 ${lonelyStrata} 个层只有 1 所学校，不贡献方差（同 R survey 的 lonely.psu = "remove"），全省均值的标准误可能略偏小`
      : `; ${lonelyStrata} strata have a single school and add no variance (R survey's lonely.psu = "remove"), so the province SE may be slightly small`
    : '';
  return `<p class="design-note">${variance}${pv}${lonely}${zh ? '。' : '.'}</p>`;
}

const levelName = (level: string): string => ({ M: '男生', F: '女生' })[level] ?? level;

/** Whether the data name provinces (then every county row shows its province). */
export function hasProvinces(results: AnalysisResults): boolean {
  return results.data.roles.includes('province');
}

/** A county as named in a sentence: with its province when the data name several provinces. */
function countyName(province: string | null | undefined, county: string | null, withProvince: boolean, lang: Lang): string {
  return `${withProvince && province ? `${e(province)}${lang === 'zh' ? '' : ' '}` : ''}${e(county ?? '—')}`;
}

/**
 * The plain-language reading of one comparison cell: which counties are significantly above or
 * below their province, and what the rank intervals allow one to say about the first place.
 */
function comparisonReading(cell: YearGradeComparison, subject: string, lang: Lang, scale: Scale = scoreScale): string {
  const zh = lang === 'zh';
  const ranked = cell.counties.filter((c) => c.vsProvince && c.rank);
  const names = (mark: 'higher' | 'lower') => ranked.filter((c) => c.vsProvince!.mark === mark).map((c) => `${e(c.county)}（${scale.value(c.mean.mean)}）`);
  const higher = names('higher');
  const lower = names('lower');
  const who = zh ? `${cell.year ?? ''}年${gradeName(cell.grade as number | null, lang)}${e(subject)}` : `${e(subject)}, ${cell.year ?? ''}, ${gradeName(cell.grade as number | null, lang)}`;
  const province = scale.value(cell.provinceMean.mean);
  const marks = zh
    ? higher.length || lower.length
      ? `${higher.length ? `${higher.join('、')}显著高于全省（${province}）` : ''}${higher.length && lower.length ? '；' : ''}${lower.length ? `${lower.join('、')}显著低于全省（${province}）` : ''}；其余区县与全省无显著差异`
      : `各区县与全省（${province}）均无显著差异`
    : higher.length || lower.length
      ? `${higher.length ? `${higher.join(', ')} above the province (${province})` : ''}${higher.length && lower.length ? '; ' : ''}${lower.length ? `${lower.join(', ')} below it` : ''}; the others not significantly different`
      : `no county differs significantly from the province (${province})`;
  const first = ranked.find((c) => c.rank!.rank === 1);
  const rank = first
    ? first.rank!.upper === 1
      ? zh
        ? `${e(first.county)}名列第一，且 95% 区间仅含第 1 名`
        : `${e(first.county)} ranks first, and its 95% interval holds only rank 1`
      : zh
        ? `名次第 1 的${e(first.county)}其 95% 区间为第 ${first.rank!.lower}–${first.rank!.upper} 名，数据不足以确定其排名第一`
        : `${e(first.county)} ranks first, but its 95% interval is ranks ${first.rank!.lower}–${first.rank!.upper}: the data do not establish first place`
    : '';
  return `<p class="reading">${who}${zh ? '：' : ': '}${marks}${rank ? (zh ? '。' : '. ') + rank : ''}${zh ? '。' : '.'}</p>`;
}

/** A value of a comparison on the subject's scale (a score to 1 decimal, a rate as a percentage). */
type Scale = { value: (x: number) => string; diff: (x: number) => string };
const scoreScale: Scale = { value: (x) => formatNumber(x, 1), diff: (x) => formatNumber(x, 1) };
const rateScale: Scale = { value: (x) => percent(x), diff: (x) => pp(x) };

/** How a reference comparison was made, in words. */
function referenceTest(r: ReferenceDifference, scale: Scale, lang: Lang): string {
  const zh = lang === 'zh';
  return r.test === 'fixed'
    ? zh
      ? '参照值无标准误：以本县 95% 置信区间与之比较'
      : 'no SE given: the county’s own 95% interval against a fixed value'
    : zh
      ? `参照值标准误 ${scale.diff(r.valueSE!)}：按两个独立样本比较`
      : `reference SE ${scale.diff(r.valueSE!)}: as two independent samples`;
}

/** "高于全国（38.5%）" — a county's mark against a reference, with the figure. */
function referenceMark(r: ReferenceDifference, scale: Scale, lang: Lang): string {
  const name = `${e(r.label)}（${scale.value(r.value)}）`;
  if (lang === 'zh') return r.mark === 'similar' ? `与${name}无显著差异` : `${t(r.mark, lang)}${name}`;
  return `${t(r.mark, lang)} ${name}`;
}

/** The table of one county's (or province's) comparisons with reference figures. */
function referenceTable(rows: { who: string; own: { mean: number; lower: number; upper: number }; r: ReferenceDifference }[], scale: Scale, lang: Lang): string {
  const zh = lang === 'zh';
  return table(
    zh ? ['区县', '本县（95% CI）', '参照', '参照值', '差（95% CI）', '判断', '比较方式'] : ['County', 'County (95% CI)', 'Reference', 'Figure', 'Difference (95% CI)', 'Verdict', 'How compared'],
    rows.map(({ who, own, r }) => [
      who,
      `<span data-value="mean">${scale.value(own.mean)}</span>（${scale.value(own.lower)}–${scale.value(own.upper)}）`,
      e(r.label),
      r.valueSE === null ? scale.value(r.value) : `${scale.value(r.value)}（SE ${scale.diff(r.valueSE)}）`,
      `${scale.diff(r.difference)}（${scale.diff(r.lower)}～${scale.diff(r.upper)}）`,
      referenceMark(r, scale, lang),
      referenceTest(r, scale, lang),
    ]),
    'numbers',
  );
}

/** How a comparison's figures are named and written: a subject's score, a rate, or a health measure's mean. */
interface Display {
  name: string;
  scale: Scale;
  /** A rate's or a health measure's cells have no reading on the province's counties (their own sections read them). */
  reading: boolean;
}

function displayOf(summary: CountyComparisonSummary, lang: Lang): Display {
  const health = healthMeasureNames[summary.subject as HealthMeasureId];
  if (summary.indicator !== null) return { name: indicatorNames[summary.indicator]?.[lang] ?? summary.subject, scale: rateScale, reading: false };
  if (health) return { name: health[lang], scale: { value: (x) => formatNumber(x, health.decimals), diff: (x) => formatNumber(x, health.decimals) }, reading: true };
  return { name: roleName(summary.subject, lang), scale: scoreScale, reading: true };
}

/** A province × year × grade of a subject or indicator: counties against their own province and the references. */
function comparisonCell(summary: CountyComparisonSummary, cell: YearGradeComparison, charts: ReportChart[], lang: Lang, withProvince: boolean, display = displayOf(summary, lang)): string {
  const zh = lang === 'zh';
  const rate = summary.indicator !== null;
  const { scale, name: subject } = display;
  const where = withProvince && cell.province ? (zh ? `（${e(cell.province)}）` : ` (${e(cell.province)})`) : '';
  const title = `<h3>${e(subject)}：${cell.year ?? ''}${zh ? '年' : ', '}${gradeName(cell.grade as number | null, lang)}${where}</h3>`;
  const compared = cell.counties.some((c) => c.vsProvince);
  const ids = comparisonChartId(summary.subject, cell, summary.cells);
  const chart = charts.find((c) => c.id === ids.counties);
  const rankChart = charts.find((c) => c.id === ids.ranks);
  const figures = `${chart ? `<figure class="chart" id="chart-${e(chart.id)}">${chart.svg}</figure>` : ''}${rankChart ? `<figure class="chart" id="chart-${e(rankChart.id)}">${rankChart.svg}</figure>` : ''}`;
  const refRows = cell.counties.flatMap((c) => c.references.map((r) => ({ who: e(c.county), own: c.mean, r })));
  const references = refRows.length ? `<h4>${zh ? '与全省、全国参照值比较' : 'Against the province and national reference figures'}</h4>${referenceTable(refRows, scale, lang)}` : '';
  if (!compared) {
    // One county (or only single-school counties): its mean, and its references.
    const c = cell.counties[0]!;
    const mean = c.estimable
      ? `${scale.value(c.mean.mean)}（95% CI ${scale.value(c.mean.lower)}–${scale.value(c.mean.upper)}；${c.schools} ${zh ? '所学校' : 'schools'}，${formatCount(c.students)} ${zh ? '名学生' : 'students'}）`
      : `${scale.value(c.mean.mean)}（${t('singleSchool', lang)}）`;
    const marks = c.references.map((r) => referenceMark(r, scale, lang));
    const reading = zh
      ? `<p class="reading">${e(c.county)}${cell.year ?? ''}年${gradeName(cell.grade as number | null, lang)}${e(subject)}为 ${mean}${marks.length ? `，${marks.join('，')}` : ''}。</p>`
      : `<p class="reading">${e(c.county)}, ${cell.year ?? ''}, ${gradeName(cell.grade as number | null, lang)}: ${e(subject)} ${mean}${marks.length ? `; ${marks.join('; ')}` : ''}.</p>`;
    const none = c.references.length
      ? ''
      : `<p>${zh ? '数据只有一个区县，县内没有可比较的区县。给出全省、全国参照值（--reference 参照值文件，见 README“参照值”）即可与之比较。' : 'The data hold one county, with no other county to compare. Give the province and national reference figures (--reference, see README "Reference figures") to compare with them.'}</p>`;
    return `${title}
${reading}
${references}${none}
${figures}`;
  }
  const head = [t('county', lang), t('schools', lang), t('students', lang), t('countyMean', lang), t('vsProvince', lang), t('effectSize', lang), t('verdict', lang), t('rankCol', lang)];
  const rows = cell.counties.map((c) => {
    if (!c.vsProvince || !c.rank) return [e(c.county), formatCount(c.schools), formatCount(c.students), `<span data-value="mean">${scale.value(c.mean.mean)}</span>`, '—', '—', t('singleSchool', lang), '—'];
    return [
      e(c.county),
      formatCount(c.schools),
      formatCount(c.students),
      `<span data-value="mean">${scale.value(c.mean.mean)}</span>（${scale.value(c.mean.lower)}–${scale.value(c.mean.upper)}）`,
      `${scale.diff(c.vsProvince.difference)}（${scale.diff(c.vsProvince.lower)}～${scale.diff(c.vsProvince.upper)}）`,
      formatNumber(c.vsProvince.effectSize, 2),
      markLabel(c.vsProvince.mark, lang),
      `${c.rank.rank}（${c.rank.lower}–${c.rank.upper}）`,
    ];
  });
  const significantPairs = cell.pairs.filter((p) => p.mark !== 'similar').length;
  const provinceMarks = cell.references.map((r) => referenceMark(r, scale, lang));
  const provinceLine = zh
    ? `全省均值 ${scale.value(cell.provinceMean.mean)}（95% CI ${scale.value(cell.provinceMean.lower)}–${scale.value(cell.provinceMean.upper)}）${provinceMarks.length ? `，${provinceMarks.join('，')}` : ''}；${cell.pairsOmitted ? `区县过多（${cell.counties.length} 个），未列出两两比较。` : `${cell.pairs.length} 对区县两两比较中，经 Holm 校正后有 ${significantPairs} 对差异显著。`}`
    : `Province mean ${scale.value(cell.provinceMean.mean)} (95% CI ${scale.value(cell.provinceMean.lower)}–${scale.value(cell.provinceMean.upper)})${provinceMarks.length ? `, ${provinceMarks.join(', ')}` : ''}; ${cell.pairsOmitted ? `too many counties (${cell.counties.length}) to list every pair.` : `${significantPairs} of ${cell.pairs.length} county pairs differ after Holm's correction.`}`;
  return `${title}
${display.reading ? comparisonReading(cell, subject, lang, scale) : ''}
${table(head, rows, 'numbers')}
<p>${provinceLine}</p>
${references}
${designNote(summary.design, lang, cell.provinceMean.lonelyStrata)}
${figures}`;
}

/** Provinces against the nation (the whole file) in one year × grade. */
function nationCell(summary: CountyComparisonSummary, cell: NationComparison, lang: Lang): string {
  const zh = lang === 'zh';
  const { scale, name: subject } = displayOf(summary, lang);
  const mark = (m: 'higher' | 'similar' | 'lower') => (zh ? { higher: '显著高于全国', similar: '与全国无显著差异', lower: '显著低于全国' } : { higher: 'above the nation', similar: 'not different from the nation', lower: 'below the nation' })[m];
  const rows = cell.provinces.map((p) => [
    e(p.province ?? (zh ? '（未填省份）' : '(no province)')),
    formatCount(p.counties),
    formatCount(p.schools),
    formatCount(p.students),
    p.estimable ? `<span data-value="mean">${scale.value(p.mean.mean)}</span>（${scale.value(p.mean.lower)}–${scale.value(p.mean.upper)}）` : scale.value(p.mean.mean),
    p.vsNation ? `${scale.diff(p.vsNation.difference)}（${scale.diff(p.vsNation.lower)}～${scale.diff(p.vsNation.upper)}）` : '—',
    p.vsNation ? mark(p.vsNation.mark) : p.estimable ? '—' : t('singleSchool', lang),
    p.rank ? `${p.rank.rank}（${p.rank.lower}–${p.rank.upper}）` : '—',
  ]);
  return `<h3>${e(subject)}：${cell.year ?? ''}${zh ? '年' : ', '}${gradeName(cell.grade as number | null, lang)}${zh ? '，各省与全国' : ', provinces and nation'}</h3>
${table(zh ? ['省份', '区县数', '学校数', '学生数', '均值（95% CI）', '与全国之差（95% CI）', '判断', '名次（95% 区间）'] : ['Province', 'Counties', 'Schools', 'Students', 'Mean (95% CI)', 'Difference from nation (95% CI)', 'Verdict', 'Rank (95% interval)'], rows, 'numbers')}
<p>${zh ? `全国（本数据全部学校）均值 ${scale.value(cell.nationMean.mean)}（95% CI ${scale.value(cell.nationMean.lower)}–${scale.value(cell.nationMean.upper)}）；各省与全国之差的标准误考虑了该省本身包含在全国之中。` : `Nation (every school of these data): ${scale.value(cell.nationMean.mean)} (95% CI ${scale.value(cell.nationMean.lower)}–${scale.value(cell.nationMean.upper)}); each difference accounts for the province being part of the nation.`}</p>`;
}

/** The reference figures no cell could use, and why (nothing given is dropped silently). */
function unusedReferencesNote(results: AnalysisResults, lang: Lang): string {
  const { values, unused } = results.references;
  if (!unused.length) return '';
  const zh = lang === 'zh';
  const why = (reason: string) =>
    (zh
      ? { 'measure-absent': '数据中没有该学科或指标', 'year-absent': '数据中没有该年份', 'grade-absent': '数据中没有该年级', 'not-estimable': '该年级的区县无法估计' }
      : { 'measure-absent': 'the data have no such subject or indicator', 'year-absent': 'the data have no such year', 'grade-absent': 'the data have no such grade', 'not-estimable': 'no county of that grade could be estimated' })[reason] ?? reason;
  const rows = unused.map(({ reference, reason }) => {
    const r = values[reference]!;
    const measure = r.measure === null ? '—' : indicatorNames[r.measure as keyof typeof indicatorNames]?.[lang] ?? roleName(r.measure, lang);
    return [r.origin ? String(r.origin.row) : '—', e(r.label), e(measure), r.year === null ? '—' : String(r.year), gradeName(r.grade, lang), e(why(reason))];
  });
  return `<h3>${zh ? `未使用的参照值（${unused.length} 个）` : `Reference figures not used (${unused.length})`}</h3>
${table(zh ? ['行', '参照', '指标', '年份', '年级', '原因'] : ['Row', 'Reference', 'Measure', 'Year', 'Grade', 'Why'], rows)}`;
}

/**
 * The mean levels of the health measures (健康指标平均水平): per measure, the latest year of each
 * grade — every county against its own province and the reference figures — the change per
 * year per county × grade, and the means by sex and locale; and how anxiety is reported.
 */
function healthSection(health: HealthSection, results: AnalysisResults, charts: ReportChart[], lang: Lang): string {
  const zh = lang === 'zh';
  const withProvince = hasProvinces(results);
  const parts = [`<section id="health"><h2>${t('healthTitle', lang)}</h2>`];
  if (!health.measures.length) parts.push(`<p>${zh ? '数据中没有焦虑得分、睡眠时长、身高体重、体质健康总分或裸眼视力列，本节从略。' : 'The data have no anxiety score, sleep hours, height and weight, fitness score or acuity columns; this section is omitted.'}</p>`);
  if (health.anxiety === 'level') parts.push(`<p>${zh ? '未给出焦虑判定界值，焦虑按平均得分（焦虑水平）报告，与全省、全国比较；在配置文件中给出 "rates": { "anxietyCutoff": 分数 } 后，另在检出率一节报告焦虑检出率。' : 'No anxiety cut-off was given, so anxiety is reported as its mean score (the level), against the province and the nation; with "rates": { "anxietyCutoff": <score> } the rates section adds the detection rate.'}</p>`);
  if (health.anxiety === 'level-and-rate') parts.push(`<p>${zh ? '焦虑既按平均得分（焦虑水平）报告，也按判定界值在检出率一节报告检出率。' : 'Anxiety is reported both as its mean score (the level) and, by its cut-off, as a detection rate in the rates section.'}</p>`);
  for (const m of health.measures) {
    const display = displayOf(m.comparison, lang);
    parts.push(`<h3>${e(display.name)}</h3>`);
    for (const cell of latestYearGrades(m.comparison.cells)) parts.push(comparisonCell(m.comparison, cell, charts, lang, withProvince, display).replace(/<h3>/g, '<h4>').replace(/<\/h3>/g, '</h4>'));
    const trends = m.trends.filter((x) => x.trend);
    if (trends.length) {
      parts.push(
        `<details><summary>${zh ? '逐年变化（年均变化，95% CI）' : 'Change per year (95% CI)'}</summary>${table(
          [...provinceHead(withProvince, lang), t('county', lang), t('grade', lang), zh ? '起止年份' : 'Years', zh ? '年均变化（95% CI）' : 'Change per year (95% CI)', 'p', t('trend', lang)],
          trends.map(({ province, county, grade, trend }) => [
            ...provinceCell(withProvince, province), e(county ?? '—'), gradeName(grade as number | null, lang), `${trend!.years[0]}–${trend!.years.at(-1)}`,
            `${display.scale.diff(trend!.slope)}（${display.scale.diff(trend!.lower)}～${display.scale.diff(trend!.upper)}）`, formatNumber(trend!.pValue, 3), t(trend!.direction, lang),
          ]),
          'numbers',
        )}</details>`,
      );
    }
    const latest = latestYearGrades(m.comparison.cells);
    const domains = m.domains.filter((d) => latest.some((l) => l.province === d.province && l.grade === d.grade && l.year === d.year));
    if (domains.length) {
      parts.push(
        `<details><summary>${zh ? '分性别、城乡（最近一年）' : 'By sex and locale (latest year)'}</summary>${table(
          [...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), zh ? '群体' : 'Group', t('students', lang), t('countyMean', lang)],
          domains.map((d) => [
            ...provinceCell(withProvince, d.province), e(d.county ?? '—'), String(d.year ?? '—'), gradeName(d.grade as number | null, lang), e(zh ? levelName(d.domain.value) : d.domain.value), formatCount(d.students),
            d.mean ? `${display.scale.value(d.mean.mean)}（${display.scale.value(d.mean.lower)}–${display.scale.value(d.mean.upper)}）` : zh ? '仅 1 所学校，无设计标准误' : 'one school: no design SE',
          ]),
          'numbers',
        )}</details>`,
      );
    }
  }
  parts.push('</section>');
  return parts.join('\n');
}

function comparisonSection(results: AnalysisResults, charts: ReportChart[], lang: Lang): string {
  const withProvince = hasProvinces(results);
  const parts = [`<section id="comparison"><h2>${t('comparisonTitle', lang)}</h2>`];
  for (const summary of [...results.countyComparison, ...results.rateComparison]) {
    for (const cell of latestYearGrades(summary.nation)) parts.push(nationCell(summary, cell, lang));
    for (const cell of latestYearGrades(summary.cells)) {
      // A rate of a county file is shown only against its references (the rates section has the rest).
      if (summary.indicator && !cell.counties.some((c) => c.vsProvince || c.references.length)) continue;
      parts.push(comparisonCell(summary, cell, charts, lang, withProvince));
    }
  }
  parts.push(unusedReferencesNote(results, lang));
  for (const gap of results.gaps) {
    const latest = latestYearGrades(gap.cells);
    const byCounty = gap.cells.filter((c) => latest.some((l) => l.province === c.province && l.grade === c.grade && l.year === c.year));
    if (!byCounty.length) continue;
    const title = gap.by === 'sex' ? (lang === 'zh' ? '性别差距（男 − 女）' : 'Sex gap (boys − girls)') : lang === 'zh' ? '城乡差距（城区 − 乡村）' : 'Urban–rural gap (城区 − 乡村)';
    parts.push(`<h3>${e(roleName(gap.subject, lang))}：${title}</h3>`);
    parts.push(
      table(
        [...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), lang === 'zh' ? '差距（95% CI）' : 'Gap (95% CI)', t('verdict', lang)],
        byCounty.map((c) => [
          ...provinceCell(withProvince, c.province as string | null),
          e(c.county ?? '—'),
          String(c.year ?? '—'),
          gradeName(c.grade as number | null, lang),
          c.estimable ? `${formatNumber(c.gap, 1)}（${formatNumber(c.lower, 1)}～${formatNumber(c.upper, 1)}）` : '—',
          !c.estimable
            ? lang === 'zh'
              ? `无法估计（${c.studentsA ? `无${e(levelName(c.b))}学生` : `无${e(levelName(c.a))}学生`}）`
              : `not estimable (no ${e(c.studentsA ? c.b : c.a)} students)`
            : c.mark === 'similar'
              ? lang === 'zh'
                ? '无显著差异'
                : 'no significant gap'
              : lang === 'zh'
                ? '差距显著'
                : 'significant gap',
        ]),
        'numbers',
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}
