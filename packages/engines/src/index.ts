// @jiance/engines — core's summary requests answered where the data lives (Node only): embedded
// DuckDB over a CSV file, ClickHouse over a (distributed) table. Each engine is a provider for
// core's analyzeFrom; the estimators stay in core.

// The providers, and the whole analysis on each.
export { duckdbAnalyze, duckdbProvider, type DuckdbAnalyzeOptions, type DuckdbProviderOptions, type DuckdbAnalysis } from './duckdbAnalyze.js';
export {
  clickhouseAnalyze,
  clickhouseProvider,
  type ClickhouseAnalyzeOptions,
  type ClickhouseProviderOptions,
  type ClickhouseAnalysis,
} from './clickhouseAnalyze.js';
export { analyzeInParallel, parallelEstimate, type EstimatorTask } from './parallelAnalysis.js';

// Summary requests as SQL (shared by both engines), and the SQL dialects.
export { answerRequests, indicatorColumn, type AnswerContext, type Answer, type Column } from './answerRequests.js';
export { duckdbDialect, clickhouseDialect, indicatorSql, bmiCategoryExpression, measureSql, whiteSpace, type SqlDialect } from './analysisSql.js';
export { quoteIdentifier, quoteString, clickhouseTableName } from './sqlQuote.js';

// DuckDB: reading a CSV file.
export { csvLayout, csvEncoding, gb18030ToUtf8, rowNumberOf, type CsvLayout } from './csvLayout.js';
export { duckdbColumns, type FetchedColumn } from './duckdbColumns.js';

// ClickHouse: the HTTP client, loading a validated table, and a local cluster for tests and trials.
export {
  clickhouseRequest,
  clickhouseQuery,
  clickhouseColumns,
  type ClickhouseConnection,
  type ClickhouseResult,
  type ClickhouseColumns,
} from './clickhouseHttp.js';
export { loadStudentTable, rowColumn } from './cluster/loadStudentTable.js';
export { createShardedTable, type StudentColumn, type ShardedTableNames } from './cluster/shardedTable.js';
export {
  startLocalCluster,
  stopLocalCluster,
  stopShard,
  clickhouseServerPath,
  type LocalCluster,
  type LocalShard,
  type LocalClusterOptions,
} from './cluster/localCluster.js';

export * as messages from './messages.js';
