import { primaryFit, type AnalysisResults, type BetweenSchoolSummary, type CountyBetweenSchool } from '@jiance/core';
import type { ReportChart } from '../charts/buildCharts.js';
import { latestCells } from '../charts/latest.js';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount, formatNumber, percent } from '../format.js';
import { gradeName, roleName, t, verdictBy, type Lang } from '../labels.js';
import { countiesShown, countyName, e, hasProvinces, provinceCell, provinceHead } from './common.js';

function fitCell(fit: CountyBetweenSchool['reml'] | CountyBetweenSchool['weighted'], lang: Lang): string {
  if (fit === null) return '—';
  if (!fit.estimable) {
    const reason = {
      'fewer-than-two-schools': 'reasonFewSchools',
      'no-within-school-replication': 'reasonNoReplication',
      'no-variance': 'reasonNoVariance',
      'values-too-large': 'reasonTooLarge',
    } as const;
    return `${t('notEstimable', lang)}（${t(reason[fit.reason], lang)}）`;
  }
  return `<span data-value="icc">${percent(fit.icc)}</span>（${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}）`;
}

function levelText(c: CountyBetweenSchool, lang: Lang): string {
  if (!c.level) return '—';
  const level = t(c.level === 'large' ? 'levelLarge' : c.level === 'moderate' ? 'levelModerate' : 'levelSmall', lang);
  const refs = c.references.map((r) => {
    const name =
      r.source === 'province' ? t('province', lang) : r.source === 'nation' ? (lang === 'zh' ? '全国（本数据）' : 'nation (these data)') : e(r.label);
    if (lang === 'zh') return r.comparison === 'similar' ? `与${name}（${percent(r.icc)}）无显著差异` : `${t(r.comparison, lang)}${name}（${percent(r.icc)}）`;
    return `${t(r.comparison, lang)} the ${name} (${percent(r.icc)})`;
  });
  return [level, ...refs].join(lang === 'zh' ? '；' : '; ');
}

/** One plain-language sentence per county × grade for the latest year. */
function reading(c: CountyBetweenSchool, subject: string, lang: Lang, withProvince: boolean): string {
  const fit = primaryFit(c);
  if (!fit.estimable) return '';
  const by = c.primary === 'pseudo-ML' ? (lang === 'zh' ? '加权估计，' : 'weighted estimate, ') : '';
  const who =
    lang === 'zh'
      ? `${countyName(c.province, c.county, withProvince, lang)}${c.year ?? ''}年${gradeName(c.grade, lang)}${e(roleName(subject, lang))}`
      : `${e(c.county ?? '')}, ${c.year ?? ''}, ${gradeName(c.grade, lang)}, ${e(subject)}`;
  return lang === 'zh'
    ? `${who}校间差异占总差异的 ${percent(fit.icc)}（${by}95% CI ${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}），${levelText(c, lang)}。`
    : `${who}: the between-school share of variance is ${percent(fit.icc)} (${by}95% CI ${percent(fit.iccCI[0])}–${percent(fit.iccCI[1])}), ${levelText(c, lang)}.`;
}

/** The sentence saying how many caterpillars were not drawn (empty when all were). */
function caterpillarsOmitted(summary: BetweenSchoolSummary, charts: readonly ReportChart[], lang: Lang): string {
  const all = latestCells(summary).filter((c) => c.reml.estimable).length; // a caterpillar per REML fit (the school effects are REML's)
  const drawn = charts.filter((c) => c.id.startsWith(`${summary.subject}-caterpillar-`)).length;
  if (drawn >= all) return '';
  return lang === 'en'
    ? `${all} county × grade cells; the first ${drawn} are drawn. Every school's shrunken mean is in results.json (betweenSchool → counties → schoolsDetail).`
    : `共 ${all} 个区县×年级，图中只绘出前 ${drawn} 个；全部学校的收缩均值见 results.json（betweenSchool → counties → schoolsDetail）。`;
}

/** Between-school differences (校间差异): readings, the decomposition per county × year × grade, the ICC chart and caterpillars. */
export function betweenSection(results: AnalysisResults, charts: readonly ReportChart[], lang: Lang): ReportSection {
  const b = new SectionBuilder();
  const withProvince = hasProvinces(results);
  if (!results.betweenSchool.length) b.paragraph(t('noSubject', lang));
  for (const summary of results.betweenSchool) {
    const own = charts.filter((c) => c.subject === summary.subject && c.section === 'betweenSchool');
    b.heading(3, e(roleName(summary.subject, lang)));
    for (const c of latestCells(summary)) b.paragraph(reading(c, summary.subject, lang, withProvince), 'reading');
    b.table(
      [
        ...provinceHead(withProvince, lang),
        t('county', lang),
        t('year', lang),
        t('grade', lang),
        t('schools', lang),
        t('students', lang),
        t('iccWithCI', lang),
        t('betweenVariance', lang),
        t('withinVariance', lang),
        t('cv', lang),
        t('weightedIcc', lang),
        t('verdict', lang),
      ],
      summary.counties.map((c) => [
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
        c.level ? `${levelText(c, lang)}${lang === 'zh' ? '（' : ' ('}${verdictBy(c.primary, lang)}${lang === 'zh' ? '）' : ')'}` : levelText(c, lang),
      ]),
      true,
    );
    for (const c of own.filter((x) => x.id.endsWith('-icc'))) b.figure(c, countiesShown(c, lang));
    const caterpillars = own.filter((c) => c.id.includes('-caterpillar-'));
    if (caterpillars.length) {
      b.heading(4, t('caterpillarTitle', lang)).paragraph(caterpillarsOmitted(summary, charts, lang));
      for (const c of caterpillars) b.figure(c);
    }
  }
  return { id: 'between', title: t('betweenTitle', lang), blocks: b.blocks };
}
