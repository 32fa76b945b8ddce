import { indicatorNames, type AnalysisResults, type AnalysisUsage, type ColumnUse, type RuleCount } from '@jiance/core';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatCount } from '../format.js';
import { roleName, ruleFix, ruleLabel, t, type Lang } from '../labels.js';
import { e } from './common.js';

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

/** The one-line quality note at the top of the report: rows read, used, excluded; the appendix has the rest. */
export function qualityNote(results: AnalysisResults, lang: Lang): string {
  const q = results.dataQuality;
  const invalid = q.invalidValues.reduce((a, r) => a + r.count, 0);
  return lang === 'zh'
    ? `数据概况：读取学生记录 ${formatCount(q.rowsRead)} 行，纳入分析 ${formatCount(q.rowsKept)} 行，整行排除 ${formatCount(q.rowsExcluded)} 行，无法使用的取值 ${formatCount(invalid)} 个（按缺失处理）；详见<a href="#quality">附录一</a>。`
    : `Data: ${formatCount(q.rowsRead)} student rows read, ${formatCount(q.rowsKept)} kept, ${formatCount(q.rowsExcluded)} excluded, ${formatCount(invalid)} values unusable (treated as missing); see <a href="#quality">Appendix 1</a>.`;
}

/**
 * Data quality and column recognition (附录：数据概况与数据质量): counts, exclusion rules with their
 * first rows and fixes, unusable values, warnings, the rows each analysis used, and how every
 * header was read.
 */
export function qualitySection(results: AnalysisResults, columns: readonly ColumnUse[] | undefined, lang: Lang): ReportSection {
  const q = results.dataQuality;
  const b = new SectionBuilder();
  b.figures([
    { label: t('rowsRead', lang), value: formatCount(q.rowsRead), key: 'rowsRead' },
    { label: t('rowsKept', lang), value: formatCount(q.rowsKept), key: 'rowsKept' },
    { label: t('rowsExcluded', lang), value: formatCount(q.rowsExcluded), key: 'rowsExcluded' },
    { label: t('blankRows', lang), value: formatCount(q.blankRows) },
  ]);
  b.paragraph(t(q.weighted ? 'weightsPresent' : 'weightsAbsent', lang));
  const ruleHead = [t('rule', lang), t('column', lang), t('count', lang), t('examples', lang), t('fix', lang)];
  b.heading(3, t('excludedRowsTitle', lang));
  if (q.excludedRows.length) b.table(ruleHead, ruleRows(q.excludedRows, lang));
  else b.paragraph(t('none', lang));
  b.heading(3, t('invalidValuesTitle', lang));
  if (q.invalidValues.length) b.table(ruleHead, ruleRows(q.invalidValues, lang));
  else b.paragraph(t('none', lang));
  const warnings = results.achievement.flatMap((a) => a.warnings);
  if (warnings.length) b.heading(3, t('warningsTitle', lang)).table(ruleHead, ruleRows(warnings, lang));
  const usages = analysisUsages(results);
  if (usages.length) {
    b.heading(3, t('analysesTitle', lang)).table(
      [t('analysis', lang), t('rowsRead', lang), t('rowsUsed', lang), t('excludedBecause', lang)],
      usages.map((u) => [
        e(analysisName(u.analysis, lang)),
        formatCount(u.rowsRead),
        formatCount(u.rowsUsed),
        u.excluded.map((x) => `${e(ruleLabel(x.rule, lang))}${x.field ? `（${e(roleName(x.field, lang))}）` : ''} ${formatCount(x.count)}`).join('；') ||
          t('none', lang),
      ]),
    );
  }
  if (columns?.length) {
    b.heading(3, t('columnsTitle', lang)).table(
      [t('header', lang), t('role', lang), t('status', lang), t('nonEmpty', lang)],
      columns.map((c) => [
        e(c.header || '—'),
        c.role ? e(roleName(c.role, lang)) : c.suggestion ? `${t('didYouMean', lang)} ${e(roleName(c.suggestion, lang))}？` : '—',
        columnStatus(c, lang),
        formatCount(c.nonEmpty),
      ]),
    );
  }
  return { id: 'quality', title: t('qualityTitle', lang), blocks: b.blocks };
}
