import { SectionBuilder, type ReportSection } from '../document.js';
import { t, type Lang } from '../labels.js';

/** The methods appendix (方法说明). */
export function methodsSection(lang: Lang): ReportSection {
  const b = new SectionBuilder();
  for (const key of ['methodsAchievement', 'methodsBetween', 'methodsRates', 'methodsComparison', 'methodsQuality'] as const) b.paragraph(t(key, lang));
  return { id: 'methods', title: t('methodsTitle', lang), blocks: b.blocks };
}
