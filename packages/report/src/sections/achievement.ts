import type { AnalysisResults } from '@jiance/core';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount, formatNumber } from '../format.js';
import { gradeName, roleName, t, type Lang } from '../labels.js';
import { e, hasProvinces, provinceCell, provinceHead } from './common.js';

/** Achievement summary (学业表现汇总): per county × year × grade and per school, students, schools, weighted mean and SD. */
export function achievementSection(results: AnalysisResults, lang: Lang): ReportSection {
  const b = new SectionBuilder();
  const withProvince = hasProvinces(results);
  if (!results.achievement.length) b.paragraph(t('noSubject', lang));
  for (const a of results.achievement) {
    b.heading(3, e(roleName(a.subject, lang)));
    b.table(
      [...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), t('students', lang), t('schools', lang), t('mean', lang), t('sd', lang)],
      a.counties.map((c) => [
        ...provinceCell(withProvince, c.province), e(c.county), c.year === null ? '—' : String(c.year), gradeName(c.grade, lang),
        formatCount(c.students), formatCount(c.schools), `<span data-value="mean">${formatNumber(c.mean, 1)}</span>`, formatNumber(c.sd, 1),
      ]),
      true,
    );
    b.details(`${t('schoolTable', lang)}（${formatCount(a.schools.length)}）`, (d) =>
      d.table(
        [...provinceHead(withProvince, lang), t('county', lang), t('year', lang), t('grade', lang), t('school', lang), t('students', lang), t('mean', lang), t('sd', lang)],
        a.schools.map((s) => [
          ...provinceCell(withProvince, s.province), e(s.county), s.year === null ? '—' : String(s.year), gradeName(s.grade, lang), e(s.school),
          formatCount(s.students), formatNumber(s.mean, 1), formatNumber(s.sd, 1),
        ]),
        true,
      ),
    );
  }
  return { id: 'achievement', title: t('achievementTitle', lang), blocks: b.blocks };
}
