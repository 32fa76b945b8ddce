import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  JianceError,
  analyzeFrom,
  availableIndicators,
  indicatorValues,
  mergeDataQuality,
  messages as coreMessages,
  parseRoleCell,
  rawFromRows,
  roleSpec,
  stepTimer,
  studentTable,
  type StepTimer,
  tableSource,
  type AnalysisResults,
  type AnalyzeStudentsOptions,
  type ColumnMapping,
  type DataQuality,
  type HeaderMap,
  type IndicatorId,
  type IndicatorOptions,
  type RawCell,
  type RoleKind,
  type SourceInfo,
  type SummaryProvider,
  valueStatus,
} from '@jiance/core';
import { parallelEstimate } from './parallelAnalysis.js';
import { bmiCategoryColumn, bmiCategoryExpression, duckdbDialect, indicatorSql, whiteSpace, whiteSpacePattern, type SqlDialect } from './analysisSql.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvEncoding, csvLayout, gb18030ToUtf8, longLineBytes, readLines, rowNumberOf, splitLine, type CsvLayout } from './csvLayout.js';
import { duckdbFailed, duckdbLongLine, duckdbUnreadableCsv } from './messages.js';
import { answerRequests, indicatorColumn, type AnswerContext } from './answerRequests.js';
import { duckdbColumns, type FetchedColumn } from './duckdbColumns.js';

/** Options of {@link duckdbAnalyze}: the analyses' options and the reading options of `analyze`. */
export interface DuckdbAnalyzeOptions extends AnalyzeStudentsOptions {
  /** Header → role (as --map / jiance.json). */
  map?: HeaderMap;
  /** Plausible ranges overriding core's. */
  ranges?: Record<string, readonly [number, number]>;
  /** DuckDB threads (default: DuckDB's, all cores). */
  threads?: number;
  /** Where the time went (milliseconds per step), for benchmarks. */
  onTiming?: (step: string, ms: number) => void;
}

/** What {@link duckdbAnalyze} returns. */
export interface DuckdbAnalysis {
  results: AnalysisResults;
  mapping: ColumnMapping;
  /** Rows summarised by SQL, and rows read as text and summarised by core (the rest). */
  rows: { sql: number; core: number };
  /** Summary requests answered and the SQL summary queries that answered them. */
  summaries: { requests: number; queries: number };
  encoding: string;
  /**
   * The SQL of the summaries, for a DBA or a benchmark: `derive` turns typed role columns
   * (`{rows}`: a relation with r, ok and one column per role) into the typed table `t` with the
   * derived indicator columns; `summaries` are the GROUP BY and usage queries over `t`.
   */
  sql: { derive: string; summaries: string[] };
  /** Milliseconds per step (layout, read csv, distinct cells, …, summaries, estimators). */
  timings: Record<string, number>;
}

const rowRuleRoles = new Set(['county', 'school', 'year', 'grade', 'weight']);
/** Extra columns read beyond the header, to see surplus fields as core does. */
const surplusColumns = 4;

type Kind = RoleKind;
/** A role's column: how its typed value and its "canonical" test are written in SQL. */
interface RoleColumn {
  role: string;
  kind: Kind;
  raw: string;
  typed: string;
  /** Text stored as the ENUM `enumType` of these values (the code of a value is its index). */
  values?: string[];
  enumType?: string;
  /** True (or NULL-free SQL) where core reads the cell exactly as `typed` and finds no problem. */
  canonical: string;
}

const numberOf = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/**
 * The whole analysis pushed down to DuckDB (分析下推到 DuckDB), with the results of the
 * in-memory `analyzeStudents(studentTable(raw))` — numbers to rounding, everything else (usage
 * counts, exclusion reasons, data quality, findings, school lists, row numbers) exactly.
 *
 * How exactness is kept without re-implementing core's parsing in SQL — a split:
 * 1. The CSV is read once into a DuckDB table as text, with its record order (`rowid`).
 * 2. For every role column, its DISTINCT cell texts are read by core's own parsers (units such
 *    as "140cm", 四年级, missing-value codes, full-width digits, ranges): a row is *canonical*
 *    when every role cell is one that SQL reads to the same value (`TRY_CAST` equal to core's
 *    number, the parsed year/grade/sex/locale/flag mapped by a generated CASE, a text key that
 *    core keeps verbatim) and that raises no finding; and its (year, student id) occurs once.
 * 3. Canonical rows are typed once into a second table and summarised by GROUP BYs (one query
 *    per key list, every measure and design total as columns; indicators as SQL CASE over
 *    core's own cut-off tables). The few other rows are fetched with their record numbers and
 *    summarised by core (studentTable + tableSource), then merged: moments by Chan's formulas,
 *    design totals and usage counts added, groups ordered by their first row as one scan gives.
 * 4. The requests are those the analyses make (`analyzeFrom` records them); the estimators
 *    then run on the answers on two threads (analyzeInParallel).
 *
 * CSV only: UTF-8, or GB18030 (written as UTF-8 to a temporary file first, streamed; about
 * 5 s per GB). UTF-16, line breaks inside quoted cells and rows with more than four surplus
 * fields are refused with a message pointing to the default engine.
 *
 * @example
 * const { results } = await duckdbAnalyze('fixtures/province.csv', { rates: { targets: { vision_poor: '-1pp per year' } } });
 * results.dataQuality.rowsRead; // => 20052
 */
export async function duckdbAnalyze(path: string, options: DuckdbAnalyzeOptions = {}): Promise<DuckdbAnalysis> {
  // The analyses get their own options only (onTiming, a function, cannot cross to a worker thread).
  const { map: _map, ranges: _ranges, threads: _threads, onTiming: _onTiming, ...analyzeOptions } = options;
  const provider = duckdbProvider(path, options);
  const { results, info } = await analyzeFrom(provider, analyzeOptions);
  return { results, mapping: info.mapping, ...provider.report() };
}

/** Options of {@link duckdbProvider}: how the file's columns are read. */
export type DuckdbProviderOptions = Pick<DuckdbAnalyzeOptions, 'map' | 'ranges' | 'threads' | 'onTiming'>;

/**
 * The provider of a CSV file summarised in embedded DuckDB (DuckDB 汇总), for `analyzeFrom`:
 * `open` reads the file into DuckDB and types its canonical rows (steps 1–3 of
 * {@link duckdbAnalyze}), `answer` runs the summary queries (answerRequests), `estimate` runs
 * the estimators on two threads, `close` frees the database and any temporary file. `report()`
 * gives what the run did (rows by SQL and by core, queries, SQL, timings).
 *
 * @example
 * const provider = duckdbProvider('fixtures/county.csv');
 * const { results } = await analyzeFrom(provider, options);
 * provider.report().rows; // => { sql: 3257, core: 9 } (the rows with units, 缺考, duplicate ids… go to core)
 */
export function duckdbProvider(path: string, options: DuckdbProviderOptions = {}): SummaryProvider & { report(): Omit<DuckdbAnalysis, 'results' | 'mapping'> } {
  const step = stepTimer(options.onTiming);
  let tempDir: string | undefined;
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let opened: Opened | undefined;
  let report: Omit<DuckdbAnalysis, 'results' | 'mapping' | 'timings'> | undefined;
  return {
    async open(indicatorOptions) {
      // GB18030 (Excel on Chinese Windows) is written as UTF-8 beside the file for DuckDB, which reads UTF-8 only.
      const encoding = await csvEncoding(path);
      let readPath = path;
      if (encoding === 'gb18030') {
        tempDir = await mkdtemp(join(tmpdir(), 'jiance-duckdb-'));
        readPath = join(tempDir, 'utf8.csv');
        await gb18030ToUtf8(path, readPath);
        step('gb18030 to utf-8');
      }
      const layout = { ...(await csvLayout(readPath)), ...(encoding === 'gb18030' ? { encoding } : {}) };
      step('layout');
      instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
      connection = await instance.connect();
      opened = await openWith(connection, path, readPath, layout, options, indicatorOptions, step);
      return opened.info;
    },
    async answer({ requests }) {
      if (!opened) throw new RangeError('duckdbProvider: answer before open');
      step('recording');
      const { info, run } = opened;
      const summaries: string[] = [];
      let sqlMs = 0;
      const answers = await answerRequests({
        ...opened.context,
        requests: [...requests.values()],
        run: async (sql) => {
          summaries.push(sql);
          const started = performance.now();
          const out = await run(sql);
          sqlMs += performance.now() - started;
          return out;
        },
      });
      step('summaries (SQL + merge)');
      step.add('summaries: SQL and fetch', sqlMs);
      report = {
        rows: opened.rows,
        summaries: { requests: requests.size, queries: opened.queries() },
        encoding: opened.encoding,
        sql: { derive: opened.derive, summaries: summaries.filter((q) => !q.includes('LIMIT 10000')) },
      };
      return { info, summaries: answers };
    },
    estimate: parallelEstimate(() => step('estimators')),
    async close() {
      connection?.closeSync();
      instance?.closeSync();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
    report: () => {
      if (!report) throw new RangeError('duckdbProvider: report before answer');
      return { ...report, timings: step.timings };
    },
  };
}

/** What {@link openWith} leaves for answering: the source's facts and the answering context. */
interface Opened {
  info: SourceInfo;
  rows: DuckdbAnalysis['rows'];
  encoding: string;
  derive: string;
  /** Runs a summary query (numbers straight from DuckDB's vectors). */
  run: (sql: string) => Promise<Record<string, FetchedColumn>>;
  /** Queries run so far. */
  queries: () => number;
  context: Omit<AnswerContext, 'requests' | 'run'>;
}

async function openWith(
  connection: DuckDBConnection,
  path: string,
  readPath: string,
  layout: CsvLayout,
  options: DuckdbProviderOptions,
  indicatorOptions: IndicatorOptions,
  step: StepTimer,
): Promise<Opened> {
  const d: SqlDialect = duckdbDialect;
  let queries = 0;
  const failed = (error: unknown): JianceError => new JianceError(duckdbFailed(path, (error as Error).message.split('\n')[0]!), { cause: error });
  const run = async (sql: string): Promise<Record<string, unknown[]>> => {
    queries++;
    try {
      return (await connection.runAndReadAll(sql)).getColumnsObjectJS();
    } catch (error) {
      throw failed(error);
    }
  };
  // The summaries: numbers straight from DuckDB's vectors (NULL as NaN).
  const runColumns = async (sql: string): Promise<Record<string, FetchedColumn>> => {
    queries++;
    try {
      return await duckdbColumns(connection, sql);
    } catch (error) {
      throw failed(error);
    }
  };
  const width = layout.headers.length;
  const rawCol = (i: number): string => d.id(`c${i}`);
  const allColumns = Array.from({ length: width + surplusColumns }, (_, i) => `${d.string(`c${i}`)}: 'VARCHAR'`).join(', ');

  // 1. The file as text, in record order. DuckDB drops a line over its max_line_size (2 MiB) without
  // an error (a 50 MB line of the bad-input corpus was lost), and raising the limit reserves 16
  // times it up front: a file that may hold such a line is refused (the CLI then reads it in core).
  if (layout.longLine) throw new JianceError(duckdbLongLine(path, longLineBytes >> 10));
  try {
    await connection.run(
      `CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${d.string(readPath)}, auto_detect = false, header = false, skip = ${layout.skipLines}, ` +
        `delim = ${d.string(layout.delimiter)}, quote = '"', escape = '"', null_padding = true, columns = {${allColumns}})`,
    );
  } catch (error) {
    throw new JianceError(duckdbUnreadableCsv(path, (error as Error).message.split('\n')[0]!), { cause: error });
  }
  step('read csv');

  // The mapping as core makes it (roles from headers only).
  const probe = rawFromRows([], { file: baseName(path), format: 'csv', headers: layout.headers, rowNumbers: [] });
  const emptyData = studentTable(probe, { map: options.map ?? {}, ranges: options.ranges ?? {}, allowEmpty: true });
  const mapping = emptyData.mapping;

  // 2. Distinct cells of every role column (one query), read by core.
  const roleList = Object.entries(mapping.roles).map(([role, index]) => ({ role, index, spec: roleSpec(role)!, kind: roleSpec(role)!.kind }));
  const studentRaw = roleList.filter((r) => r.kind === 'id').map((r) => rawCol(r.index))[0];
  const valueRoles = roleList.filter((r) => r.kind !== 'id');
  const isNumeric = (kind: Kind): boolean => kind === 'weight' || kind === 'number';
  const distinct = valueRoles.length
    ? await run(
        valueRoles
          .map(
            ({ index, kind }, j) =>
              `SELECT ${j} AS j, ${rawCol(index)} AS v, CAST(count(*) AS DOUBLE) AS n, ${isNumeric(kind) ? d.tryDouble(rawCol(index)) : 'CAST(NULL AS DOUBLE)'} AS x FROM raw GROUP BY ${rawCol(index)}`,
          )
          .join(' UNION ALL '),
      )
    : { j: [], v: [], n: [], x: [] };
  const cellsOf = valueRoles.map(() => [] as number[]);
  distinct.j!.forEach((j, i) => cellsOf[numberOf(j)]!.push(i));
  const roles: RoleColumn[] = [];
  const nonEmpty = new Array<number>(width).fill(0);
  const measured = new Set<number>();
  valueRoles.forEach(({ role, index, spec, kind }, j) => {
    measured.add(index);
    const raw = rawCol(index);
    const range = options.ranges?.[role] ?? spec.range;
    const numeric = isNumeric(kind);
    const bad: string[] = [];
    let nullOk = false;
    const mapped: { raw: string; value: string | number }[] = [];
    for (const i of cellsOf[j]!) {
      const cell = distinct.v![i] as string | null;
      const n = numberOf(distinct.n![i]);
      if (cell !== null && cell.trim() !== '') nonEmpty[index]! += n;
      // Core's own reading of the cell (a weight in [10⁻¹², 10¹²], a number in its range…).
      const p = parseRoleCell(kind, cell, { units: spec.units, range });
      const missingOk = p.status === valueStatus.missing && !rowRuleRoles.has(role);
      const parsedOk = p.status === valueStatus.ok;
      let ok: boolean;
      if (numeric) ok = (parsedOk && p.value === distinct.x![i]) || (missingOk && (cell === null || cell === ''));
      else if (kind === 'text') ok = (parsedOk && p.value === cell) || (missingOk && cell === null);
      else {
        ok = parsedOk || missingOk;
        if (parsedOk && cell !== null) mapped.push({ raw: cell, value: p.value! });
      }
      if (cell === null) nullOk = ok;
      else if (!ok) bad.push(cell);
    }
    let typed: string;
    // Text as an ENUM of its distinct values: GROUP BY compares integers, and labels can cross as codes.
    let values: string[] | undefined;
    if (numeric) typed = d.tryDouble(raw);
    else if (kind === 'text') {
      values = cellsOf[j]!.map((i) => distinct.v![i] as string | null).filter((v): v is string => v !== null);
      typed = `CAST(${raw} AS ${d.id(`e_${j}`)})`;
    } else if (mapped.length === 0) typed = kind === 'sex' || kind === 'locale' ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS INTEGER)';
    else {
      const literal = (v: string | number): string => (typeof v === 'number' ? `CAST(${v} AS INTEGER)` : d.string(v));
      typed = `CASE ${raw} ${mapped.map((m) => `WHEN ${d.string(m.raw)} THEN ${literal(m.value)}`).join(' ')} END`;
      if (kind === 'sex' || kind === 'locale') {
        values = [...new Set(mapped.map((m) => String(m.value)))];
        typed = `CAST(${typed} AS ${d.id(`e_${j}`)})`;
      }
    }
    const notBad = bad.length ? `${raw} NOT IN (${bad.map(d.string).join(', ')})` : 'TRUE';
    const canonical = `(CASE WHEN ${raw} IS NULL THEN ${nullOk ? 'TRUE' : 'FALSE'} ELSE ${notBad} END)`;
    roles.push({ role, kind, raw, typed, canonical, ...(values ? { values, enumType: `e_${j}` } : {}) });
  });
  // Non-empty cells of the other columns (what `analyze` lists for ignored columns).
  const others = layout.headers.map((_, i) => i).filter((i) => !measured.has(i));
  if (others.length) {
    const counts = await run(
      // Blank = only white space (JavaScript's trim); the deletion runs only on cells that have white space.
      `SELECT ${others
        .map(
          (i) =>
            `count(*) FILTER (WHERE CASE WHEN ${rawCol(i)} IS NULL THEN FALSE WHEN NOT ${d.matches(rawCol(i), whiteSpacePattern)} THEN TRUE ELSE ${d.deleteChars(rawCol(i), whiteSpace)} <> '' END) AS n${i}`,
        )
        .join(', ')} FROM raw`,
    );
    for (const i of others) nonEmpty[i] = numberOf(counts[`n${i}`]![0]);
  }
  step('distinct cells');

  // Duplicate (year, student id) keys: every row of such a key goes to core, which keeps the
  // first. Keys are hashed (a collision only sends a few more rows to core). Ids with white
  // space (which core trims and collapses) go to core too, with every row whose id equals one
  // of them without its white space.
  const year = roles.find((r) => r.role === 'year');
  const yearKey = year ? year.typed : 'CAST(NULL AS INTEGER)';
  const studentConditions: string[] = [];
  let duplicates = false;
  if (studentRaw) {
    const spaced = d.matches(studentRaw, whiteSpacePattern);
    await connection.run(
      `CREATE TEMP TABLE dupkeys AS SELECT y, h FROM (SELECT ${yearKey} AS y, hash(${studentRaw}) AS h FROM raw WHERE ${studentRaw} IS NOT NULL) GROUP BY y, h HAVING count(*) > 1`,
    );
    const odd = await run(`SELECT DISTINCT ${d.deleteChars(studentRaw, whiteSpace)} AS k FROM raw WHERE ${spaced}`);
    queries += 2;
    // Most files have no repeated key: then the typed table needs no join with them.
    duplicates = numberOf((await run('SELECT count(*) AS n FROM dupkeys')).n![0]) > 0;
    if (duplicates) studentConditions.push('dupkeys.h IS NULL');
    const oddKeys = (odd.k ?? []).map(String).filter((k) => k !== '');
    if (odd.k?.length) studentConditions.push(`(${studentRaw} IS NULL OR NOT ${spaced})`);
    if (oddKeys.length) studentConditions.push(`(${studentRaw} IS NULL OR ${studentRaw} NOT IN (${oddKeys.map(d.string).join(', ')}))`);
    step('duplicate ids');
  }

  // 3. Canonical rows typed once.
  const surplus = Array.from({ length: surplusColumns }, (_, e) => `${rawCol(width + e)} IS NULL`);
  const canonical = [...roles.map((r) => r.canonical), ...surplus, ...studentConditions].join(' AND ');
  // With every indicator the columns give, derived once here rather than in every GROUP BY.
  const indicatorFields = new Map<IndicatorId, string[]>(
    availableIndicators(emptyData, indicatorOptions).map((id) => [id, indicatorValues(emptyData, id, indicatorOptions).fields]),
  );
  const bmi = [...indicatorFields.keys()].some((id) => ['overweight', 'obese', 'overweight_obese', 'thin'].includes(id));
  const typedRows =
    `SELECT CAST(raw.rowid AS INTEGER) AS r, coalesce(${canonical}, FALSE) AS ok, ${roles.map((r) => `${r.typed} AS ${d.id(r.role)}`).join(', ')} FROM raw` +
    (duplicates ? ` LEFT JOIN dupkeys ON dupkeys.y IS NOT DISTINCT FROM ${yearKey} AND dupkeys.h = hash(${studentRaw})` : '');
  const derived = [...indicatorFields].map(([id, fields]) => `, ${indicatorSql(d, id, fields, indicatorOptions)} AS ${d.id(indicatorColumn(id))}`).join('');
  const derive = `SELECT *${derived} FROM (${bmi ? `SELECT *, ${bmiCategoryExpression(d)} AS ${d.id(bmiCategoryColumn)} FROM ({rows})` : '{rows}'})`;
  for (const r of roles) if (r.values) await connection.run(`CREATE TYPE ${d.id(r.enumType!)} AS ENUM (${r.values.map(d.string).join(', ')})`);
  await connection.run(`CREATE TEMP TABLE t AS ${derive.replace('{rows}', typedRows)}`);
  queries++;
  step('typed table');

  // The other rows, as core reads them.
  const rest = await run(`SELECT rowid AS r, * FROM raw WHERE rowid IN (SELECT r FROM t WHERE NOT ok) ORDER BY rowid`);
  await connection.run('DROP TABLE raw');
  const restRows = (rest.r ?? []).map(numberOf);
  const records: RawCell[][] = restRows.map((_, k) => Array.from({ length: width + surplusColumns }, (_, i) => (rest[`c${i}`]![k] as string | null) ?? null));
  // Records with surplus fields: core reports their exact field count, which padding hides; read those lines again.
  const surplusAt = restRows.flatMap((_r, k) => (records[k]!.slice(width).some((c) => c !== null) ? [k] : []));
  if (surplusAt.length) {
    const lines = await readLines(
      readPath,
      surplusAt.map((k) => rowNumberOf(layout, restRows[k]!) - 1),
    );
    for (const k of surplusAt) records[k] = splitLine(lines.get(rowNumberOf(layout, restRows[k]!) - 1) ?? '', layout.delimiter);
  }
  const subsetRaw = rawFromRows(records, {
    file: baseName(path),
    format: 'csv',
    encoding: layout.encoding,
    headers: layout.headers,
    rowNumbers: restRows.map((r) => rowNumberOf(layout, r)),
  });
  const subset = studentTable(subsetRaw, { map: options.map ?? {}, ranges: options.ranges ?? {}, allowEmpty: true });
  step('other rows (core)');

  // Counts of the canonical rows: rows, and blank cells per role.
  const typedRoles = roles.map((r) => r.role);
  const counts = await run(`SELECT count(*) AS n, ${typedRoles.map((r, i) => `count(*) - count(${d.id(r)}) AS b${i}`).join(', ')} FROM t WHERE ok`);
  const sqlRows = numberOf(counts.n![0]);
  const blankValues: Record<string, number> = {};
  typedRoles.forEach((r, i) => {
    const b = numberOf(counts[`b${i}`]![0]);
    if (b) blankValues[r] = b;
  });
  const sqlQuality: DataQuality = {
    rowsRead: sqlRows,
    blankRows: 0,
    rowsExcluded: 0,
    excludedRows: [],
    rowsKept: sqlRows,
    invalidValues: [],
    blankValues,
    weighted: subset.quality.weighted,
  };
  const quality = mergeDataQuality(subset.quality, sqlQuality, subset.mapping);
  quality.blankRows += layout.headerIndex + layout.emptyLines.length;
  if (quality.rowsRead === 0) throw new JianceError(coreMessages.noDataRows(baseName(path), width));
  if (quality.rowsKept === 0) throw new JianceError(coreMessages.noUsableRows(baseName(path), quality.rowsRead));
  const fullMapping: ColumnMapping = { ...subset.mapping, columns: subset.mapping.columns.map((c) => ({ ...c, nonEmpty: nonEmpty[c.index]! })) };
  const info: SourceInfo = { ...tableSource(subset, indicatorOptions).info, mapping: fullMapping, quality };

  return {
    info,
    rows: { sql: sqlRows, core: restRows.length },
    encoding: layout.encoding,
    derive,
    run: runColumns,
    queries: () => queries,
    context: {
      dialect: d,
      subset,
      indicatorOptions,
      indicatorFields,
      columns: typedRoles,
      keyCodes: new Map(roles.filter((r) => r.values).map((r) => [r.role, { code: `CAST(enum_code(${d.id(r.role)}) AS INTEGER)`, labels: r.values! }])),
      relation: '(SELECT * FROM t WHERE ok)',
      row: 'r',
      rowNumber: (r) => rowNumberOf(layout, r),
    },
  };
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
