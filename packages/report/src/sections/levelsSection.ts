import type { AnalysisResults, BalancedCheck, ConditionStatus, CountyComparison, DesignTrend, LevelCell, LevelSummary } from '@jiance/core';
import type { ReportChart } from '../charts/buildCharts.js';
import { latestYearGrades } from '../charts/latest.js';
import { levelCellsShown, levelChartId } from '../charts/levelSpec.js';
import { e, rateScale, referenceMark } from './common.js';
import { formatCount, formatNumber, percent, pp } from '../format.js';
import { SectionBuilder, type ReportSection } from '../document.js';
import { gradeName, markLabel, roleName, t, type Lang } from '../labels.js';

const share = (s: { share: number; lower: number; upper: number } | null): string =>
  s ? `${percent(s.share)}（${percent(s.lower)}–${percent(s.upper)}）` : '—';

function trendWords(trend: DesignTrend | null, lang: Lang): string {
  if (!trend) return '—';
  return `${t(trend.direction, lang)}（${pp(trend.slope)}${lang === 'zh' ? ' 个百分点/年' : ' pp/yr'}）`;
}

const statusText = (s: ConditionStatus, lang: Lang): string =>
  (lang === 'zh'
    ? { met: '达到', 'not-met': '未达到', uncertain: '不确定（区间跨过界线）', 'not-assessable': '无法判断' }
    : { met: 'met', 'not-met': 'not met', uncertain: 'uncertain (the interval straddles the line)', 'not-assessable': 'not assessable' })[s];

/** "待提高 < 420 ≤ 中等 < 500 ≤ 良好 < 580 ≤ 优秀（四年级）" — the cuts of each grade. */
function cutsText(summary: LevelSummary, lang: Lang): string {
  return Object.entries(summary.cuts)
    .map(([grade, cuts]) => {
      const parts = summary.names.flatMap((name, k) => (k === 0 ? [e(name)] : [`${formatNumber(cuts[k - 1], 0)} ≤ ${e(name)}`]));
      const chain = parts.map((p, k) => (k < parts.length - 1 ? `${p} &lt; ` : p)).join('');
      return `${chain}（${grade === '*' ? (lang === 'zh' ? '各年级' : 'every grade') : gradeName(Number(grade), lang)}）`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** The county's 中等及以上 comparison with its province and references, in words. */
function versusText(c: CountyComparison | undefined, lang: Lang): string {
  if (!c) return '—';
  const parts = [
    c.vsProvince ? markLabel(c.vsProvince.mark, lang) : null,
    ...c.references.map((r) =>
      r.mark === 'not-assessable'
        ? referenceMark(r, rateScale, lang)
        : `${lang === 'zh' ? (r.mark === 'similar' ? `与${e(r.label)}无显著差异` : `${t(r.mark, lang)}${e(r.label)}`) : `${t(r.mark, lang)} ${e(r.label)}`}（${percent(r.value)}）`,
    ),
  ].filter(Boolean);
  return parts.join(lang === 'zh' ? '；' : '; ') || '—';
}

/** One subject: cuts, stacked bars, the table per county, readings, domains and the 优质均衡 check. */
function subjectLevels(
  b: SectionBuilder,
  summary: LevelSummary,
  balanced: readonly BalancedCheck[],
  results: AnalysisResults,
  charts: readonly ReportChart[],
  lang: Lang,
): void {
  const zh = lang === 'zh';
  const name = roleName(summary.subject, lang);
  const passName = zh ? `达到${summary.names[summary.passFrom]}及以上` : `${summary.names[summary.passFrom]} or above`;
  const provinces = [...new Set(summary.cells.map((c) => c.province))];
  const withProvince = results.data.roles.includes('province');
  b.heading(3, e(name)).paragraph(
    `${zh ? '水平划分' : 'Levels'}：${cutsText(summary, lang)}；${e(passName)} = ${summary.names
      .slice(summary.passFrom)
      .map(e)
      .join(zh ? '、' : ', ')}。`,
  );
  for (const group of levelCellsShown(summary)) {
    const oneCounty = new Set(group.cells.map((c) => c.county)).size === 1;
    const where = withProvince && group.province ? (zh ? `（${e(group.province)}）` : ` (${e(group.province)})`) : '';
    b.heading(4, `${gradeName(group.grade as number | null, lang)}${oneCounty ? '' : `，${group.year}${zh ? '年' : ''}`}${where}`);
    const trendOf = (c: LevelCell) => summary.trends.find((x) => x.province === c.province && x.county === c.county && x.grade === c.grade);
    const versus = (c: LevelCell) =>
      summary.comparisons.pass.cells
        .find((x) => x.province === c.province && x.year === c.year && x.grade === c.grade)
        ?.counties.find((x) => x.county === c.county);
    const readings = group.cells
      .filter((c) => !c.suppressed && (!oneCounty || c.year === group.year))
      .map((c) => {
        const shares = c.shares
          .map((s, k) => `${e(summary.names[k]!)} ${percent(s!.share)}`)
          .reverse()
          .join(zh ? '、' : ', ');
        const trend = trendOf(c);
        const low = trend?.lowest
          ? zh
            ? `；${trend.lowest.years[0]}–${trend.lowest.years.at(-1)} 年${e(summary.names[0]!)}比例${t(trend.lowest.direction, lang)}`
            : `; the share at ${e(summary.names[0]!)} ${t(trend.lowest.direction, lang)} over ${trend.lowest.years[0]}–${trend.lowest.years.at(-1)}`
          : '';
        const vs = versusText(versus(c), lang);
        return zh
          ? `${e(c.county ?? '')}${c.year}年${gradeName(c.grade as number | null, lang)}${e(name)}：${shares}；${e(passName)} ${share(c.pass)}${vs !== '—' ? `，${vs}` : ''}${low}。`
          : `${e(c.county ?? '')}, ${c.year}, ${gradeName(c.grade as number | null, lang)}, ${e(name)}: ${shares}; ${e(passName)} ${share(c.pass)}${vs !== '—' ? `, ${vs}` : ''}${low}.`;
      });
    for (const r of readings) b.paragraph(r, 'reading');
    const head = [
      t('county', lang),
      ...(oneCounty ? [t('year', lang)] : []),
      t('students', lang),
      ...[...summary.names].reverse().map(e),
      `${e(passName)}（95% CI）`,
      zh ? `${e(passName)}与全省、参照比较` : `${e(passName)} against the province and references`,
      zh ? `${e(passName)}趋势` : `Trend of ${e(passName)}`,
      zh ? `${e(summary.names[0]!)}趋势` : `Trend of ${e(summary.names[0]!)}`,
    ];
    const rows = group.cells.map((c) => {
      const trend = trendOf(c);
      return [
        e(c.county ?? '—'),
        ...(oneCounty ? [String(c.year ?? '—')] : []),
        formatCount(c.students),
        ...(c.suppressed
          ? summary.names.map(() => (c.reason === 'single-school' ? (zh ? '仅 1 所学校' : 'one school') : t('suppressed', lang)))
          : [...c.shares].reverse().map((s) => percent(s!.share))),
        c.pass ? `<span data-value="pass">${percent(c.pass.share)}</span>（${percent(c.pass.lower)}–${percent(c.pass.upper)}）` : '—',
        versusText(versus(c), lang),
        trendWords(trend?.pass ?? null, lang),
        trendWords(trend?.lowest ?? null, lang),
      ];
    });
    const province = summary.provinces.find((p) => p.province === group.province && p.grade === group.grade && p.year === group.year);
    if (province && !province.suppressed) {
      rows.push([
        zh ? '全省（本数据）' : 'Province (these data)',
        ...(oneCounty ? [String(province.year)] : []),
        formatCount(province.students),
        ...[...province.shares].reverse().map((s) => percent(s!.share)),
        share(province.pass),
        '—',
        '—',
        '—',
      ]);
    }
    b.table(head, rows, true);
    const chart = charts.find((c) => c.id === levelChartId(summary.subject, group, provinces));
    b.figure(chart);
  }
  // Boys and girls, urban and rural: the latest year's shares of 中等及以上.
  const latestDomains = summary.domains.filter((d) =>
    latestYearGrades(summary.cells).some((l) => l.province === d.province && l.grade === d.grade && l.year === d.year),
  );
  if (latestDomains.length) {
    const value = (v: string) => ({ M: zh ? '男生' : 'boys', F: zh ? '女生' : 'girls' })[v] ?? v;
    b.details(zh ? `分性别、城乡的${e(passName)}比例（最近一年）` : `${e(passName)} by sex and locale (latest year)`, (d) =>
      d.table(
        [t('county', lang), t('year', lang), t('grade', lang), zh ? '群体' : 'Group', t('students', lang), `${e(passName)}（95% CI）`],
        latestDomains.map((x) => [
          e(x.county ?? '—'),
          String(x.year ?? '—'),
          gradeName(x.grade as number | null, lang),
          e(value(x.domain!.value)),
          formatCount(x.students),
          x.suppressed ? t('suppressed', lang) : share(x.pass),
        ]),
        true,
      ),
    );
  }
  const checks = balanced.filter(
    (b) => b.subject === summary.subject && latestYearGrades(summary.cells).some((l) => l.province === b.province && l.grade === b.grade && l.year === b.year),
  );
  if (checks.length) balancedTable(b, checks, results, lang);
}

/** The 优质均衡 check: both conditions side by side, with the definition used and its caveat. */
function balancedTable(b: SectionBuilder, checks: readonly BalancedCheck[], results: AnalysisResults, lang: Lang): void {
  const zh = lang === 'zh';
  const def = results.levels.balancedDefinition;
  const first = checks[0]!;
  const levelRule =
    def.definition === 'mean'
      ? zh
        ? `县域平均分达到${e(first.levelName)}（水平Ⅲ）的分数线`
        : `the county mean reaches the cut of ${e(first.levelName)} (level III)`
      : zh
        ? `${e(first.levelName)}及以上学生比例不低于 ${percent(def.shareLine!)}`
        : `at least ${percent(def.shareLine!)} of students at ${e(first.levelName)} or above`;
  const rows = checks.map((b) => [
    e(b.county),
    String(b.year ?? '—'),
    gradeName(b.grade as number | null, lang),
    b.mean
      ? `${formatNumber(b.mean.estimate, 1)}（${formatNumber(b.mean.lower, 1)}–${formatNumber(b.mean.upper, 1)}）${zh ? '；分数线' : '; cut'} ${formatNumber(b.cut, 0)}`
      : '—',
    b.share ? share(b.share) : '—',
    statusText(b.levelStatus, lang),
    b.icc ? `${percent(b.icc.estimate)}（${percent(b.icc.lower)}–${percent(b.icc.upper)}）` : '—',
    statusText(b.iccStatus, lang),
    `<strong>${statusText(b.status, lang)}</strong>`,
  ]);
  b.heading(4, zh ? '优质均衡核查' : 'Check against the 优质均衡 criterion');
  b.paragraph(
    zh
      ? `县域义务教育优质均衡发展督导评估要求“监测相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于 ${def.iccLine}”。官方计算方法未公开，这里按以下口径核查：学业水平条件为${levelRule}（以 95% 置信区间判断）；校际差异率取校间差异占比 ICC（学生权重不等时为加权估计，否则为 REML 估计；95% 置信区间），低于 ${def.iccLine} 为达到。区间跨过界线时判为“不确定”，不作结论。`
      : `The 优质均衡 criterion asks that "students reach level III or above in the monitored subjects and the between-school difference rate is below ${def.iccLine}". Its official formula is not published; here the level condition is read as: ${levelRule} (judged on the 95% CI); the between-school rate as the ICC (the weighted estimate where the students’ weights vary, else REML; 95% CI), met below ${def.iccLine}. Where an interval straddles the line the condition is "uncertain", not a verdict.`,
  );
  b.table(
    zh
      ? [
          '区县',
          '年份',
          '年级',
          '平均分（95% CI）',
          `${e(first.levelName)}及以上比例（95% CI）`,
          '学业水平条件',
          '校际差异率 ICC（95% CI）',
          '校际差异条件',
          '两项合计',
        ]
      : [
          'County',
          'Year',
          'Grade',
          'Mean (95% CI)',
          `${e(first.levelName)} or above (95% CI)`,
          'Level condition',
          'ICC (95% CI)',
          'Between-school condition',
          'Both',
        ],
    rows,
    true,
  );
}

/**
 * The performance-level section (学业水平): per subject with cut scores, the four levels'
 * shares and 达到中等及以上 per county (latest year of each grade; every year for one county),
 * against the province and references, their trends, by sex and locale, and the 优质均衡
 * check; without cuts, how to give them.
 *
 * @example
 * levelsSection(results, charts, 'zh'); // => '<section id="levels">…'
 */
export function levelsSection(results: AnalysisResults, charts: readonly ReportChart[], lang: Lang): ReportSection {
  const zh = lang === 'zh';
  const b = new SectionBuilder();
  if (!results.levels.subjects.length) {
    b.paragraph(
      zh
        ? '未给出学业水平分数线，未划分优秀、良好、中等、待提高四个水平（国家监测的分数线未公开，Jiance 不设默认值）。在配置文件中给出各学科、各年级的三条分数线即可，例如 "levels": { "math": { "4": [420, 500, 580], "8": [420, 500, 580] } }（分数等于分数线时归入较高水平）。'
        : 'No cut scores were given, so the four performance levels were not computed (the national cut scores are not public, and Jiance has no defaults). Give three cut scores per subject and grade in the configuration file, e.g. "levels": { "math": { "4": [420, 500, 580], "8": [420, 500, 580] } } (a score equal to a cut is in the higher level).',
    );
  }
  for (const summary of results.levels.subjects) subjectLevels(b, summary, results.levels.balanced, results, charts, lang);
  return { id: 'levels', title: t('levelsTitle', lang), blocks: b.blocks };
}
