import {
  healthMeasureNames,
  indicatorNames,
  type AnalysisResults,
  type ComparisonMark,
  type ConditionStatus,
  type CountyComparisonSummary,
  type DesignTrend,
  type LevelCell,
  type ShareEstimate,
} from '@jiance/core';
import { gradeName, markLabel, nationVerdict, roleName, ruleLabel, t, verdict, verdictBy, type Lang } from './labels.js';
import { analysisName, analysisUsages } from './sections/quality.js';
import { ledgerTables } from './ledgerTables.js';

/** A cell of an exported table: text, a number (unrounded, as in results.json) or empty. */
export type TableCell = string | number | null;

/** A table of the report for people who continue in Excel (表格导出): one value per column. */
export interface ReportTable {
  /** Stable file-name id, e.g. 'between-math'. */
  id: string;
  /** The kind of result, the same for every subject: the id without its subject ('between', 'rate-comparison', 'gaps-sex'); none for the tables of the whole run (quality, usage, findings, ledger). */
  family?: string;
  /** The subject, indicator or health measure of the table ('math', 'vision_poor', 'anxiety'), as in results.json. */
  subject?: string;
  title: string;
  columns: string[];
  rows: TableCell[][];
}

const markText = (m: ComparisonMark | null | undefined, lang: Lang): string | null => (m ? markLabel(m, lang) : null);

const indicatorName = (id: string, lang: Lang): string => indicatorNames[id as keyof typeof indicatorNames]?.[lang] ?? id;

/**
 * Every table of the report as data (与报告表格对应的导出表): data quality, achievement, school
 * summaries, between-school variance, detection rates, trends and targets, county comparisons
 * (means and rates), county pairs and gaps — with estimates, SEs and interval bounds in
 * separate columns and unrounded, so that a statistician can recompute from them. Texts from
 * the data are left as they are; {@link tableToCsv} and the workbook writer neutralise them.
 *
 * @example
 * reportTables(results, 'zh').map((t) => t.id); // => ['quality', 'usage', 'achievement-math', …]
 */
export function reportTables(results: AnalysisResults, lang: Lang = 'zh'): ReportTable[] {
  const zh = lang === 'zh';
  const out: ReportTable[] = [];
  const grade = (g: unknown): string => gradeName(g as number | null, lang);
  const province = zh ? '省份' : 'Province';
  const q = results.dataQuality;
  out.push(...ledgerTables(results, lang));
  out.push({
    id: 'quality',
    title: t('qualityTitle', lang),
    columns: [zh ? '类别' : 'Kind', t('rule', lang), t('column', lang), t('count', lang)],
    rows: [
      ...q.excludedRows.map((r) => [t('excludedRowsTitle', lang), ruleLabel(r.rule, lang), r.field ? roleName(r.field, lang) : null, r.count]),
      ...q.invalidValues.map((r) => [zh ? '无法使用的取值' : 'Unusable value', ruleLabel(r.rule, lang), r.field ? roleName(r.field, lang) : null, r.count]),
    ],
  });
  const usages = analysisUsages(results);
  out.push({
    id: 'usage',
    title: t('analysesTitle', lang),
    columns: [t('analysis', lang), t('rowsRead', lang), t('rowsUsed', lang), t('excludedBecause', lang)],
    rows: usages.map((u) => [
      analysisName(u.analysis, lang),
      u.rowsRead,
      u.rowsUsed,
      u.excluded.map((x) => `${ruleLabel(x.rule, lang)}${x.field ? `（${roleName(x.field, lang)}）` : ''} ${x.count}`).join('；') || null,
    ]),
  });
  for (const a of results.achievement) {
    const name = roleName(a.subject, lang);
    out.push({
      id: `achievement-${a.subject}`,
      family: `achievement`,
      subject: a.subject,
      title: `${t('achievementTitle', lang)}：${name}`,
      columns: [province, t('county', lang), t('year', lang), t('grade', lang), t('students', lang), t('schools', lang), t('mean', lang), t('sd', lang)],
      rows: a.counties.map((c) => [c.province, c.county, c.year, grade(c.grade), c.students, c.schools, c.mean, c.sd]),
    });
    out.push({
      id: `schools-${a.subject}`,
      family: `schools`,
      subject: a.subject,
      title: `${t('schoolTable', lang)}：${name}`,
      columns: [province, t('county', lang), t('year', lang), t('grade', lang), t('school', lang), t('students', lang), t('mean', lang), t('sd', lang)],
      rows: a.schools.map((s) => [s.province, s.county, s.year, grade(s.grade), s.school, s.students, s.mean, s.sd]),
    });
  }
  for (const b of results.betweenSchool) {
    const lo = zh ? '下限' : 'lower';
    const hi = zh ? '上限' : 'upper';
    out.push({
      id: `between-${b.subject}`,
      family: `between`,
      subject: b.subject,
      title: `${t('betweenTitle', lang)}：${roleName(b.subject, lang)}`,
      columns: [
        province,
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        t('schools', lang),
        t('students', lang),
        'ICC (REML)',
        `ICC ${lo}`,
        `ICC ${hi}`,
        t('betweenVariance', lang),
        t('withinVariance', lang),
        'ICC (ANOVA)',
        t('cv', lang),
        zh ? '加权 ICC' : 'Weighted ICC',
        `${zh ? '加权 ICC' : 'Weighted ICC'} ${lo}`,
        `${zh ? '加权 ICC' : 'Weighted ICC'} ${hi}`,
        t('verdict', lang),
        zh ? '判断依据' : 'Verdict by',
      ],
      rows: b.counties.map((c) => {
        const r = c.reml.estimable ? c.reml : null;
        const w = c.weighted?.estimable ? c.weighted : null;
        return [
          c.province,
          c.county,
          c.year,
          grade(c.grade),
          c.schools,
          c.students,
          r?.icc ?? null,
          r?.iccCI[0] ?? null,
          r?.iccCI[1] ?? null,
          r?.betweenVariance ?? null,
          r?.withinVariance ?? null,
          c.anova.estimable ? c.anova.icc : null,
          c.cv,
          w?.icc ?? null,
          w?.iccCI[0] ?? null,
          w?.iccCI[1] ?? null,
          c.level ? t(c.level === 'large' ? 'levelLarge' : c.level === 'moderate' ? 'levelModerate' : 'levelSmall', lang) : null,
          c.level ? verdictBy(c.primary, lang) : null,
        ];
      }),
    });
  }
  for (const trend of results.rates.indicators) {
    const name = indicatorName(trend.indicator, lang);
    const by = trend.rates.by;
    out.push({
      id: `rates-${trend.indicator}`,
      family: `rates`,
      subject: trend.indicator,
      title: `${t('ratesTitle', lang)}：${name}`,
      columns: [
        // The same names as the other tables (年份, not the role's 监测年份), so tables join on them.
        ...by.map((k) => (k === 'grade' ? t('grade', lang) : k === 'year' ? t('year', lang) : roleName(k, lang))),
        t('students', lang),
        t('schools', lang),
        zh ? '检出人数' : 'Cases',
        zh ? '比例' : 'Rate',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        t('designEffect', lang),
        zh ? '说明' : 'Note',
      ],
      rows: trend.rates.cells.map((c) => [
        ...by.map((k) => (k === 'grade' ? grade(c.keys[k]) : (c.keys[k] ?? null))),
        c.students,
        c.schools,
        c.cases,
        c.rate,
        c.se,
        c.lower,
        c.upper,
        c.designEffect,
        c.suppressed ? `${t('suppressed', lang)}（n = ${c.students}）` : null,
      ]),
    });
    out.push({
      id: `trends-${trend.indicator}`,
      family: `trends`,
      subject: trend.indicator,
      title: `${t('trend', lang)}：${name}`,
      columns: [
        province,
        t('county', lang),
        t('grade', lang),
        zh ? '起止年份' : 'Years',
        zh ? '年均变化' : 'Change per year',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        'p',
        t('trend', lang),
        t('targetsCol', lang),
      ],
      rows: trend.trends.map((tr) => [
        tr.province,
        tr.county,
        tr.grade === null ? t('allGrades', lang) : grade(tr.grade),
        tr.trend.years.length ? `${tr.trend.years[0]}–${tr.trend.years.at(-1)}` : null,
        tr.trend.annualChange?.slope ?? null,
        tr.trend.annualChange?.lower ?? null,
        tr.trend.annualChange?.upper ?? null,
        tr.trend.annualChange?.pValue ?? null,
        t(tr.trend.direction, lang),
        tr.targets.map((v) => `${v.target.text}：${t(v.status === 'met' ? 'met' : v.status === 'not-met' ? 'notMet' : 'notAssessable', lang)}`).join('；') ||
          null,
      ]),
    });
  }
  /** The tables of one comparison: `kind` '' (scores), 'rate-' or 'level-' prefixes their ids. */
  const comparison = (s: CountyComparisonSummary, kind: '' | 'rate-' | 'level-' | 'health-', name: string): void => {
    out.push({
      id: `${kind}comparison-${s.subject}`,
      family: `${kind}comparison`,
      subject: s.subject,
      title: `${t('comparisonTitle', lang)}：${name}`,
      columns: [
        t('year', lang),
        t('grade', lang),
        province,
        t('county', lang),
        t('schools', lang),
        t('students', lang),
        zh ? '均值' : 'Mean',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        zh ? '全省' : 'Province mean',
        zh ? '与全省之差' : 'Difference',
        zh ? '差的标准误' : 'SE of difference',
        zh ? '差的下限' : 'Difference lower',
        zh ? '差的上限' : 'Difference upper',
        'p',
        t('effectSize', lang),
        t('verdict', lang),
        zh ? '省内名次' : 'Rank in province',
        zh ? '名次下限' : 'Rank from',
        zh ? '名次上限' : 'Rank to',
      ],
      rows: s.cells.flatMap((cell) =>
        cell.counties.map((c) => [
          cell.year,
          grade(cell.grade),
          c.province,
          c.county,
          c.schools,
          c.students,
          c.mean.mean,
          c.estimable ? c.mean.se : null,
          c.estimable ? c.mean.lower : null,
          c.estimable ? c.mean.upper : null,
          cell.provinceMean.mean,
          c.vsProvince?.difference ?? null,
          c.vsProvince?.se ?? null,
          c.vsProvince?.lower ?? null,
          c.vsProvince?.upper ?? null,
          c.vsProvince?.pValue ?? null,
          c.vsProvince?.effectSize ?? null,
          c.vsProvince ? markText(c.vsProvince.mark, lang) : c.estimable ? (zh ? '本省只有一个区县' : 'one county in the province') : t('singleSchool', lang),
          c.rank?.rank ?? null,
          c.rank?.lower ?? null,
          c.rank?.upper ?? null,
        ]),
      ),
    });
    // Every comparison with a reference figure, one row each (a county may have the province's and the nation's).
    const referenceRows = s.cells.flatMap((cell) => [
      ...cell.counties.flatMap((c) => c.references.map((r) => ({ cell, who: [c.province, c.county] as TableCell[], mean: c.mean, r }))),
      ...cell.references.map((r) => ({ cell, who: [cell.province, zh ? '（全省）' : '(province)'] as TableCell[], mean: cell.provinceMean, r })),
    ]);
    if (referenceRows.length) {
      out.push({
        id: `${kind}references-${s.subject}`,
        family: `${kind}references`,
        subject: s.subject,
        title: `${zh ? '与全省、全国参照值比较' : 'Against the reference figures'}：${name}`,
        columns: [
          t('year', lang),
          t('grade', lang),
          province,
          t('county', lang),
          zh ? '均值' : 'Mean',
          zh ? '标准误' : 'SE',
          zh ? '参照层级' : 'Level',
          zh ? '参照' : 'Reference',
          zh ? '参照值' : 'Figure',
          zh ? '参照值标准误' : 'Figure SE',
          zh ? '差' : 'Difference',
          zh ? '差的标准误' : 'SE of difference',
          zh ? '自由度' : 'df',
          zh ? '差的下限' : 'Lower',
          zh ? '差的上限' : 'Upper',
          'p',
          t('verdict', lang),
          zh ? '比较方式' : 'How compared',
        ],
        rows: referenceRows.map(({ cell, who, mean, r }) => [
          cell.year,
          grade(cell.grade),
          ...who,
          mean.mean,
          mean.se,
          r.scope === 'province' ? (zh ? '全省' : 'province') : zh ? '全国' : 'nation',
          r.label,
          r.value,
          r.valueSE,
          r.difference,
          r.se,
          Number.isFinite(r.df) ? r.df : null,
          r.lower,
          r.upper,
          r.pValue,
          verdict(r.mark, lang),
          r.test === 'fixed'
            ? zh
              ? '参照值无标准误：本县区间与定值比较'
              : 'fixed value: the county’s interval'
            : zh
              ? '两个独立样本'
              : 'two independent samples',
        ]),
      });
    }
    if (s.nation.length) {
      out.push({
        id: `${kind}nation-${s.subject}`,
        family: `${kind}nation`,
        subject: s.subject,
        title: `${zh ? '各省与全国比较' : 'Provinces against the nation'}：${name}`,
        columns: [
          t('year', lang),
          t('grade', lang),
          province,
          zh ? '区县数' : 'Counties',
          t('schools', lang),
          t('students', lang),
          zh ? '均值' : 'Mean',
          zh ? '标准误' : 'SE',
          zh ? '下限' : 'Lower',
          zh ? '上限' : 'Upper',
          zh ? '全国' : 'Nation',
          zh ? '与全国之差' : 'Difference',
          zh ? '差的标准误' : 'SE of difference',
          zh ? '差的下限' : 'Difference lower',
          zh ? '差的上限' : 'Difference upper',
          'p',
          t('effectSize', lang),
          t('verdict', lang),
          zh ? '名次' : 'Rank',
          zh ? '名次下限' : 'Rank from',
          zh ? '名次上限' : 'Rank to',
        ],
        rows: s.nation.flatMap((cell) =>
          cell.provinces.map((p) => [
            cell.year,
            grade(cell.grade),
            p.province,
            p.counties,
            p.schools,
            p.students,
            p.mean.mean,
            p.estimable ? p.mean.se : null,
            p.estimable ? p.mean.lower : null,
            p.estimable ? p.mean.upper : null,
            cell.nationMean.mean,
            p.vsNation?.difference ?? null,
            p.vsNation?.se ?? null,
            p.vsNation?.lower ?? null,
            p.vsNation?.upper ?? null,
            p.vsNation?.pValue ?? null,
            p.vsNation?.effectSize ?? null,
            p.vsNation ? nationVerdict(p.vsNation.mark, lang) : t('singleSchool', lang),
            p.rank?.rank ?? null,
            p.rank?.lower ?? null,
            p.rank?.upper ?? null,
          ]),
        ),
      });
    }
    out.push({
      id: `${kind}pairs-${s.subject}`,
      family: `${kind}pairs`,
      subject: s.subject,
      title: `${zh ? '区县两两比较（省内，Holm 校正）' : 'County pairs within each province (Holm-adjusted)'}：${name}`,
      columns: [
        t('year', lang),
        t('grade', lang),
        province,
        'A',
        'B',
        zh ? 'A − B' : 'A − B',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        'p',
        zh ? 'Holm 校正 p' : 'Holm p',
        t('verdict', lang),
      ],
      rows: s.cells.flatMap((cell) =>
        cell.pairs.map((p) => [
          cell.year,
          grade(cell.grade),
          cell.province,
          p.a,
          p.b,
          p.difference,
          p.se,
          p.lower,
          p.upper,
          p.pValue,
          p.adjustedP,
          p.mark === 'not-assessable'
            ? t('not-assessable', lang)
            : p.mark === 'similar'
              ? zh
                ? '无显著差异'
                : 'no significant difference'
              : zh
                ? '差异显著'
                : 'significant',
        ]),
      ),
    });
  };
  for (const s of results.countyComparison) comparison(s, '', roleName(s.subject, lang));
  for (const s of results.rateComparison) comparison(s, 'rate-', indicatorName(s.subject, lang));
  for (const m of results.health.measures) {
    const name = healthMeasureNames[m.measure][lang];
    comparison(m.comparison, 'health-', name);
    out.push({
      id: `health-trends-${m.measure}`,
      family: `health-trends`,
      subject: m.measure,
      title: `${zh ? '逐年变化' : 'Change per year'}：${name}`,
      columns: [
        province,
        t('county', lang),
        t('grade', lang),
        zh ? '起止年份' : 'Years',
        zh ? '年均变化' : 'Change per year',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        'p',
        t('trend', lang),
      ],
      rows: m.trends.map(({ province: p, county, grade: g, trend: x }) => [
        p,
        county,
        grade(g),
        x ? `${x.years[0]}–${x.years.at(-1)}` : null,
        x?.slope ?? null,
        x?.se ?? null,
        x?.lower ?? null,
        x?.upper ?? null,
        x?.pValue ?? null,
        x ? t(x.direction, lang) : null,
      ]),
    });
    out.push({
      id: `health-domains-${m.measure}`,
      family: `health-domains`,
      subject: m.measure,
      title: `${zh ? '分性别、城乡' : 'By sex and locale'}：${name}`,
      columns: [
        province,
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        zh ? '分组' : 'By',
        zh ? '群体' : 'Group',
        t('students', lang),
        t('schools', lang),
        zh ? '均值' : 'Mean',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
      ],
      rows: m.domains.map((d) => [
        d.province,
        d.county,
        d.year,
        grade(d.grade),
        d.domain.by === 'sex' ? (zh ? '性别' : 'sex') : zh ? '城乡' : 'locale',
        d.domain.value,
        d.students,
        d.schools,
        d.mean?.mean ?? null,
        d.mean?.se ?? null,
        d.mean?.lower ?? null,
        d.mean?.upper ?? null,
      ]),
    });
  }
  for (const l of results.levels.subjects) {
    const name = roleName(l.subject, lang);
    const passName = zh ? `达到${l.names[l.passFrom]}及以上` : `pass: ${l.names[l.passFrom]} or above`;
    const upperName = zh ? `${l.names[l.upperFrom]}及以上` : `${l.names[l.upperFrom]} or above`;
    const estimateColumns = (label: string) => [
      label,
      `${label} ${zh ? '标准误' : 'SE'}`,
      `${label} ${zh ? '下限' : 'lower'}`,
      `${label} ${zh ? '上限' : 'upper'}`,
    ];
    const estimateCells = (x: ShareEstimate | null): TableCell[] => (x ? [x.share, x.se, x.lower, x.upper] : [null, null, null, null]);
    const group = (c: LevelCell) =>
      c.domain ? (({ M: zh ? '男生' : 'boys', F: zh ? '女生' : 'girls' } as Record<string, string>)[c.domain.value] ?? c.domain.value) : zh ? '全体' : 'all';
    out.push({
      id: `levels-${l.subject}`,
      family: `levels`,
      subject: l.subject,
      title: `${t('levelsTitle', lang)}：${name}`,
      columns: [
        province,
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        zh ? '群体' : 'Group',
        t('students', lang),
        t('schools', lang),
        ...l.names.flatMap(estimateColumns),
        ...estimateColumns(passName),
        ...estimateColumns(upperName),
        zh ? '说明' : 'Note',
      ],
      rows: [...l.cells, ...l.provinces, ...l.domains].map((c) => [
        c.province,
        c.county ?? (zh ? '（全省）' : '(province)'),
        c.year,
        grade(c.grade),
        group(c),
        c.students,
        c.schools,
        ...c.shares.flatMap(estimateCells),
        ...estimateCells(c.pass),
        ...estimateCells(c.upper),
        c.reason === 'small-cell'
          ? `${t('suppressed', lang)}（n = ${c.students}）`
          : c.reason === 'single-school'
            ? zh
              ? '仅 1 所学校，无设计标准误'
              : 'one school: no design SE'
            : null,
      ]),
    });
    const trendCells = (x: DesignTrend | null): TableCell[] =>
      x ? [x.slope, x.se, x.lower, x.upper, x.pValue, t(x.direction, lang)] : [null, null, null, null, null, null];
    const trendColumns = (label: string) => [
      `${label} ${zh ? '年均变化' : 'change per year'}`,
      `${label} ${zh ? '标准误' : 'SE'}`,
      `${label} ${zh ? '下限' : 'lower'}`,
      `${label} ${zh ? '上限' : 'upper'}`,
      `${label} p`,
      `${label} ${t('trend', lang)}`,
    ];
    out.push({
      id: `level-trends-${l.subject}`,
      family: `level-trends`,
      subject: l.subject,
      title: `${t('levelsTitle', lang)}${zh ? '趋势' : ' trends'}：${name}`,
      columns: [province, t('county', lang), t('grade', lang), zh ? '起止年份' : 'Years', ...trendColumns(passName), ...trendColumns(l.names[0]!)],
      rows: l.trends.map((x) => [
        x.province,
        x.county,
        grade(x.grade),
        x.pass ? `${x.pass.years[0]}–${x.pass.years.at(-1)}` : null,
        ...trendCells(x.pass),
        ...trendCells(x.lowest),
      ]),
    });
    const status = (s: ConditionStatus) =>
      (zh
        ? { met: '达到', 'not-met': '未达到', uncertain: '不确定', 'not-assessable': '无法判断' }
        : { met: 'met', 'not-met': 'not met', uncertain: 'uncertain', 'not-assessable': 'not assessable' })[s];
    const checks = results.levels.balanced.filter((b) => b.subject === l.subject);
    out.push({
      id: `balanced-${l.subject}`,
      family: `balanced`,
      subject: l.subject,
      title: `${zh ? '优质均衡核查' : '优质均衡 check'}：${name}`,
      columns: [
        province,
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        zh ? '口径' : 'Definition',
        zh ? '分数线' : 'Cut',
        zh ? '平均分' : 'Mean',
        zh ? '平均分下限' : 'Mean lower',
        zh ? '平均分上限' : 'Mean upper',
        ...estimateColumns(upperName),
        zh ? '学业水平条件' : 'Level condition',
        'ICC',
        zh ? 'ICC 下限' : 'ICC lower',
        zh ? 'ICC 上限' : 'ICC upper',
        zh ? 'ICC 界线' : 'ICC line',
        zh ? '校际差异条件' : 'Between-school condition',
        zh ? '两项合计' : 'Both',
      ],
      rows: checks.map((b) => [
        b.province,
        b.county,
        b.year,
        grade(b.grade),
        b.definition === 'mean' ? (zh ? '平均分达到分数线' : 'mean reaches the cut') : zh ? `比例不低于 ${b.shareLine}` : `share at least ${b.shareLine}`,
        b.cut,
        b.mean?.estimate ?? null,
        b.mean?.lower ?? null,
        b.mean?.upper ?? null,
        ...estimateCells(b.share),
        status(b.levelStatus),
        b.icc?.estimate ?? null,
        b.icc?.lower ?? null,
        b.icc?.upper ?? null,
        b.iccLine,
        status(b.iccStatus),
        status(b.status),
      ]),
    });
    comparison(l.comparisons.pass, 'level-', `${name}${passName}`);
  }
  for (const g of results.gaps) {
    out.push({
      id: `gaps-${g.subject}-${g.by}`,
      family: `gaps-${g.by}`,
      subject: g.subject,
      title: `${g.by === 'sex' ? (zh ? '性别差距（男 − 女）' : 'Sex gap (boys − girls)') : zh ? '城乡差距（城区 − 乡村）' : 'Urban–rural gap'}：${roleName(g.subject, lang)}`,
      columns: [
        province,
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        `${zh ? '人数' : 'Students'} ${g.a}`,
        `${zh ? '人数' : 'Students'} ${g.b}`,
        `${zh ? '均值' : 'Mean'} ${g.a}`,
        `${zh ? '均值' : 'Mean'} ${g.b}`,
        zh ? '差距' : 'Gap',
        zh ? '标准误' : 'SE',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        'p',
      ],
      rows: g.cells.map((c) => [
        c.province,
        c.county,
        c.year,
        grade(c.grade),
        c.studentsA,
        c.studentsB,
        c.meanA,
        c.meanB,
        c.gap,
        c.se,
        c.lower,
        c.upper,
        c.pValue,
      ]),
    });
  }
  return out;
}

/**
 * A cell written empty in every export (CSV, workbook, Arrow): missing, or a number that is not
 * finite (NaN, ±Infinity: no spreadsheet or Arrow reader takes them as numbers).
 *
 * @example
 * isEmptyCell(Number.NaN); // => true
 */
export function isEmptyCell(v: TableCell | undefined): v is null | undefined | number {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A text cell made safe for spreadsheets (防公式注入): text starting with = + − @ tab or CR is
 * prefixed with an apostrophe, so Excel and WPS show it as text (OWASP, CSV Injection).
 * Numbers are left alone (−1.5 is a number, not a formula).
 *
 * @example
 * spreadsheetText('=HYPERLINK("http://x")'); // => '\'=HYPERLINK("http://x")'
 */
export function spreadsheetText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * A table as CSV for Excel (CSV 导出): UTF-8 with a byte-order mark (so Excel on Chinese Windows
 * reads Chinese correctly), CRLF line ends, RFC 4180 quoting, numbers unrounded, empty cells
 * for missing values, text cells neutralised by {@link spreadsheetText}.
 *
 * @example
 * tableToCsv({ id: 'x', title: 'x', columns: ['区县', '均值'], rows: [['青山县', 512.5]] }); // => '\uFEFF区县,均值\r\n青山县,512.5\r\n'
 */
export function tableToCsv(table: ReportTable): string {
  const cell = (v: TableCell): string => {
    if (isEmptyCell(v)) return '';
    if (typeof v === 'number') return String(v);
    const s = spreadsheetText(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
