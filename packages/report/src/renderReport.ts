import { findings, type AnalysisResults, type ColumnUse } from '@jiance/core';
import type { ReportChart } from './charts/buildCharts.js';
import { sectionToHtml, type ReportSection } from './document.js';
import { englishPunctuation, escapeHtml } from './escapeHtml.js';
import { t, type Lang } from './labels.js';
import { achievementSection } from './sections/achievement.js';
import { betweenSection } from './sections/between.js';
import { comparisonSection } from './sections/comparison.js';
import { findingsSection } from './sections/findingsSection.js';
import { healthSection } from './sections/health.js';
import { ledgerSection } from './sections/ledgerSection.js';
import { levelsSection } from './sections/levelsSection.js';
import { methodsSection } from './sections/methods.js';
import { qualityNote, qualitySection } from './sections/quality.js';
import { ratesSection } from './sections/rates.js';
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
  /** Rendered charts (buildCharts), embedded as inline SVG (HTML) or PNG (Word). */
  charts?: ReportChart[];
  /**
   * The sections, when already built by {@link reportSections} for these results and this
   * context: the CLI builds them once for report.html and report.docx (at a province's size,
   * building them takes seconds).
   */
  sections?: ReportSection[];
}

/**
 * The report's sections in reading order (报告结构), one description for HTML and Word:
 * 主要发现 first (with the one-line data note), then the results, the 整改台账, and the
 * appendices (data quality and column recognition; methods). The findings are the results'
 * own (`results.findings`, else computed by {@link findings}).
 *
 * @example
 * reportSections(results).map((s) => s.id); // => ['findings', 'achievement', 'levels', 'between', 'rates', 'health', 'comparison', 'ledger', 'quality', 'methods']
 */
export function reportSections(results: AnalysisResults, context: ReportContext = {}): ReportSection[] {
  const lang = context.lang ?? 'zh';
  const charts = context.charts ?? [];
  const list = results.findings ?? findings(results);
  return [
    findingsSection(results, list, qualityNote(results, lang), lang),
    achievementSection(results, lang),
    levelsSection(results, charts, lang),
    betweenSection(results, charts, lang),
    ratesSection(results, charts, lang),
    healthSection(results, charts, lang),
    comparisonSection(results, charts, lang),
    ledgerSection({ ...results, findings: list }, results.ledger, lang),
    qualitySection(results, context.columns, lang),
    methodsSection(lang),
  ];
}

/** The header lines under the title: input file and generation time. */
export function reportMeta(context: ReportContext): string[] {
  const lang = context.lang ?? 'zh';
  const e = escapeHtml;
  return [
    context.inputFile ? `${t('input', lang)}：${e(context.inputFile)}${context.inputDescription ? `（${e(context.inputDescription)}）` : ''}` : '',
    context.generatedAt ? `${t('generated', lang)}：${e(context.generatedAt)}` : '',
  ].filter(Boolean);
}

/**
 * Renders the self-contained HTML report (报告): inline style, no script, no external
 * reference, so it opens on an offline office computer; A4 print rules keep tables' rows and
 * charts whole. Every string from the data is escaped. Chinese by default, English with
 * `lang: 'en'`.
 *
 * @example
 * renderReport(results, { inputFile: 'county.csv' }); // => '<!doctype html>…'
 */
export function renderReport(results: AnalysisResults, context: ReportContext = {}): string {
  const lang = context.lang ?? 'zh';
  const sections = context.sections ?? reportSections(results, context);
  const toc = `<nav class="toc"><h2>${t('toc', lang)}</h2><ol>${sections.map((s) => `<li><a href="#${s.id}">${s.title}</a></li>`).join('')}</ol></nav>`;
  const [first, ...rest] = sections.map(sectionToHtml);
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title', lang)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header><h1>${t('title', lang)}</h1>${reportMeta(context)
    .map((m) => `<p class="meta">${m}</p>`)
    .join('')}</header>
<main>
${first}
${toc}
${rest.join('\n')}
</main>
</body>
</html>
`;
  return lang === 'en' ? englishPunctuation(html) : html;
}
