import {
  JianceError,
  analyzeFrom,
  availableIndicators,
  indicatorValues,
  mergeUsage,
  rawFromRows,
  requestKey,
  roleSpec,
  stepTimer,
  studentTable,
  type StepTimer,
  tableSource,
  type AnalysisResults,
  type AnalysisUsage,
  type AnalyzeStudentsOptions,
  type ColumnMapping,
  type DataQuality,
  type HeaderMap,
  type IndicatorId,
  type IndicatorOptions,
  type SourceInfo,
  type SummaryProvider,
  maxWeight,
  minWeight,
} from '@jiance/core';
import { parallelEstimate } from './parallelAnalysis.js';
import { bmiCategoryColumn, bmiCategoryExpression, clickhouseDialect, indicatorSql } from './analysisSql.js';
import { answerRequests, indicatorColumn, type AnswerContext } from './answerRequests.js';
import { clickhouseColumns, type ClickhouseConnection } from './clickhouseHttp.js';
import { loadReportTable, rowColumn as defaultRowColumn, statusColumn, type LoadReport } from './cluster/loadStudentTable.js';
import { clickhouseColumnType, clickhouseLoadMismatch, clickhouseNoRowColumn, clickhouseUncheckedRows } from './messages.js';
import { clickhouseTableName, quoteIdentifier } from './sqlQuote.js';

/** Options of {@link clickhouseAnalyze}: the analyses' options and how the table maps to roles. */
export interface ClickhouseAnalyzeOptions extends AnalyzeStudentsOptions {
  /** Column → role, for columns whose names core does not recognise (as --map / jiance.json). */
  map?: HeaderMap;
  /** Plausible ranges overriding core's, as the load used them (the check applies them). */
  ranges?: Record<string, readonly [number, number]>;
  /** Integer column numbering the rows (default `__row`, as loadStudentTable writes). */
  rowColumn?: string;
  /**
   * What core found when the table was loaded (`data.mapping`, `data.quality` of the
   * `studentTable` loaded): the report then lists the file's columns, the rows excluded at load
   * and the values set to NULL. Default: the report loadStudentTable keeps beside the table
   * (`<table>__load`); without either, the data-quality section describes the table itself
   * (rows, blank values per role).
   */
  loaded?: LoadReport;
  /** Milliseconds per step, for benchmarks. */
  onTiming?: (step: string, ms: number) => void;
}

/** What {@link clickhouseAnalyze} returns. */
export interface ClickhouseAnalysis {
  results: AnalysisResults;
  mapping: ColumnMapping;
  /** Summary requests answered and the queries that answered them (checks included). */
  summaries: { requests: number; queries: number };
  /** The queries sent, in order (with the WITH clause that defines the indicators). */
  sql: string[];
  timings: Record<string, number>;
}

/** ClickHouse types a role's kind accepts. */
const numericType = /^(Nullable\()?(Float(32|64)|U?Int(8|16|32|64)|Decimal)/;
const stringType = /^(Nullable\()?(LowCardinality\()?(String|FixedString)/;

const typeOk = (kind: string, type: string): boolean => (['text', 'sex', 'locale', 'id'].includes(kind) ? stringType.test(type) : numericType.test(type));

/**
 * The whole analysis over a ClickHouse table (分析下推到 ClickHouse 集群): the heavy scans run
 * in the cluster — on a `Distributed` table each shard aggregates its own rows and only
 * partial sums cross the network — and core's estimators run here on the summaries, so the
 * results equal the in-memory `analyzeStudents` of the data the table was loaded from
 * (numbers to rounding, tested on a local two-shard cluster).
 *
 * The table holds rows as core's `studentTable` keeps them: one column per role (named by the
 * role or any header core recognises, or mapped with `map`), typed (numbers numeric, text
 * String), invalid and out-of-range values NULL, plus a record number (`__row`).
 * `loadStudentTable` writes such a table. One check query verifies the contract first (blank
 * county or school, year/grade/weight core would reject, values outside core's plausible
 * ranges, unknown sex or locale codes) and refuses a table that breaks it, naming the column
 * and the count, rather than give results that are not Jiance's.
 *
 * Queries: DESCRIBE, the check, a centre probe (≤ 10,000 rows), one GROUP BY per key list of
 * the analyses (every measure and design total as columns; indicators as SQL over core's own
 * cut-off tables, in a WITH clause) and one query for all usage counts. Each has the
 * connection's time limit.
 *
 * @example
 * await loadStudentTable(shards, 'jiance', data); // once: core's checks, then the rows and the load's report
 * const { results } = await clickhouseAnalyze({ url: 'http://10.0.0.5:8123', user: 'jiance', password }, 'students');
 * results.betweenSchool[0].counties[0].reml; // as analyzeStudents(data)
 */
export async function clickhouseAnalyze(connection: ClickhouseConnection, table: string, options: ClickhouseAnalyzeOptions = {}): Promise<ClickhouseAnalysis> {
  // The analyses get their own options only (onTiming, a function, cannot cross to a worker thread).
  const { map: _map, ranges: _ranges, rowColumn: _rowColumn, loaded: _loaded, onTiming: _onTiming, ...analyzeOptions } = options;
  const provider = clickhouseProvider(connection, table, options);
  const { results, info } = await analyzeFrom(provider, analyzeOptions);
  return { results, mapping: info.mapping, ...provider.report() };
}

/** Options of {@link clickhouseProvider}: how the table maps to roles, and what its load found. */
export type ClickhouseProviderOptions = Pick<ClickhouseAnalyzeOptions, 'map' | 'ranges' | 'rowColumn' | 'loaded' | 'onTiming'>;

/**
 * The provider of a ClickHouse table (ClickHouse 集群汇总), for `analyzeFrom`: `open` describes
 * the table, checks its contract and reads the load's report; `answer` runs the summary queries
 * on the cluster (answerRequests) and adds the rows excluded at load to every usage; `estimate`
 * runs the estimators on two threads. `report()` gives the queries sent and the timings.
 *
 * @example
 * const provider = clickhouseProvider({ url: 'http://127.0.0.1:8123' }, 'students');
 * const { results } = await analyzeFrom(provider, options); // = clickhouseAnalyze(connection, 'students', options)
 */
export function clickhouseProvider(
  connection: ClickhouseConnection,
  table: string,
  options: ClickhouseProviderOptions = {},
): SummaryProvider & { report(): Omit<ClickhouseAnalysis, 'results' | 'mapping'> } {
  const step = stepTimer(options.onTiming);
  // Generated queries (the WS/T cut-off tables as CASE, expanded wherever an indicator is used) exceed ClickHouse's default query and AST sizes.
  const conn: ClickhouseConnection = {
    ...connection,
    settings: { max_query_size: 1 << 24, max_ast_elements: 1 << 24, max_expanded_ast_elements: 1 << 24, ...connection.settings },
  };
  const sent: string[] = [];
  const run = async (sql: string): Promise<Record<string, unknown[]>> => {
    sent.push(sql);
    return (await clickhouseColumns(conn, sql, { table })).columns;
  };
  let opened: Awaited<ReturnType<typeof openTable>> | undefined;
  let requestCount = 0;
  return {
    async open(indicatorOptions) {
      opened = await openTable(run, table, options, indicatorOptions, step);
      return opened.info;
    },
    async answer({ requests }) {
      if (!opened) throw new RangeError('clickhouseProvider: answer before open');
      step('recording');
      requestCount = requests.size;
      const { info, context, excludedAtLoad } = opened;
      const list = [...requests.values()];
      const answers = await answerRequests({ ...context, run, requests: list });
      // Rows excluded at load (blank county, duplicate ids…) count as read and not used by every analysis, as in core.
      if (excludedAtLoad.length) {
        const atLoad: AnalysisUsage = {
          analysis: '',
          rowsRead: info.quality.rowsRead - info.quality.rowsKept,
          rowsUsed: 0,
          excluded: excludedAtLoad.map((e) => (e.field === undefined ? { rule: e.rule, count: e.count } : { rule: e.rule, field: e.field, count: e.count })),
        };
        for (const r of list) {
          if (r.kind !== 'usage') continue;
          const key = requestKey(r);
          answers.set(key, mergeUsage(atLoad, answers.get(key) as AnalysisUsage, info.mapping));
        }
      }
      step('summaries');
      return { info, summaries: answers };
    },
    estimate: parallelEstimate(() => step('estimators')),
    report: () => ({ summaries: { requests: requestCount, queries: sent.length }, sql: sent, timings: step.timings }),
  };
}

/** Describes and checks the table, and reads the load's report: the source's facts and the answering context. */
async function openTable(
  run: (sql: string) => Promise<Record<string, unknown[]>>,
  table: string,
  options: ClickhouseProviderOptions,
  indicatorOptions: IndicatorOptions,
  step: StepTimer,
): Promise<{ info: SourceInfo; context: Omit<AnswerContext, 'requests' | 'run'>; excludedAtLoad: DataQuality['excludedRows'] }> {
  const name = clickhouseTableName(table);
  const where = `ClickHouse table ${table}`;

  // Columns, and the roles core finds in them.
  const described = await run(`DESCRIBE TABLE ${name}`);
  const names = (described.name ?? []).map(String);
  const types = new Map(names.map((n, i) => [n, String(described.type![i])]));
  const rowColumn = options.rowColumn ?? defaultRowColumn;
  if (!types.has(rowColumn) || !numericType.test(types.get(rowColumn)!)) throw new JianceError(clickhouseNoRowColumn(table, rowColumn, names));
  const isStatus = (n: string): boolean => n.startsWith(statusColumn(''));
  const headers = names.filter((n) => n !== rowColumn && !isStatus(n));
  const probe = rawFromRows([], { file: where, format: 'csv', headers, rowNumbers: [] });
  const empty = studentTable(probe, { map: options.map ?? {}, allowEmpty: true });
  const columnOf: Record<string, string> = {};
  for (const [role, index] of Object.entries(empty.mapping.roles)) {
    const kind = roleSpec(role)!.kind;
    if (kind === 'id') continue; // student ids are checked at load, never analysed
    const column = headers[index]!;
    const type = types.get(column)!;
    if (!typeOk(kind, type))
      throw new JianceError(
        clickhouseColumnType(table, column, role, type, ['text', 'sex', 'locale'].includes(kind) ? 'String' : 'a numeric type (Float64, Int32, …)'),
      );
    columnOf[role] = column;
  }
  const roles = Object.keys(columnOf);
  const d = clickhouseDialect(columnOf);
  step('describe');

  // The contract, checked in one scan: what studentTable would have excluded or set to NULL.
  const checks: { column: string; en: string; zh: string; sql: string }[] = [];
  for (const role of roles) {
    const s = roleSpec(role)!;
    const x = d.id(role);
    const column = columnOf[role]!;
    if (role === 'county' || role === 'school') checks.push({ column, en: 'a blank value', zh: '为空', sql: `${x} IS NULL OR match(${x}, '^\\\\s*$')` });
    else if (s.kind === 'year' || s.kind === 'grade') {
      const [lo, hi] = s.kind === 'year' ? [1990, 2100] : [1, 12];
      checks.push({
        column,
        en: `a value that is blank, not whole or outside ${lo}–${hi}`,
        zh: `为空、非整数或不在 ${lo}–${hi} 之间`,
        sql: `${x} IS NULL OR ${x} != floor(${x}) OR ${x} < ${lo} OR ${x} > ${hi}`,
      });
    } else if (s.kind === 'weight')
      checks.push({
        column,
        en: `a blank weight, or one below ${minWeight} or above ${maxWeight}`,
        zh: `权重为空、小于 ${minWeight} 或大于 ${maxWeight}`,
        sql: `${x} IS NULL OR NOT (${x} >= ${minWeight} AND ${x} <= ${maxWeight})`,
      });
    else if (s.kind === 'number') {
      const range = options.ranges?.[role] ?? s.range;
      const outside = range ? ` OR ${x} < ${d.double(range[0])} OR ${x} > ${d.double(range[1])}` : '';
      checks.push({
        column,
        en: range ? `a value outside ${range[0]}–${range[1]}` : 'a value that is not finite',
        zh: range ? `超出合理范围 ${range[0]}–${range[1]}` : '不是有限数',
        sql: `${x} IS NOT NULL AND (NOT isFinite(${x})${outside})`,
      });
    } else if (s.kind === 'flag')
      checks.push({ column, en: 'a code other than 0 or 1', zh: '取值不是 0 或 1', sql: `${x} IS NOT NULL AND ${x} NOT IN (0, 1)` });
    else if (s.kind === 'sex')
      checks.push({ column, en: "a code other than 'M' or 'F'", zh: "取值不是 'M' 或 'F'", sql: `${x} IS NOT NULL AND ${x} NOT IN ('M', 'F')` });
    else if (s.kind === 'locale')
      checks.push({
        column,
        en: 'a code other than 城区, 镇区 or 乡村',
        zh: '取值不是 城区、镇区 或 乡村',
        sql: `${x} IS NOT NULL AND ${x} NOT IN ('城区', '镇区', '乡村')`,
      });
    else if (s.kind === 'text')
      checks.push({
        column,
        en: 'a value with surrounding or repeated spaces, or empty',
        zh: '首尾或中间有多余空格，或为空串',
        sql: `${x} IS NOT NULL AND (${x} = '' OR match(${x}, '^\\\\s|\\\\s$|\\\\s\\\\s|[\\\\t\\\\n\\\\v\\\\f\\\\r]'))`,
      });
  }
  const counted = await run(
    `SELECT CAST(count() AS DOUBLE) AS n, ${[
      ...roles.map((role, i) => `CAST(count(${d.id(role)}) AS DOUBLE) AS v${i}`),
      ...checks.map((c, i) => `CAST(countIf(${c.sql}) AS DOUBLE) AS c${i}`),
    ].join(', ')} FROM ${name}`,
  );
  const problems = checks.flatMap((c, i) => {
    const count = Number(counted[`c${i}`]![0]);
    return count ? [{ column: c.column, count, en: c.en, zh: c.zh }] : [];
  });
  if (problems.length) throw new JianceError(clickhouseUncheckedRows(table, problems));
  const rows = Number(counted.n![0]);
  step('check');

  let loaded = options.loaded;
  const reportName = clickhouseTableName(loadReportTable(table));
  if (!loaded && Number((await run(`EXISTS TABLE ${reportName}`)).result?.[0]) === 1) {
    const kept = await run(`SELECT report FROM ${reportName}`);
    if (kept.report?.length === 1) loaded = JSON.parse(String(kept.report[0])) as LoadReport;
  }

  // What the analyses know of the data: the load's report, or the table's own counts.
  const blankValues: Record<string, number> = {};
  roles.forEach((role, i) => {
    const blank = rows - Number(counted[`v${i}`]![0]);
    if (blank) blankValues[role] = blank;
  });
  if (loaded && loaded.quality.rowsKept !== rows) throw new JianceError(clickhouseLoadMismatch(table, rows, loaded.quality.rowsKept));
  const quality: DataQuality = loaded?.quality ?? {
    rowsRead: rows,
    blankRows: 0,
    rowsExcluded: 0,
    excludedRows: [],
    rowsKept: rows,
    invalidValues: [],
    blankValues,
    weighted: columnOf.weight !== undefined,
  };
  const mapping: ColumnMapping = loaded?.mapping ?? {
    ...empty.mapping,
    columns: empty.mapping.columns.map((c) => ({ ...c, nonEmpty: c.role && columnOf[c.role] ? rows - (blankValues[c.role] ?? 0) : 0 })),
  };
  const info: SourceInfo = { ...tableSource(empty, indicatorOptions).info, mapping, quality };
  if (rows === 0)
    throw new JianceError({
      code: 'engine-empty-table',
      en: `ClickHouse table ${table} has no rows.`,
      zh: `ClickHouse 表 ${table} 没有数据行。`,
      details: { table },
    });

  // Indicators as WITH aliases: each shard computes them while it aggregates.
  const indicatorFields = new Map<IndicatorId, string[]>(
    availableIndicators(empty, indicatorOptions).map((id) => [id, indicatorValues(empty, id, indicatorOptions).fields]),
  );
  const bmi = [...indicatorFields.keys()].some((id) => ['overweight', 'obese', 'overweight_obese', 'thin'].includes(id));
  const definitions = [
    ...(bmi ? [`(${bmiCategoryExpression(d)}) AS ${d.id(bmiCategoryColumn)}`] : []),
    ...[...indicatorFields].map(([id, fields]) => `(${indicatorSql(d, id, fields, indicatorOptions)}) AS ${d.id(indicatorColumn(id))}`),
  ];

  return {
    info,
    excludedAtLoad: loaded?.quality.excludedRows ?? [],
    context: {
      dialect: d,
      subset: empty,
      indicatorOptions,
      indicatorFields,
      columns: roles,
      relation: name,
      row: quoteIdentifier(rowColumn),
      rowNumber: (r) => r,
      ...(definitions.length ? { prefix: `WITH ${definitions.join(', ')}` } : {}),
      statusColumn: (role) => (types.has(statusColumn(role)) ? quoteIdentifier(statusColumn(role)) : undefined),
    },
  };
}
