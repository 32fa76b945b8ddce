import type { AnalysisResults } from '@jiance/core';
import type { ReportChart } from '../charts/buildCharts.js';
import { latestYearGrades } from '../charts/latest.js';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount, formatNumber } from '../format.js';
import { gradeName, t, type Lang } from '../labels.js';
import { displayOf, e, hasProvinces, levelName, provinceCell, provinceHead } from './common.js';
import { comparisonCell } from './comparison.js';

/**
 * The mean levels of the health measures (健康指标平均水平): per measure, the latest year of each
 * grade — every county against its own province and the reference figures — the change per
 * year per county × grade, and the means by sex and locale; and how anxiety is reported.
 */
export function healthSection(results: AnalysisResults, charts: readonly ReportChart[], lang: Lang): ReportSection {
  const zh = lang === 'zh';
  const health = results.health;
  const withProvince = hasProvinces(results);
  const b = new SectionBuilder();
  if (!health.measures.length)
    b.paragraph(
      zh
        ? '数据中没有焦虑得分、睡眠时长、身高体重、体质健康总分或裸眼视力列，本节从略。'
        : 'The data have no anxiety score, sleep hours, height and weight, fitness score or acuity columns; this section is omitted.',
    );
  if (health.anxiety === 'level')
    b.paragraph(
      zh
        ? '未给出焦虑判定界值，焦虑按平均得分（焦虑水平）报告，与全省、全国比较；在配置文件中给出 "rates": { "anxietyCutoff": 分数 } 后，另在检出率一节报告焦虑检出率。'
        : 'No anxiety cut-off was given, so anxiety is reported as its mean score (the level), against the province and the nation; with "rates": { "anxietyCutoff": <score> } the rates section adds the detection rate.',
    );
  if (health.anxiety === 'level-and-rate')
    b.paragraph(
      zh
        ? '焦虑既按平均得分（焦虑水平）报告，也按判定界值在检出率一节报告检出率。'
        : 'Anxiety is reported both as its mean score (the level) and, by its cut-off, as a detection rate in the rates section.',
    );
  for (const m of health.measures) {
    const display = displayOf(m.comparison, lang);
    b.heading(3, e(display.name));
    const latest = latestYearGrades(m.comparison.cells);
    for (const cell of latest) comparisonCell(b, m.comparison, cell, charts, lang, withProvince, display, 4);
    const trends = m.trends.filter((x) => x.trend);
    b.details(zh ? '逐年变化（年均变化，95% CI）' : 'Change per year (95% CI)', (d) => {
      if (!trends.length) return;
      d.table(
        [
          ...provinceHead(withProvince, lang),
          t('county', lang),
          t('grade', lang),
          zh ? '起止年份' : 'Years',
          zh ? '年均变化（95% CI）' : 'Change per year (95% CI)',
          'p',
          t('trend', lang),
        ],
        trends.map(({ province, county, grade, trend }) => [
          ...provinceCell(withProvince, province),
          e(county ?? '—'),
          gradeName(grade as number | null, lang),
          `${trend!.years[0]}–${trend!.years.at(-1)}`,
          `${display.scale.diff(trend!.slope)}（${display.scale.diff(trend!.lower)}～${display.scale.diff(trend!.upper)}）`,
          formatNumber(trend!.pValue, 3),
          t(trend!.direction, lang),
        ]),
        true,
      );
    });
    const domains = m.domains.filter((d) => latest.some((l) => l.province === d.province && l.grade === d.grade && l.year === d.year));
    b.details(zh ? '分性别、城乡（最近一年）' : 'By sex and locale (latest year)', (d) => {
      if (!domains.length) return;
      d.table(
        [
          ...provinceHead(withProvince, lang),
          t('county', lang),
          t('year', lang),
          t('grade', lang),
          zh ? '群体' : 'Group',
          t('students', lang),
          t('countyMean', lang),
        ],
        domains.map((x) => [
          ...provinceCell(withProvince, x.province),
          e(x.county ?? '—'),
          String(x.year ?? '—'),
          gradeName(x.grade as number | null, lang),
          e(zh ? levelName(x.domain.value) : x.domain.value),
          formatCount(x.students),
          x.mean
            ? `${display.scale.value(x.mean.mean)}（${display.scale.value(x.mean.lower)}–${display.scale.value(x.mean.upper)}）`
            : zh
              ? '仅 1 所学校，无设计标准误'
              : 'one school: no design SE',
        ]),
        true,
      );
    });
  }
  return { id: 'health', title: t('healthTitle', lang), blocks: b.blocks };
}
