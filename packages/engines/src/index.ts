// @jiance/engines — core's per-group summaries computed where the data lives (Node only):
// DuckDB over CSV/Parquet files, ClickHouse over a (distributed) table.

export { resolveSpec, type SummarySpec, type ResolvedSpec, type ResolvedColumn, type ColumnKind } from './summarySpec.js';
export { duckdbSummarySql, clickhouseSummarySql, quoteIdentifier, quoteString, centreSampleRows, type SummarySql, type SummarySqlOptions, type ColumnTypes } from './summarySql.js';
export { momentsFromSums, type ShiftedSums } from './momentsFromSums.js';
export { summariesFromColumns, type EngineSummaries } from './engineSummaries.js';
export { duckdbGroupedMoments, duckdbRelation, type DuckdbSource, type DuckdbOptions } from './duckdbGroupedMoments.js';
export * as messages from './messages.js';
export { momentsDifference, type MomentsDifference } from './momentsDifference.js';
export { clickhouseRequest, clickhouseQuery, clickhouseColumns, type ClickhouseConnection, type ClickhouseResult, type ClickhouseColumns } from './clickhouseHttp.js';
export { clickhouseGroupedMoments, clickhouseTableName } from './clickhouseGroupedMoments.js';
export {
  startLocalCluster,
  stopLocalCluster,
  stopShard,
  clickhouseServerPath,
  type LocalCluster,
  type LocalShard,
  type LocalClusterOptions,
} from './cluster/localCluster.js';
export {
  studentColumns,
  createShardedTable,
  loadShards,
  loadCsvIntoCluster,
  type StudentColumn,
  type ShardedTableNames,
} from './cluster/loadStudents.js';
export { duckdbAnalyze, duckdbProvider, type DuckdbAnalyzeOptions, type DuckdbProviderOptions, type DuckdbAnalysis } from './duckdbAnalyze.js';
export { csvLayout, csvEncoding, gb18030ToUtf8, rowNumberOf, type CsvLayout } from './csvLayout.js';
export { duckdbDialect, indicatorSql, bmiCategoryExpression, measureSql, whiteSpace, type SqlDialect } from './analysisSql.js';
export { clickhouseDialect } from './analysisSql.js';
export { answerRequests, indicatorColumn, type AnswerContext, type Answer, type Column } from './answerRequests.js';
export { clickhouseAnalyze, clickhouseProvider, type ClickhouseAnalyzeOptions, type ClickhouseProviderOptions, type ClickhouseAnalysis } from './clickhouseAnalyze.js';
export { loadStudentTable, rowColumn } from './cluster/loadStudentTable.js';
export { duckdbColumns, type FetchedColumn } from './duckdbColumns.js';
export { analyzeInParallel, type EstimatorTask } from './parallelAnalysis.js';
