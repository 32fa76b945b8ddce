// @jiance/report — Vega-Lite specs for every result and the self-contained HTML report.
export { renderReport, type ReportContext } from './renderReport.js';
export { escapeHtml } from './escapeHtml.js';
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
export { table } from './html.js';
export { percent, pp } from './format.js';
export { reportTables, tableToCsv, spreadsheetText, type ReportTable, type TableCell } from './tables.js';
