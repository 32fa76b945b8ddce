// @jiance/report — Vega-Lite specs for every result and the self-contained HTML report.
export { renderReport, reportSections, reportMeta, type ReportContext } from './renderReport.js';
export { blocksToHtml, sectionToHtml, SectionBuilder, type Block, type Inline, type ReportSection } from './document.js';
export { findingsSection, sentence as findingSentence } from './sections/findingsSection.js';
export { ledgerSection, ledgerStatusName, ledgerMeasureName, ledgerRuleWords } from './sections/ledgerSection.js';
export { escapeHtml } from './escapeHtml.js';
export { withoutNonXmlCharacters } from './xmlCharacters.js';
export { formatNumber, formatCount } from './format.js';
export { text, t, roleName, gradeName, type Lang } from './labels.js';
export { caterpillarSpec } from './charts/caterpillarSpec.js';
export { iccSpec } from './charts/iccSpec.js';
export { renderChart, type RenderedChart } from './charts/renderChart.js';
export { buildCharts, caterpillarLimit, countyChartLimit, latestCells, latestYearGrades, type ReportChart } from './charts/buildCharts.js';
export { trendSpec } from './charts/trendSpec.js';
export { comparisonSpec } from './charts/comparisonSpec.js';
export { rankSpec } from './charts/rankSpec.js';
export { levelSpec } from './charts/levelSpec.js';
export { levelsSection } from './sections/levelsSection.js';
export { levelCellsShown, levelChartId } from './charts/levelSpec.js';
export { table } from './document.js';
export { percent, pp } from './format.js';
export { reportTables, tableToCsv, spreadsheetText, isEmptyCell, type ReportTable, type TableCell } from './tables.js';
export { ledgerTables } from './ledgerTables.js';
export { resultTables, arrowFromReportTable, type ResultTable } from './resultTables.js';
// arqueroFromArrow and arqueroResultTables: from '@jiance/report/arquero' (loads arquero).
export { inlineText, inlineRuns, decodeEntities } from './document.js';
export { renderDocx, wordTableRows, type DocxContext } from './renderDocx.js';
