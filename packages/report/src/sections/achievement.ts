import type { AnalysisResults } from '@jiance/core';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount, formatNumber } from '../format.js';
import { gradeName, roleName, t, type Lang } from '../labels.js';
import { e, hasProvinces, provinceCell, provinceHead } from './common.js';

/**
 * Rows of the per-school table the report itself lists: a province's schools × years fit
 * (about 800), a census of 10⁵ schools would make a Word file no office computer opens; the
 * whole list is always in tables/schools-<subject>.csv and tables.xlsx.
 */
export const maxSchoolRows = 2000;

const schoolsCut = (all: number, shown: number, subject: string, lang: Lang): string =>
  lang === 'en'
    ? `${formatCount(all)} school × year rows; the first ${formatCount(shown)} are listed here. Every school is in tables/schools-${e(subject)}.csv and tables.xlsx.`
    : `共 ${formatCount(all)} 行（学校×年份），此处列出前 ${formatCount(shown)} 行；全部学校见 tables/schools-${e(subject)}.csv 和 tables.xlsx。`;

/** Achievement summary (学业表现汇总): per county × year × grade and per school, students, schools, weighted mean and SD. */
export function achievementSection(results: AnalysisResults, lang: Lang): ReportSection {
  const b = new SectionBuilder();
  const withProvince = hasProvinces(results);
  if (!results.achievement.length) b.paragraph(t('noSubject', lang));
  for (const a of results.achievement) {
    b.heading(3, e(roleName(a.subject, lang)));
    b.table(
      [
        ...provinceHead(withProvince, lang),
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        t('students', lang),
        t('schools', lang),
        t('mean', lang),
        t('sd', lang),
      ],
      a.counties.map((c) => [
        ...provinceCell(withProvince, c.province),
        e(c.county),
        c.year === null ? '—' : String(c.year),
        gradeName(c.grade, lang),
        formatCount(c.students),
        formatCount(c.schools),
        `<span data-value="mean">${formatNumber(c.mean, 1)}</span>`,
        formatNumber(c.sd, 1),
      ]),
      true,
    );
    const shown = a.schools.slice(0, maxSchoolRows);
    b.details(`${t('schoolTable', lang)}（${formatCount(a.schools.length)}）`, (d) => {
      if (shown.length < a.schools.length) d.paragraph(schoolsCut(a.schools.length, shown.length, a.subject, lang));
      d.table(
        [
          ...provinceHead(withProvince, lang),
          t('county', lang),
          t('year', lang),
          t('grade', lang),
          t('school', lang),
          t('students', lang),
          t('mean', lang),
          t('sd', lang),
        ],
        shown.map((s) => [
          ...provinceCell(withProvince, s.province),
          e(s.county),
          s.year === null ? '—' : String(s.year),
          gradeName(s.grade, lang),
          e(s.school),
          formatCount(s.students),
          formatNumber(s.mean, 1),
          formatNumber(s.sd, 1),
        ]),
        true,
      );
    });
  }
  return { id: 'achievement', title: t('achievementTitle', lang), blocks: b.blocks };
}
