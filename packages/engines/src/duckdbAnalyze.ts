import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  JianceError,
  analyzeStudents,
  availableIndicators,
  groupedMoments,
  indicatorValues,
  mergeDataQuality,
  mergeUsage,
  messages as coreMessages,
  parseFlagCell,
  parseGradeCell,
  parseLocaleCell,
  parseNumberCell,
  parseSexCell,
  parseTextCell,
  parseYearCell,
  rawFromRows,
  recordingSource,
  requestKey,
  roleSpec,
  studentTable,
  summarySource,
  tableSource,
  type AnalysisResults,
  type AnalysisUsage,
  type AnalyzeStudentsOptions,
  type ColumnMapping,
  type DataQuality,
  type DesignEntries,
  type DesignEntry,
  type EntriesRequest,
  type GroupedMoments,
  type HeaderMap,
  type IndicatorId,
  type IndicatorOptions,
  type KeyLabel,
  type Measure,
  type MomentsRequest,
  type RawCell,
  type SourceInfo,
  type StudentData,
  type SummaryRequest,
  type UsageRequest,
} from '@jiance/core';
import { bmiCategoryColumn, bmiCategoryExpression, duckdbDialect, indicatorSql, measureSql, whiteSpace, whiteSpacePattern, type SqlDialect } from './analysisSql.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvEncoding, csvLayout, gb18030ToUtf8, readLines, rowNumberOf, splitLine, type CsvLayout } from './csvLayout.js';
import { duckdbFailed, duckdbUnreadableCsv } from './messages.js';

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

type Kind = 'text' | 'id' | 'year' | 'grade' | 'sex' | 'locale' | 'weight' | 'number' | 'flag';
interface Parsed {
  status: 'ok' | 'missing' | 'invalid';
  value?: string | number;
}

/** One cell read by core's own parser for its role kind (as studentTable's parseColumn). */
function parseRaw(kind: Kind, cell: string | null, units: readonly string[] | undefined, range: readonly [number, number] | undefined): Parsed {
  const wrap = (v: string | number | 'missing' | 'invalid'): Parsed => (v === 'missing' || v === 'invalid' ? { status: v } : { status: 'ok', value: v });
  switch (kind) {
    case 'text':
    case 'id':
      return wrap(parseTextCell(cell));
    case 'year':
      return wrap(parseYearCell(cell));
    case 'grade':
      return wrap(parseGradeCell(cell));
    case 'sex':
      return wrap(parseSexCell(cell));
    case 'locale':
      return wrap(parseLocaleCell(cell));
    case 'flag':
      return wrap(parseFlagCell(cell));
    case 'weight': {
      const v = parseNumberCell(cell);
      return typeof v === 'number' && !(v > 0) ? { status: 'invalid' } : wrap(v);
    }
    case 'number': {
      const v = parseNumberCell(cell, units);
      if (typeof v === 'number' && range && (v < range[0] || v > range[1])) return { status: 'invalid' };
      return wrap(v);
    }
  }
}

/** A role's column: how its typed value and its "canonical" test are written in SQL. */
interface RoleColumn {
  role: string;
  kind: Kind;
  raw: string;
  typed: string;
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
 * 4. The requests are those a recording source lists for `analyzeStudents(options)`; the
 *    analyses then run on `summarySource(info, answers)`.
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
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const step = Object.assign(
    (name: string): void => {
      const t = performance.now();
      timings[name] = t - t0;
      options.onTiming?.(name, t - t0);
      t0 = t;
    },
    { add: (name: string, ms: number): void => void (timings[name] = ms) },
  );
  // GB18030 (Excel on Chinese Windows) is written as UTF-8 beside the file for DuckDB, which reads UTF-8 only.
  const encoding = await csvEncoding(path);
  let readPath = path;
  let tempDir: string | undefined;
  if (encoding === 'gb18030') {
    tempDir = await mkdtemp(join(tmpdir(), 'jiance-duckdb-'));
    readPath = join(tempDir, 'utf8.csv');
    await gb18030ToUtf8(path, readPath);
    step('gb18030 to utf-8');
  }
  const layout = { ...(await csvLayout(readPath)), ...(encoding === 'gb18030' ? { encoding } : {}) };
  step('layout');
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const connection = await instance.connect();
  try {
    return { ...(await analyzeWith(connection, path, readPath, layout, options, step)), timings };
  } finally {
    connection.closeSync();
    instance.closeSync();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

async function analyzeWith(
  connection: DuckDBConnection,
  path: string,
  readPath: string,
  layout: CsvLayout,
  options: DuckdbAnalyzeOptions,
  step: ((name: string) => void) & { add(name: string, ms: number): void },
): Promise<Omit<DuckdbAnalysis, 'timings'>> {
  const d: SqlDialect = duckdbDialect;
  let queries = 0;
  const run = async (sql: string): Promise<Record<string, unknown[]>> => {
    queries++;
    try {
      return (await connection.runAndReadAll(sql)).getColumnsObjectJS() as Record<string, unknown[]>;
    } catch (error) {
      throw new JianceError(duckdbFailed(path, (error as Error).message.split('\n')[0]!), { cause: error });
    }
  };
  const width = layout.headers.length;
  const rawCol = (i: number): string => d.id(`c${i}`);
  const allColumns = Array.from({ length: width + surplusColumns }, (_, i) => `${d.string(`c${i}`)}: 'VARCHAR'`).join(', ');

  // 1. The file as text, in record order.
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
  const roleList = Object.entries(mapping.roles).map(([role, index]) => ({ role, index, spec: roleSpec(role)!, kind: roleSpec(role)!.kind as Kind }));
  const studentRaw = roleList.filter((r) => r.kind === 'id').map((r) => rawCol(r.index))[0];
  const valueRoles = roleList.filter((r) => r.kind !== 'id');
  const isNumeric = (kind: Kind): boolean => kind === 'weight' || kind === 'number';
  const distinct = valueRoles.length
    ? await run(
        valueRoles
          .map(({ index, kind }, j) => `SELECT ${j} AS j, ${rawCol(index)} AS v, CAST(count(*) AS DOUBLE) AS n, ${isNumeric(kind) ? d.tryDouble(rawCol(index)) : 'CAST(NULL AS DOUBLE)'} AS x FROM raw GROUP BY ${rawCol(index)}`)
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
      const p = parseRaw(kind, cell, spec.units, range);
      const missingOk = p.status === 'missing' && !rowRuleRoles.has(role);
      let ok: boolean;
      if (numeric) ok = (p.status === 'ok' && p.value === distinct.x![i]) || (missingOk && (cell === null || cell === ''));
      else if (kind === 'text') ok = (p.status === 'ok' && p.value === cell) || (missingOk && cell === null);
      else {
        ok = p.status === 'ok' || missingOk;
        if (p.status === 'ok' && cell !== null) mapped.push({ raw: cell, value: p.value! });
      }
      if (cell === null) nullOk = ok;
      else if (!ok) bad.push(cell);
    }
    let typed: string;
    if (numeric) typed = d.tryDouble(raw);
    else if (kind === 'text') typed = raw;
    else if (mapped.length === 0) typed = kind === 'sex' || kind === 'locale' ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS INTEGER)';
    else {
      const literal = (v: string | number): string => (typeof v === 'number' ? `CAST(${v} AS INTEGER)` : d.string(v));
      typed = `CASE ${raw} ${mapped.map((m) => `WHEN ${d.string(m.raw)} THEN ${literal(m.value)}`).join(' ')} END`;
    }
    const notBad = bad.length ? `${raw} NOT IN (${bad.map(d.string).join(', ')})` : 'TRUE';
    const canonical = `(CASE WHEN ${raw} IS NULL THEN ${nullOk ? 'TRUE' : 'FALSE'} ELSE ${notBad} END)`;
    roles.push({ role, kind, raw, typed, canonical });
  });
  // Non-empty cells of the other columns (what `analyze` lists for ignored columns).
  const others = layout.headers.map((_, i) => i).filter((i) => !measured.has(i));
  if (others.length) {
    const counts = await run(
      // Blank = only white space (JavaScript's trim); the deletion runs only on cells that have white space.
      `SELECT ${others
        .map((i) => `count(*) FILTER (WHERE CASE WHEN ${rawCol(i)} IS NULL THEN FALSE WHEN NOT ${d.matches(rawCol(i), whiteSpacePattern)} THEN TRUE ELSE ${d.deleteChars(rawCol(i), whiteSpace)} <> '' END) AS n${i}`)
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
  if (studentRaw) {
    const spaced = d.matches(studentRaw, whiteSpacePattern);
    await connection.run(
      `CREATE TEMP TABLE dupkeys AS SELECT y, h FROM (SELECT ${yearKey} AS y, hash(${studentRaw}) AS h FROM raw WHERE ${studentRaw} IS NOT NULL) GROUP BY y, h HAVING count(*) > 1`,
    );
    const odd = await run(`SELECT DISTINCT ${d.deleteChars(studentRaw, whiteSpace)} AS k FROM raw WHERE ${spaced}`);
    queries += 2;
    studentConditions.push('dupkeys.h IS NULL');
    const oddKeys = (odd.k ?? []).map(String).filter((k) => k !== '');
    if (odd.k?.length) studentConditions.push(`(${studentRaw} IS NULL OR NOT ${spaced})`);
    if (oddKeys.length) studentConditions.push(`(${studentRaw} IS NULL OR ${studentRaw} NOT IN (${oddKeys.map(d.string).join(', ')}))`);
    step('duplicate ids');
  }

  // 3. Canonical rows typed once.
  const surplus = Array.from({ length: surplusColumns }, (_, e) => `${rawCol(width + e)} IS NULL`);
  const canonical = [...roles.map((r) => r.canonical), ...surplus, ...studentConditions].join(' AND ');
  // With every indicator the columns give, derived once here rather than in every GROUP BY.
  const indicatorOptions: IndicatorOptions = options.rates ?? {};
  const indicatorFields = new Map<IndicatorId, string[]>(availableIndicators(emptyData, indicatorOptions).map((id) => [id, indicatorValues(emptyData, id, indicatorOptions).fields]));
  const bmi = [...indicatorFields.keys()].some((id) => ['overweight', 'obese', 'overweight_obese', 'thin'].includes(id));
  const typedRows =
    `SELECT CAST(raw.rowid AS INTEGER) AS r, coalesce(${canonical}, FALSE) AS ok, ${roles.map((r) => `${r.typed} AS ${d.id(r.role)}`).join(', ')} FROM raw` +
    (studentRaw ? ` LEFT JOIN dupkeys ON dupkeys.y IS NOT DISTINCT FROM ${yearKey} AND dupkeys.h = hash(${studentRaw})` : '');
  const derived = [...indicatorFields].map(([id, fields]) => `, ${indicatorSql(d, id, fields, indicatorOptions)} AS ${d.id(indicatorColumn(id))}`).join('');
  const derive = `SELECT *${derived} FROM (${bmi ? `SELECT *, ${bmiCategoryExpression(d)} AS ${d.id(bmiCategoryColumn)} FROM ({rows})` : '{rows}'})`;
  await connection.run(`CREATE TEMP TABLE t AS ${derive.replace('{rows}', typedRows)}`);
  queries++;
  step('typed table');

  // The other rows, as core reads them.
  const rest = await run(`SELECT rowid AS r, * FROM raw WHERE rowid IN (SELECT r FROM t WHERE NOT ok) ORDER BY rowid`);
  await connection.run('DROP TABLE raw');
  const restRows = (rest.r ?? []).map(numberOf);
  const records: RawCell[][] = restRows.map((_, k) => Array.from({ length: width + surplusColumns }, (_, i) => (rest[`c${i}`]![k] as string | null) ?? null));
  // Records with surplus fields: core reports their exact field count, which padding hides; read those lines again.
  const surplusAt = restRows.flatMap((r, k) => (records[k]!.slice(width).some((c) => c !== null) ? [k] : []));
  if (surplusAt.length) {
    const lines = await readLines(readPath, surplusAt.map((k) => rowNumberOf(layout, restRows[k]!) - 1));
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

  // 4. The requests of the analyses, answered.
  const recorder = recordingSource(info);
  analyzeStudents(recorder.source, options);
  const requests = [...recorder.requests.values()];
  step('recording');
  const summaries: string[] = [];
  let sqlMs = 0;
  const answers = await answerRequests(
    async (sql) => {
      summaries.push(sql);
      const started = performance.now();
      const out = await run(sql);
      sqlMs += performance.now() - started;
      return out;
    },
    d, requests, subset, indicatorOptions, indicatorFields, (r) => rowNumberOf(layout, r), typedRoles,
  );
  step('summaries (SQL + merge)');
  step.add('summaries: SQL and fetch', sqlMs);
  const results = analyzeStudents(summarySource(info, answers), options);
  step('estimators');
  return {
    results,
    mapping: fullMapping,
    rows: { sql: sqlRows, core: restRows.length },
    summaries: { requests: requests.length, queries },
    encoding: layout.encoding,
    sql: { derive, summaries: summaries.filter((q) => !q.includes('LIMIT 10000')) },
  };
}

/** The column of a derived indicator in the typed table. */
const indicatorColumn = (id: IndicatorId): string => `__i_${id}`;

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

type Answer = GroupedMoments | DesignEntries | AnalysisUsage;

/**
 * Answers every request: SQL over the canonical rows (one GROUP BY per key list, one query for
 * all usages) merged with core's answer over the other rows.
 */
async function answerRequests(
  run: (sql: string) => Promise<Record<string, unknown[]>>,
  d: SqlDialect,
  requests: SummaryRequest[],
  subset: StudentData,
  indicatorOptions: IndicatorOptions,
  indicatorFields: ReadonlyMap<IndicatorId, string[]>,
  rowNumber: (r: number) => number,
  columns: readonly string[],
): Promise<Map<string, Answer>> {
  const core = tableSource(subset, indicatorOptions);
  const has = (c: string): boolean => columns.includes(c);
  // Indicators were derived in the typed table, with the inputs core chose (e.g. a ready flag or both eyes).
  for (const r of requests) {
    const ids = r.kind === 'moments' ? [r.measure] : r.kind === 'entries' ? r.measures : [r];
    for (const m of ids) {
      const id = (m as { indicator?: IndicatorId }).indicator;
      if (id && !indicatorFields.has(id)) throw new RangeError(`indicator ${id} was requested but not derived`);
    }
  }
  const source = '(SELECT * FROM t WHERE ok)';
  const col = (c: string): string => (has(c) ? d.id(c) : c === 'weight' ? d.double(1) : 'NULL');
  const weight = col('weight');

  // Centres of the shifted sums: the mean of the first ≤ 10,000 canonical rows.
  const numeric = columns.filter((c) => ['weight', 'number'].includes(roleSpec(c)?.kind ?? ''));
  const centres = new Map<string, number>();
  if (numeric.length) {
    const probe = await run(`SELECT ${numeric.map((c, i) => `avg(${d.id(c)}) AS m${i}`).join(', ')} FROM (SELECT * FROM t WHERE ok LIMIT 10000)`);
    numeric.forEach((c, i) => centres.set(c, Number(probe[`m${i}`]![0] ?? 0) || 0));
  }
  const centreOf = (m: Measure): number =>
    'indicator' in m ? 0 : 'columns' in m ? (centres.get(m.columns[m.pv]!) ?? 0) : (centres.get(m.column) ?? 0);

  const answers = new Map<string, Answer>();
  // Group moments and entries by their key list: one GROUP BY each.
  const byKeys = new Map<string, (MomentsRequest | EntriesRequest)[]>();
  for (const r of requests) {
    if (r.kind === 'usage') continue;
    // Key lists that are permutations of each other have the same groups: one query.
    const k = JSON.stringify([...r.keys].sort());
    byKeys.set(k, [...(byKeys.get(k) ?? []), r]);
  }
  for (const [k, list] of byKeys) {
    const keySet = JSON.parse(k) as string[];
    const present = keySet.filter(has);
    const aggregates = new Map<string, string>(); // SQL → alias
    const agg = (sql: string): string => {
      let alias = aggregates.get(sql);
      if (!alias) aggregates.set(sql, (alias = `a${aggregates.size}`));
      return alias;
    };
    const plans: (() => void)[] = [];
    let rows: Record<string, unknown[]> = {};
    // Labels of every group, per key order, built once per query and shared by its summaries.
    const labelCache = new Map<string, KeyLabel[][]>();
    const labelsOf = (keys: readonly string[]): KeyLabel[][] => {
      const k = keys.join('\u0000');
      let out = labelCache.get(k);
      if (!out) labelCache.set(k, (out = keys.map((key) => (rows[keyAlias(key)] ?? []).map(label))));
      return out;
    };
    const groupCache = new Map<string, { labels: KeyLabel[][]; psu: string[] }>();
    const groupsOf = (keys: readonly string[]): { labels: KeyLabel[][]; psu: string[] } => {
      const k = keys.join('\u0000');
      let out = groupCache.get(k);
      if (!out) {
        const columns = labelsOf(keys);
        const school = keys.indexOf('school');
        const labels = (columns[0] ?? []).map((_, g) => columns.map((c) => c[g]!));
        groupCache.set(k, (out = { labels, psu: labels.map((l) => JSON.stringify(l.slice(0, school + 1))) }));
      }
      return out;
    };
    for (const request of list) {
      if (request.kind === 'moments') {
        const x = measureSql(d, request.measure, indicatorColumn);
        const c = d.double(centreOf(request.measure));
        const w = request.weighted ? weight : d.double(1);
        const on = (v: string): string => `CASE WHEN ${x} IS NOT NULL THEN ${v} END`;
        const n = agg(`CAST(count(${x}) AS DOUBLE)`);
        // Every weight 1: Σw and Σw² are the count, exactly (as Welford's running sum of ones).
        const ones = w === d.double(1);
        const a = {
          n,
          sw: ones ? n : agg(`sum(${on(w)})`),
          sw2: ones ? n : agg(`sum(${on(`${w} * ${w}`)})`),
          s1: agg(`sum(${w} * (${x} - ${c}))`),
          s2: agg(`sum(${w} * (${x} - ${c}) * (${x} - ${c}))`),
          // The value when every value of the group is equal (then Welford's m2 is exactly 0).
          same: agg(`CASE WHEN min(${x}) = max(${x}) THEN min(${x}) END`),
          first: agg(`min(${on('r')})`),
        };
        plans.push(() => {
          const sqlPart = momentsFrom(request.keys, rows, a, centreOf(request.measure), rowNumber, labelsOf);
          const { kind: _, ...rest } = request;
          const corePart = core.moments(rest);
          answers.set(requestKey(request), mergeMoments(sqlPart, corePart));
        });
      } else {
        const { design, measures } = request;
        const xs = measures.map((m) => measureSql(d, m, indicatorColumn));
        const reps = design.replicates?.columns ?? [];
        const use = [...xs.map((x) => `${x} IS NOT NULL`), ...reps.map((r) => `${col(r)} IS NOT NULL`)].join(' AND ') || 'TRUE';
        const on = (v: string): string => `CASE WHEN ${use} THEN ${v} END`;
        const w0 = design.weight ? col(design.weight) : d.double(1);
        const R = reps.length;
        const M = xs.length;
        const a = {
          count: agg(`CAST(count(${on('1')}) AS DOUBLE)`),
          first: agg(`min(${on('r')})`),
          stratum: design.strata ? agg(`arg_min(${col(design.strata)}, ${on('r')})`) : undefined,
          sumWeights: [w0, ...reps.map(col)].map((w) => agg(`sum(${on(w)})`)),
          sumWY: xs.flatMap((x) => [w0, ...reps.map(col)].map((w) => agg(`sum(${on(`${w} * ${x}`)})`))),
          sumWYY: xs.map((x) => agg(`sum(${on(`${w0} * ${x} * ${x}`)})`)),
        };
        plans.push(() => {
          const sqlPart = entriesFrom(request.keys, rows, a, rowNumber, groupsOf);
          const { kind: _, ...rest } = request;
          const corePart = core.entries(rest);
          const coreFirst = entryFirstRows(subset, request, indicatorOptions);
          answers.set(requestKey(request), mergeEntries(sqlPart, corePart, coreFirst, { keys: request.keys, plausibleValues: M, replicates: R, method: design.replicates?.method ?? null }));
        });
      }
    }
    const select = [...keySet.map((key) => `${col(key)} AS ${keyAlias(key)}`), ...[...aggregates].map(([sql, alias]) => `${sql} AS ${alias}`)];
    const where = ['TRUE', ...present.map((key) => `${d.id(key)} IS NOT NULL`)].join(' AND ');
    // Groups in order of their first row: most summaries are then in core's order already.
    rows = await run(
      `SELECT ${select.join(', ')} FROM ${source} WHERE ${where}${present.length ? ` GROUP BY ${present.map((key) => d.id(key)).join(', ')} ORDER BY min(r)` : ''}`,
    );
    for (const plan of plans) plan();
  }

  // Usages: one query, counts per request.
  const usages = requests.filter((r): r is UsageRequest => r.kind === 'usage');
  if (usages.length) {
    const aggregates: string[] = [];
    const plans: ((row: Record<string, unknown[]>) => void)[] = [];
    for (const request of usages) {
      const missing = (f: string): string => (has(f) ? `${d.id(f)} IS NULL` : f === 'weight' ? 'FALSE' : 'TRUE');
      const ind = request.indicator;
      const fields = ind ? indicatorFields.get(ind)! : request.fields;
      const add = (cond: string): number => aggregates.push(`CAST(count(*) FILTER (WHERE ${cond}) AS DOUBLE)`) - 1;
      const defined = ind ? `${d.id(indicatorColumn(ind))} IS NOT NULL` : 'FALSE';
      const usedBase = ind ? defined : fields.map((f) => `NOT (${missing(f)})`).join(' AND ') || 'TRUE';
      const fieldAt = fields.map((f, i) => add([`NOT (${defined})`, ...fields.slice(0, i).map((g) => `NOT (${missing(g)})`), missing(f)].join(' AND ')));
      const notApplicable = ind ? add([`NOT (${defined})`, ...fields.map((g) => `NOT (${missing(g)})`)].join(' AND ')) : -1;
      const reps = request.replicates ?? [];
      const repAt = reps.map((rep, i) => add([usedBase, ...reps.slice(0, i).map((g) => `NOT (${missing(g)})`), missing(rep)].join(' AND ')));
      const used = add([usedBase, ...reps.map((g) => `NOT (${missing(g)})`)].join(' AND '));
      const rowsRead = add('TRUE');
      plans.push((row) => {
        const at = (i: number): number => numberOf(row[`u${i}`]![0]);
        const excluded: AnalysisUsage['excluded'] = [];
        fields.forEach((f, i) => at(fieldAt[i]!) && excluded.push({ rule: 'missing', field: f, count: at(fieldAt[i]!) }));
        if (ind && at(notApplicable)) excluded.push({ rule: 'not_applicable', field: `rate.${ind}`, count: at(notApplicable) });
        reps.forEach((f, i) => at(repAt[i]!) && excluded.push({ rule: 'missing', field: f, count: at(repAt[i]!) }));
        const sqlPart: AnalysisUsage = { analysis: request.analysis, rowsRead: at(rowsRead), rowsUsed: at(used), excluded };
        const { kind: _, ...rest } = request;
        answers.set(requestKey(request), mergeUsage(core.usage(rest), sqlPart, subset.mapping));
      });
    }
    const row = await run(`SELECT ${aggregates.map((a, i) => `${a} AS u${i}`).join(', ')} FROM ${source}`);
    for (const plan of plans) plan(row);
  }
  return answers;
}

/** The SQL part of a moments request as core's GroupedMoments (first rows as row numbers). */
function momentsFrom(
  keys: readonly string[],
  rows: Record<string, unknown[]>,
  a: Record<'n' | 'sw' | 'sw2' | 's1' | 's2' | 'same' | 'first', string>,
  centre: number,
  rowNumber: (r: number) => number,
  labelsOf: (keys: readonly string[]) => KeyLabel[][],
): GroupedMoments {
  const [n, sw, sw2, s1, s2, same, first] = [a.n, a.sw, a.sw2, a.s1, a.s2, a.same, a.first].map((name) => rows[name] as (number | null)[]);
  const keep: number[] = [];
  for (let g = 0; g < n!.length; g++) if ((n![g] ?? 0) > 0) keep.push(g);
  const size = keep.length;
  const count = new Float64Array(size);
  const sumWeights = new Float64Array(size);
  const sumWeights2 = new Float64Array(size);
  const mean = new Float64Array(size);
  const m2 = new Float64Array(size);
  const firstRow = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const g = keep[i]!;
    const W = sw![g]!;
    const S1 = s1![g]!;
    count[i] = n![g]!;
    sumWeights[i] = W;
    sumWeights2[i] = sw2![g]!;
    firstRow[i] = rowNumber(first![g]!);
    if (same![g] !== null && same![g] !== undefined) {
      // Every value equal: Welford's mean is that value and m2 exactly 0.
      mean[i] = same![g]!;
      m2[i] = 0;
    } else {
      mean[i] = centre + S1 / W;
      m2[i] = Math.max(0, s2![g]! - S1 * (S1 / W));
    }
  }
  const all = labelsOf(keys);
  const labels = size === n!.length ? all : all.map((column) => keep.map((g) => column[g]!));
  return { keys: [...keys], labels, count, sumWeights, sumWeights2, mean, m2, firstRow };
}

/** The alias of a key column in a summary query. */
const keyAlias = (key: string): string => `k_${key}`;

const label = (v: unknown): KeyLabel => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as string | number));

/** The SQL part of an entries request, with each entry's first row number. */
function entriesFrom(
  keys: readonly string[],
  rows: Record<string, unknown[]>,
  a: { count: string; first: string; stratum: string | undefined; sumWeights: string[]; sumWY: string[]; sumWYY: string[] },
  rowNumber: (r: number) => number,
  groupsOf: (keys: readonly string[]) => { labels: KeyLabel[][]; psu: string[] },
): { entry: DesignEntry; first: number }[] {
  const groups = groupsOf(keys);
  const out: { entry: DesignEntry; first: number }[] = [];
  const n = rows[a.count] as number[];
  const keep: number[] = [];
  for (let g = 0; g < n.length; g++) if (n[g]! > 0) keep.push(g);
  // One buffer per statistic; each entry holds views into it (no allocation per entry and array).
  const [nw, ny, nyy] = [a.sumWeights.length, a.sumWY.length, a.sumWYY.length];
  const weights = new Float64Array(keep.length * nw);
  const wy = new Float64Array(keep.length * ny);
  const wyy = new Float64Array(keep.length * nyy);
  const fill = (target: Float64Array, names: string[], width: number): void =>
    names.forEach((name, j) => {
      const column = rows[name] as number[];
      for (let i = 0; i < keep.length; i++) target[i * width + j] = column[keep[i]!]!;
    });
  fill(weights, a.sumWeights, nw);
  fill(wy, a.sumWY, ny);
  fill(wyy, a.sumWYY, nyy);
  const firstRows = rows[a.first] as number[];
  const strata = a.stratum ? rows[a.stratum]! : undefined;
  keep.forEach((g, i) => {
    out.push({
      first: rowNumber(firstRows[g]!),
      entry: {
        labels: groups.labels[g]!,
        psu: groups.psu[g]!,
        stratum: strata ? label(strata[g]) : null,
        count: n[g]!,
        sumWeights: weights.subarray(i * nw, (i + 1) * nw),
        sumWY: wy.subarray(i * ny, (i + 1) * ny),
        sumWYY: wyy.subarray(i * nyy, (i + 1) * nyy),
      },
    });
  });
  return out;
}

/** Row numbers of the first row of each of core's entries (the rows designEntries uses). */
function entryFirstRows(data: StudentData, request: EntriesRequest, indicatorOptions: IndicatorOptions): Map<string, number> {
  // A measure defined exactly where every PV and replicate weight is: its groups are the entries'.
  const first = new Map<string, number>();
  const n = data.quality.rowsKept;
  if (n === 0) return first;
  const usable = new Float64Array(n).fill(1);
  // Values of each measure (NaN where unusable), as tableSource builds them.
  const values = request.measures.map((m) => measureValues(data, m, indicatorOptions));
  const reps = (request.design.replicates?.columns ?? []).map((c) => readColumn(data, c));
  for (let i = 0; i < n; i++) {
    if (values.some((v) => Number.isNaN(v[i]!)) || reps.some((v) => Number.isNaN(v[i]!))) usable[i] = NaN;
  }
  const g = groupedMoments(data.table, { keys: request.keys, value: '', values: usable, weight: null });
  for (let i = 0; i < g.count.length; i++) first.set(JSON.stringify(g.labels.map((l) => l[i]!)), data.rowNumbers[g.firstRow![i]!]!);
  return first;
}

function readColumn(data: StudentData, column: string): Float64Array {
  const v = data.table.getChild(column);
  const out = new Float64Array(data.quality.rowsKept).fill(NaN);
  if (!v) return out;
  for (let i = 0; i < out.length; i++) {
    const x = v.get(i);
    if (x !== null && x !== undefined) out[i] = Number(x);
  }
  return out;
}

function measureValues(data: StudentData, m: Measure, indicatorOptions: IndicatorOptions): Float64Array {
  let x: Float64Array;
  if ('indicator' in m) x = indicatorValues(data, m.indicator, indicatorOptions).values;
  else if ('columns' in m) {
    const all = m.columns.map((c) => readColumn(data, c));
    x = all[m.pv]!.slice();
    for (const a of all) for (let i = 0; i < x.length; i++) if (Number.isNaN(a[i]!)) x[i] = NaN;
  } else x = readColumn(data, m.column);
  return x;
}

/** Merges the SQL and core parts of a moments summary; groups ordered by first row. */
function mergeMoments(a: GroupedMoments, b: GroupedMoments): GroupedMoments {
  if (b.count.length === 0) return byFirstRow(a);
  type G = { labels: KeyLabel[]; n: number; w: number; w2: number; mean: number; m2: number; first: number };
  const groups = new Map<string, G>();
  // Only groups whose first label occurs in core's (few) groups can merge: the others need no key.
  const firstLabels = new Set(b.labels[0] ?? []);
  let unique = 0;
  for (const s of [a, b]) {
    for (let i = 0; i < s.count.length; i++) {
      const labels = s.labels.map((l) => l[i]!);
      const key = s === b || b.keys.length === 0 || firstLabels.has(labels[0]!) ? JSON.stringify(labels) : `\u0000${unique++}`;
      const g = groups.get(key);
      const x: G = { labels, n: s.count[i]!, w: s.sumWeights[i]!, w2: s.sumWeights2[i]!, mean: s.mean[i]!, m2: s.m2[i]!, first: s.firstRow![i]! };
      if (!g) {
        groups.set(key, x);
        continue;
      }
      // Chan, Golub & LeVeque (1979), as core's mergeMoments; the earlier rows' part first.
      const [p, q] = g.first < x.first ? [g, x] : [x, g];
      const w = p.w + q.w;
      const delta = q.mean - p.mean;
      groups.set(key, {
        labels,
        n: p.n + q.n,
        w,
        w2: p.w2 + q.w2,
        mean: p.w === 0 ? q.mean : q.w === 0 ? p.mean : p.mean + (delta * q.w) / w,
        m2: p.w === 0 ? q.m2 : q.w === 0 ? p.m2 : p.m2 + q.m2 + (delta * delta * p.w * q.w) / w,
        first: p.first,
      });
    }
  }
  const list = [...groups.values()].sort((x, y) => x.first - y.first);
  return {
    keys: [...a.keys],
    labels: a.keys.map((_, k) => list.map((g) => g.labels[k]!)),
    count: Float64Array.from(list, (g) => g.n),
    sumWeights: Float64Array.from(list, (g) => g.w),
    sumWeights2: Float64Array.from(list, (g) => g.w2),
    mean: Float64Array.from(list, (g) => g.mean),
    m2: Float64Array.from(list, (g) => g.m2),
    firstRow: Int32Array.from(list, (g) => g.first),
  };
}

/** A summary with its groups in order of first row (as one scan of the file lists them). */
function byFirstRow(g: GroupedMoments): GroupedMoments {
  const first = g.firstRow!;
  let sorted = true;
  for (let i = 1; i < first.length && sorted; i++) sorted = first[i - 1]! < first[i]!;
  if (sorted) return g;
  const order = Uint32Array.from({ length: first.length }, (_, i) => i).sort((x, y) => first[x]! - first[y]!);
  const take = (x: Float64Array): Float64Array => Float64Array.from(order, (i) => x[i]!);
  return {
    keys: g.keys,
    labels: g.labels.map((l) => Array.from(order, (i) => l[i]!)),
    count: take(g.count),
    sumWeights: take(g.sumWeights),
    sumWeights2: take(g.sumWeights2),
    mean: take(g.mean),
    m2: take(g.m2),
    firstRow: Int32Array.from(order, (i) => first[i]!),
  };
}

/** Merges the SQL and core parts of design entries (totals added); entries ordered by first row. */
function mergeEntries(
  sqlPart: { entry: DesignEntry; first: number }[],
  corePart: DesignEntries,
  coreFirst: Map<string, number>,
  shape: Omit<DesignEntries, 'entries'>,
): DesignEntries {
  if (corePart.entries.length === 0) {
    let sorted = true;
    for (let i = 1; i < sqlPart.length && sorted; i++) sorted = sqlPart[i - 1]!.first < sqlPart[i]!.first;
    return { ...shape, keys: [...shape.keys], entries: (sorted ? sqlPart : sqlPart.sort((x, y) => x.first - y.first)).map((x) => x.entry) };
  }
  const all = new Map<string, { entry: DesignEntry; first: number }>();
  const firstLabels = new Set(corePart.entries.map((e) => e.labels[0]));
  let unique = 0;
  for (const x of sqlPart) all.set(firstLabels.has(x.entry.labels[0]!) ? JSON.stringify(x.entry.labels) : `\u0000${unique++}`, { entry: x.entry, first: x.first });
  for (const e of corePart.entries) {
    const key = JSON.stringify(e.labels);
    const first = coreFirst.get(key) ?? Number.MAX_SAFE_INTEGER;
    const s = all.get(key);
    if (!s) {
      all.set(key, { entry: e, first });
      continue;
    }
    const add = (x: Float64Array, y: Float64Array): Float64Array => Float64Array.from(x, (v, i) => v + y[i]!);
    all.set(key, {
      first: Math.min(first, s.first),
      entry: {
        ...s.entry,
        stratum: first < s.first ? e.stratum : s.entry.stratum,
        count: s.entry.count + e.count,
        sumWeights: add(s.entry.sumWeights, e.sumWeights),
        sumWY: add(s.entry.sumWY, e.sumWY),
        sumWYY: add(s.entry.sumWYY, e.sumWYY),
      },
    });
  }
  return { ...shape, keys: [...shape.keys], entries: [...all.values()].sort((x, y) => x.first - y.first).map((x) => x.entry) };
}
