import {
  indicatorNames,
  type AnalysisResults,
  type ComparisonMark,
  type CountyComparisonSummary,
  type NationComparison,
  type ReferenceDifference,
  type YearGradeComparison,
} from '@jiance/core';
import { comparisonChartId, type ReportChart } from '../charts/buildCharts.js';
import { latestYearGrades } from '../charts/latest.js';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount, formatNumber } from '../format.js';
import { gradeName, markLabel, nationVerdict, roleName, t, type Lang } from '../labels.js';
import {
  designNote,
  displayOf,
  e,
  hasProvinces,
  levelName,
  provinceCell,
  provinceHead,
  referenceMark,
  referenceTest,
  type Display,
  type Scale,
} from './common.js';

/**
 * The plain-language reading of one comparison cell: which counties are significantly above or
 * below their province, and what the rank intervals allow one to say about the first place.
 */
function comparisonReading(cell: YearGradeComparison, subject: string, lang: Lang, scale: Scale): string {
  const zh = lang === 'zh';
  // A county without a rank (a mean with SE 0) may still differ from its province.
  const ranked = cell.counties.filter((c) => c.vsProvince);
  const names = (mark: 'higher' | 'lower') => ranked.filter((c) => c.vsProvince!.mark === mark).map((c) => `${e(c.county)}（${scale.value(c.mean.mean)}）`);
  const higher = names('higher');
  const lower = names('lower');
  const who = zh
    ? `${cell.year ?? ''}年${gradeName(cell.grade as number | null, lang)}${e(subject)}`
    : `${e(subject)}, ${cell.year ?? ''}, ${gradeName(cell.grade as number | null, lang)}`;
  const province = scale.value(cell.provinceMean.mean);
  const marks = zh
    ? higher.length || lower.length
      ? `${higher.length ? `${higher.join('、')}显著高于全省（${province}）` : ''}${higher.length && lower.length ? '；' : ''}${lower.length ? `${lower.join('、')}显著低于全省（${province}）` : ''}；其余区县与全省无显著差异`
      : `各区县与全省（${province}）均无显著差异`
    : higher.length || lower.length
      ? `${higher.length ? `${higher.join(', ')} above the province (${province})` : ''}${higher.length && lower.length ? '; ' : ''}${lower.length ? `${lower.join(', ')} below it` : ''}; the others not significantly different`
      : `no county differs significantly from the province (${province})`;
  const first = ranked.find((c) => c.rank?.rank === 1);
  const rank = first
    ? first.rank!.upper === 1
      ? zh
        ? `${e(first.county)}名列第一，且 95% 区间仅含第 1 名`
        : `${e(first.county)} ranks first, and its 95% interval holds only rank 1`
      : zh
        ? `名次第 1 的${e(first.county)}其 95% 区间为第 ${first.rank!.lower}–${first.rank!.upper} 名，数据不足以确定其排名第一`
        : `${e(first.county)} ranks first, but its 95% interval is ranks ${first.rank!.lower}–${first.rank!.upper}: the data do not establish first place`
    : '';
  return `${who}${zh ? '：' : ': '}${marks}${rank ? (zh ? '。' : '. ') + rank : ''}${zh ? '。' : '.'}`;
}

/** The table of the counties' comparisons with reference figures. */
function referenceRows(
  rows: { who: string; own: { mean: number; lower: number; upper: number }; r: ReferenceDifference }[],
  scale: Scale,
  lang: Lang,
): [string[], string[][]] {
  const zh = lang === 'zh';
  return [
    zh
      ? ['区县', '本县（95% CI）', '参照', '参照值', '差（95% CI）', '判断', '比较方式']
      : ['County', 'County (95% CI)', 'Reference', 'Figure', 'Difference (95% CI)', 'Verdict', 'How compared'],
    rows.map(({ who, own, r }) => [
      who,
      `<span data-value="mean">${scale.value(own.mean)}</span>（${scale.value(own.lower)}–${scale.value(own.upper)}）`,
      e(r.label),
      r.valueSE === null ? scale.value(r.value) : `${scale.value(r.value)}（SE ${scale.diff(r.valueSE)}）`,
      `${scale.diff(r.difference)}（${scale.diff(r.lower)}～${scale.diff(r.upper)}）`,
      referenceMark(r, scale, lang),
      referenceTest(r, scale, lang),
    ]),
  ];
}

/**
 * A province × year × grade of a subject, indicator or health measure: counties against their
 * own province and the references (a county file: its mean and its references), with charts.
 */
export function comparisonCell(
  b: SectionBuilder,
  summary: CountyComparisonSummary,
  cell: YearGradeComparison,
  charts: readonly ReportChart[],
  lang: Lang,
  withProvince: boolean,
  display: Display = displayOf(summary, lang),
  level: 3 | 4 = 3,
): void {
  const zh = lang === 'zh';
  const { scale, name: subject } = display;
  const where = withProvince && cell.province ? (zh ? `（${e(cell.province)}）` : ` (${e(cell.province)})`) : '';
  b.heading(level, `${e(subject)}：${cell.year ?? ''}${zh ? '年' : ', '}${gradeName(cell.grade as number | null, lang)}${where}`);
  const compared = cell.counties.some((c) => c.vsProvince);
  const ids = comparisonChartId(summary.subject, cell, summary.cells);
  const refRows = cell.counties.flatMap((c) => c.references.map((r) => ({ who: e(c.county), own: c.mean, r })));
  const references = (): void => {
    if (!refRows.length) return;
    b.heading(4, zh ? '与全省、全国参照值比较' : 'Against the province and national reference figures');
    const [head, rows] = referenceRows(refRows, scale, lang);
    b.table(head, rows, true);
  };
  const figures = (): void => {
    b.figure(charts.find((c) => c.id === ids.counties));
    b.figure(charts.find((c) => c.id === ids.ranks));
  };
  if (!compared) {
    // One county (or only single-school counties): its mean, and its references.
    const c = cell.counties[0]!;
    const mean = c.estimable
      ? `${scale.value(c.mean.mean)}（95% CI ${scale.value(c.mean.lower)}–${scale.value(c.mean.upper)}；${c.schools} ${zh ? '所学校' : 'schools'}，${formatCount(c.students)} ${zh ? '名学生' : 'students'}）`
      : `${scale.value(c.mean.mean)}（${t('singleSchool', lang)}）`;
    const marks = c.references.map((r) => referenceMark(r, scale, lang));
    b.paragraph(
      zh
        ? `${e(c.county)}${cell.year ?? ''}年${gradeName(cell.grade as number | null, lang)}${e(subject)}为 ${mean}${marks.length ? `，${marks.join('，')}` : ''}。`
        : `${e(c.county)}, ${cell.year ?? ''}, ${gradeName(cell.grade as number | null, lang)}: ${e(subject)} ${mean}${marks.length ? `; ${marks.join('; ')}` : ''}.`,
      'reading',
    );
    references();
    if (!c.references.length) {
      b.paragraph(
        zh
          ? '数据只有一个区县，县内没有可比较的区县。给出全省、全国参照值（--reference 参照值文件，见 README“参照值”）即可与之比较。'
          : 'The data hold one county, with no other county to compare. Give the province and national reference figures (--reference, see README "Reference figures") to compare with them.',
      );
    }
    figures();
    return;
  }
  if (display.reading) b.paragraph(comparisonReading(cell, subject, lang, scale), 'reading');
  b.table(
    [
      t('county', lang),
      t('schools', lang),
      t('students', lang),
      t('countyMean', lang),
      t('vsProvince', lang),
      t('effectSize', lang),
      t('verdict', lang),
      t('rankCol', lang),
    ],
    cell.counties.map((c) => {
      if (!c.vsProvince)
        return [
          e(c.county),
          formatCount(c.schools),
          formatCount(c.students),
          `<span data-value="mean">${scale.value(c.mean.mean)}</span>`,
          '—',
          '—',
          t('singleSchool', lang),
          '—',
        ];
      return [
        e(c.county),
        formatCount(c.schools),
        formatCount(c.students),
        `<span data-value="mean">${scale.value(c.mean.mean)}</span>（${scale.value(c.mean.lower)}–${scale.value(c.mean.upper)}）`,
        `${scale.diff(c.vsProvince.difference)}（${scale.diff(c.vsProvince.lower)}～${scale.diff(c.vsProvince.upper)}）`,
        formatNumber(c.vsProvince.effectSize, 2),
        markLabel(c.vsProvince.mark, lang),
        c.rank ? `${c.rank.rank}（${c.rank.lower}–${c.rank.upper}）` : '—',
      ];
    }),
    true,
  );
  const significantPairs = cell.pairs.filter((p) => p.mark === 'higher' || p.mark === 'lower').length;
  const provinceMarks = cell.references.map((r) => referenceMark(r, scale, lang));
  b.paragraph(
    zh
      ? `全省均值 ${scale.value(cell.provinceMean.mean)}（95% CI ${scale.value(cell.provinceMean.lower)}–${scale.value(cell.provinceMean.upper)}）${provinceMarks.length ? `，${provinceMarks.join('，')}` : ''}；${cell.pairsOmitted ? `区县过多（${cell.counties.length} 个），未列出两两比较。` : `${cell.pairs.length} 对区县两两比较中，经 Holm 校正后有 ${significantPairs} 对差异显著。`}`
      : `Province mean ${scale.value(cell.provinceMean.mean)} (95% CI ${scale.value(cell.provinceMean.lower)}–${scale.value(cell.provinceMean.upper)})${provinceMarks.length ? `, ${provinceMarks.join(', ')}` : ''}; ${cell.pairsOmitted ? `too many counties (${cell.counties.length}) to list every pair.` : `${significantPairs} of ${cell.pairs.length} county pairs differ after Holm's correction.`}`,
  );
  references();
  b.paragraph(designNote(summary.design, lang, cell.provinceMean.lonelyStrata), 'design-note');
  figures();
}

/** Provinces against the nation (the whole file) in one year × grade. */
function nationCell(b: SectionBuilder, summary: CountyComparisonSummary, cell: NationComparison, lang: Lang): void {
  const zh = lang === 'zh';
  const { scale, name: subject } = displayOf(summary, lang);
  const mark = (m: ComparisonMark) => nationVerdict(m, lang);
  b.heading(
    3,
    `${e(subject)}：${cell.year ?? ''}${zh ? '年' : ', '}${gradeName(cell.grade as number | null, lang)}${zh ? '，各省与全国' : ', provinces and nation'}`,
  );
  b.table(
    zh
      ? ['省份', '区县数', '学校数', '学生数', '均值（95% CI）', '与全国之差（95% CI）', '判断', '名次（95% 区间）']
      : ['Province', 'Counties', 'Schools', 'Students', 'Mean (95% CI)', 'Difference from nation (95% CI)', 'Verdict', 'Rank (95% interval)'],
    cell.provinces.map((p) => [
      e(p.province ?? (zh ? '（未填省份）' : '(no province)')),
      formatCount(p.counties),
      formatCount(p.schools),
      formatCount(p.students),
      p.estimable
        ? `<span data-value="mean">${scale.value(p.mean.mean)}</span>（${scale.value(p.mean.lower)}–${scale.value(p.mean.upper)}）`
        : scale.value(p.mean.mean),
      p.vsNation ? `${scale.diff(p.vsNation.difference)}（${scale.diff(p.vsNation.lower)}～${scale.diff(p.vsNation.upper)}）` : '—',
      p.vsNation ? mark(p.vsNation.mark) : p.estimable ? '—' : t('singleSchool', lang),
      p.rank ? `${p.rank.rank}（${p.rank.lower}–${p.rank.upper}）` : '—',
    ]),
    true,
  );
  b.paragraph(
    zh
      ? `全国（本数据全部学校）均值 ${scale.value(cell.nationMean.mean)}（95% CI ${scale.value(cell.nationMean.lower)}–${scale.value(cell.nationMean.upper)}）；各省与全国之差的标准误考虑了该省本身包含在全国之中。`
      : `Nation (every school of these data): ${scale.value(cell.nationMean.mean)} (95% CI ${scale.value(cell.nationMean.lower)}–${scale.value(cell.nationMean.upper)}); each difference accounts for the province being part of the nation.`,
  );
}

/** The reference figures no cell could use, and why (nothing given is dropped silently). */
function unusedReferences(b: SectionBuilder, results: AnalysisResults, lang: Lang): void {
  const { values, unused } = results.references;
  if (!unused.length) return;
  const zh = lang === 'zh';
  const why = (reason: string) =>
    (zh
      ? {
          'measure-absent': '数据中没有该学科或指标',
          'year-absent': '数据中没有该年份',
          'grade-absent': '数据中没有该年级',
          'not-estimable': '该年级的区县无法估计',
        }
      : {
          'measure-absent': 'the data have no such subject or indicator',
          'year-absent': 'the data have no such year',
          'grade-absent': 'the data have no such grade',
          'not-estimable': 'no county of that grade could be estimated',
        })[reason] ?? reason;
  b.heading(3, zh ? `未使用的参照值（${unused.length} 个）` : `Reference figures not used (${unused.length})`);
  b.table(
    zh ? ['行', '参照', '指标', '年份', '年级', '原因'] : ['Row', 'Reference', 'Measure', 'Year', 'Grade', 'Why'],
    unused.map(({ reference, reason }) => {
      const r = values[reference]!;
      const measure = r.measure === null ? '—' : (indicatorNames[r.measure as keyof typeof indicatorNames]?.[lang] ?? roleName(r.measure, lang));
      return [r.origin ? String(r.origin.row) : '—', e(r.label), e(measure), r.year === null ? '—' : String(r.year), gradeName(r.grade, lang), e(why(reason))];
    }),
  );
}

/** County comparisons (县域比较): provinces against the nation, counties against their province and the references, gaps inside counties. */
export function comparisonSection(results: AnalysisResults, charts: readonly ReportChart[], lang: Lang): ReportSection {
  const b = new SectionBuilder();
  const withProvince = hasProvinces(results);
  for (const summary of [...results.countyComparison, ...results.rateComparison]) {
    for (const cell of latestYearGrades(summary.nation)) nationCell(b, summary, cell, lang);
    for (const cell of latestYearGrades(summary.cells)) {
      // A rate of a county file is shown only against its references (the rates section has the rest).
      if (summary.indicator && !cell.counties.some((c) => c.vsProvince || c.references.length)) continue;
      comparisonCell(b, summary, cell, charts, lang, withProvince);
    }
  }
  unusedReferences(b, results, lang);
  for (const gap of results.gaps) {
    const latest = latestYearGrades(gap.cells);
    const byCounty = gap.cells.filter((c) => latest.some((l) => l.province === c.province && l.grade === c.grade && l.year === c.year));
    if (!byCounty.length) continue;
    const title =
      gap.by === 'sex'
        ? lang === 'zh'
          ? '性别差距（男 − 女）'
          : 'Sex gap (boys − girls)'
        : lang === 'zh'
          ? '城乡差距（城区 − 乡村）'
          : 'Urban–rural gap (城区 − 乡村)';
    b.heading(3, `${e(roleName(gap.subject, lang))}：${title}`);
    b.table(
      [
        ...provinceHead(withProvince, lang),
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        lang === 'zh' ? '差距（95% CI）' : 'Gap (95% CI)',
        t('verdict', lang),
      ],
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
          : c.mark === 'not-assessable'
            ? t('not-assessable', lang)
            : c.mark === 'similar'
              ? lang === 'zh'
                ? '无显著差异'
                : 'no significant gap'
              : lang === 'zh'
                ? '差距显著'
                : 'significant gap',
      ]),
      true,
    );
  }
  return { id: 'comparison', title: t('comparisonTitle', lang), blocks: b.blocks };
}
