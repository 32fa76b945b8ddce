import { JianceError } from '../errors.js';
import { notASummarySource } from '../messages.js';
import { indicatorValues, type IndicatorId, type IndicatorOptions } from '../indicators/indicatorValues.js';
import { designEntries, designEntriesOf, withReplicateUsage, type DesignEntries } from '../survey/designEntries.js';
import type { SurveyDesign } from '../survey/designTypes.js';
import { analysisUsage, canonicalExclusions, type AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import { readNumbers } from '../table/columns.js';
import type { DataQuality, StudentData } from '../table/studentTable.js';
import { groupedMoments, type GroupedMoments } from './groupedMoments.js';

/**
 * A score band (分数段): per grade, the half-open interval [lower, upper) of scores that count
 * (null: unbounded) — a performance level (学业水平), or several levels together (中等及以上).
 * A banded measure is 1 where the score is in its grade's band, 0 elsewhere, missing where
 * the score is missing or the grade has no band.
 */
export interface ScoreBand {
  /** grade → [lower, upper), e.g. { "4": [500, 580] } for 良好 with cuts 420, 500, 580; "*": every other grade (and data without grades). */
  cuts: Record<string, readonly [number | null, number | null]>;
}

/**
 * What is summarised: a numeric column, one plausible value of a set (used only where every
 * value of the set is present, so all PVs rest on the same students), or a derived 0/1
 * indicator (with the source's indicator options); a column or plausible value with a `band`
 * is the 0/1 indicator of its score band. `replicates` leaves out rows without their
 * replicate weights.
 */
export type Measure =
  | { column: string; band?: ScoreBand; replicates?: string[] }
  | { columns: string[]; pv: number; band?: ScoreBand; replicates?: string[] }
  | { indicator: IndicatorId; replicates?: string[] }
  | { derived: DerivedId; replicates?: string[] };

/**
 * Continuous health measures derived from two columns (派生指标): 'bmi' = weight_kg /
 * (height_cm / 100)² (体质指数), 'va_worse' = the lower of the two eyes' uncorrected acuity
 * (较差眼裸眼视力). Missing where either input is.
 */
export type DerivedId = 'bmi' | 'va_worse';

/** The columns each derived measure is computed from (its usage counts their gaps). */
export const derivedInputs: Record<DerivedId, readonly [string, string]> = { bmi: ['weight_kg', 'height_cm'], va_worse: ['va_left', 'va_right'] };

/**
 * The values of a measure for every kept row (NaN = no value): a column, a plausible value
 * where all of its set are present, an indicator, or a score band's 0/1 — what every source
 * summarises, computed one way for all (tables in memory, batches, and the rows an SQL engine
 * leaves to core).
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 年级: 4, 数学: 512 }, { 区县: '青山县', 学校: '一小', 年级: 4, 数学: 480 }]));
 * measureValues(data, { column: 'math', band: { cuts: { '4': [500, null] } } }, {}); // => Float64Array [1, 0]
 */
export function measureValues(
  data: StudentData,
  measure: Measure,
  indicatorOptions: IndicatorOptions,
  indicator?: (id: IndicatorId) => Float64Array,
): Float64Array {
  let x: Float64Array;
  if ('indicator' in measure) x = indicator ? indicator(measure.indicator) : indicatorValues(data, measure.indicator, indicatorOptions).values;
  else if ('derived' in measure) {
    const [a, b] = derivedInputs[measure.derived].map((c) => readNumbers(data.table, c)) as [Float64Array, Float64Array];
    x = new Float64Array(a.length);
    for (let i = 0; i < x.length; i++) x[i] = measure.derived === 'bmi' ? a[i]! / ((b[i]! / 100) * (b[i]! / 100)) : a[i]! <= b[i]! ? a[i]! : b[i]!;
    // NaN in either input gives NaN (division), and for the lower eye it must too.
    for (let i = 0; i < x.length; i++) if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) x[i] = NaN;
  } else {
    if ('columns' in measure) {
      const all = measure.columns.map((c) => readNumbers(data.table, c));
      x = all[measure.pv]!.slice();
      for (const a of all) for (let i = 0; i < x.length; i++) if (Number.isNaN(a[i]!)) x[i] = NaN;
    } else x = readNumbers(data.table, measure.column);
    if (measure.band) x = banded(x, data.table.getChild('grade') ? readNumbers(data.table, 'grade') : undefined, measure.band);
  }
  if (measure.replicates?.length) {
    x = x.slice();
    for (const c of measure.replicates) {
      const r = readNumbers(data.table, c);
      for (let i = 0; i < x.length; i++) if (Number.isNaN(r[i]!)) x[i] = NaN;
    }
  }
  return x;
}

/** Scores → 1 inside the grade's band, 0 outside, NaN for a missing score or a grade without a band. */
function banded(x: Float64Array, grade: Float64Array | undefined, band: ScoreBand): Float64Array {
  const out = new Float64Array(x.length);
  const byGrade = new Map(
    Object.entries(band.cuts)
      .filter(([g]) => g !== '*')
      .map(([g, b]) => [Number(g), b]),
  );
  const other = band.cuts['*'];
  for (let i = 0; i < x.length; i++) {
    const b = (grade ? byGrade.get(grade[i]!) : undefined) ?? other;
    const v = x[i]!;
    if (!b || Number.isNaN(v)) out[i] = NaN;
    else out[i] = (b[0] === null || v >= b[0]) && (b[1] === null || v < b[1]) ? 1 : 0;
  }
  return out;
}

/** Per-group moments of a measure (groupedMoments). */
export interface MomentsRequest {
  kind: 'moments';
  keys: string[];
  measure: Measure;
  /** Weighted by the weight column, or every student 1. */
  weighted: boolean;
}

/** Per-(keys × school) design totals of a measure's plausible values (designEntries). */
export interface EntriesRequest {
  kind: 'entries';
  keys: string[];
  /** One measure per plausible value (a single one otherwise). */
  measures: Measure[];
  design: SurveyDesign;
}

/** The rows an analysis uses and why the others are left out (analysisUsage). */
export interface UsageRequest {
  kind: 'usage';
  analysis: string;
  fields: string[];
  /** The usage of an indicator's derivation instead of plain fields. */
  indicator?: IndicatorId;
  /** Replicate-weight columns that must be present too. */
  replicates?: string[];
}

/** Any summary request. */
export type SummaryRequest = MomentsRequest | EntriesRequest | UsageRequest;

/** What the analyses know of the data without reading rows: its columns, roles and quality. */
export interface SourceInfo {
  /** Columns of the validated table (canonical roles; 'weight' always). */
  columns: string[];
  mapping: ColumnMapping;
  subjects: string[];
  quality: DataQuality;
  indicatorOptions: IndicatorOptions;
}

/**
 * Where the analyses get their per-group summaries (汇总来源): a table in memory
 * ({@link tableSource}), the merged summaries of batches of a stream, or an SQL engine. Every
 * estimator asks a source, never the rows, so the same code serves all three (DESIGN.md,
 * "Shape").
 */
export interface SummarySource {
  info: SourceInfo;
  moments(request: Omit<MomentsRequest, 'kind'>): GroupedMoments;
  entries(request: Omit<EntriesRequest, 'kind'>): DesignEntries;
  usage(request: Omit<UsageRequest, 'kind'>): AnalysisUsage;
}

/** Whether the source's table has a column. */
export const hasColumn = (source: SummarySource, column: string): boolean => source.info.columns.includes(column);

/** A stable key of a request (what a stream records and replays). */
export function requestKey(request: SummaryRequest): string {
  if (request.kind === 'entries') {
    const { design } = request;
    return JSON.stringify([request.kind, request.keys, request.measures, design.weight, design.strata, design.replicates]);
  }
  return JSON.stringify(request);
}

function newTableSource(data: StudentData, indicatorOptions: IndicatorOptions): SummarySource {
  const indicators = new Map<IndicatorId, ReturnType<typeof indicatorValues>>();
  const indicator = (id: IndicatorId) => {
    let v = indicators.get(id);
    if (!v) indicators.set(id, (v = indicatorValues(data, id, indicatorOptions)));
    return v;
  };
  // Each measure's values are built once per table (several summaries share them).
  const valueCache = new Map<string, Float64Array>();
  const values = (measure: Measure): Float64Array => {
    const key = JSON.stringify(measure);
    let x = valueCache.get(key);
    if (!x) valueCache.set(key, (x = measureValues(data, measure, indicatorOptions, (id) => indicator(id).values)));
    return x;
  };
  const info: SourceInfo = {
    columns: data.table.schema.fields.map((f) => f.name),
    mapping: data.mapping,
    subjects: data.subjects,
    quality: data.quality,
    indicatorOptions,
  };
  return {
    info,
    moments: ({ keys, measure, weighted }) => {
      const g = groupedMoments(data.table, { keys, value: '', values: values(measure), weight: weighted ? 'weight' : null });
      return { ...g, firstRow: g.firstRow!.map((i) => data.rowNumbers[i]!) };
    },
    entries: ({ keys, measures, design }) => designEntries(data, design, keys, measures.map(values)),
    usage: ({ analysis, fields, indicator: id, replicates }) => {
      if (id && !replicates?.length) return { ...indicator(id).usage, analysis };
      const base = id
        ? (() => {
            const v = indicator(id);
            const used = new Uint8Array(v.values.length);
            for (let i = 0; i < used.length; i++) used[i] = Number.isNaN(v.values[i]!) ? 0 : 1;
            return { usage: { ...v.usage, analysis }, used };
          })()
        : analysisUsage(data, analysis, fields);
      return replicates?.length ? withReplicateUsage(base, data, replicates).usage : base.usage;
    },
  };
}

/**
 * The source over a validated table in memory (内存中的学生表): the entrance of a table to every
 * estimator. Each request is one scan of the typed columns; indicator values are computed once
 * per indicator and kept. The indicator definitions (anxiety cut-off, sleep requirement, vision
 * rule) are fixed here, for every estimator that reads the source. One source per table and
 * definitions: asking again returns the same source, so its indicator values are not recomputed.
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: 512 }, { 区县: '青山县', 学校: '一小', 数学: 480 }, { 区县: '青山县', 学校: '二小', 数学: 530 }]));
 * tableSource(data).moments({ keys: ['county', 'school'], measure: { column: 'math' }, weighted: true }).mean; // => Float64Array [496, 530]
 */
export function tableSource(data: StudentData, indicatorOptions: IndicatorOptions = {}): SummarySource {
  const { anxietyCutoff, sleep, vision } = indicatorOptions;
  const options: IndicatorOptions = { ...(anxietyCutoff === undefined ? {} : { anxietyCutoff }), ...(sleep ? { sleep } : {}), ...(vision ? { vision } : {}) };
  const key = JSON.stringify(options);
  let byOptions = cache.get(data);
  if (!byOptions) cache.set(data, (byOptions = new Map()));
  let source = byOptions.get(key);
  if (!source) byOptions.set(key, (source = newTableSource(data, options)));
  return source;
}

/**
 * Throws a JianceError naming the estimator when its first argument is not a summary source
 * (e.g. a student table passed from JavaScript, where the type does not stop it).
 */
export function requireSource(value: unknown, estimator: string): asserts value is SummarySource {
  if (typeof (value as Partial<SummarySource> | null)?.moments !== 'function') throw new JianceError(notASummarySource(estimator));
}

/** A table at the door of analyzeStudents: its {@link tableSource}; a source passes through. */
export function asSource(data: StudentData | SummarySource, indicatorOptions: IndicatorOptions = {}): SummarySource {
  return 'moments' in data ? data : tableSource(data, indicatorOptions);
}

const cache = new WeakMap<StudentData, Map<string, SummarySource>>();

// ------------------------------------------------------------------ merging summaries

/** Merges two usages of the same analysis over disjoint rows: counts added, reasons kept in order. */
export function mergeUsage(a: AnalysisUsage, b: AnalysisUsage, mapping?: ColumnMapping): AnalysisUsage {
  const excluded = a.excluded.map((x) => ({ ...x }));
  for (const x of b.excluded) {
    const same = excluded.find((y) => y.rule === x.rule && y.field === x.field);
    if (same) same.count += x.count;
    else excluded.push({ ...x });
  }
  return {
    analysis: a.analysis,
    rowsRead: a.rowsRead + b.rowsRead,
    rowsUsed: a.rowsUsed + b.rowsUsed,
    excluded: mapping ? canonicalExclusions(excluded, mapping) : excluded,
  };
}

/**
 * A source that answers requests from summaries computed elsewhere (merged batches, an SQL
 * engine). An unknown request is a programming error: the analyses ask the same questions of
 * every source with the same columns.
 */
export function summarySource(info: SourceInfo, summaries: { get(key: string): GroupedMoments | DesignEntries | AnalysisUsage | undefined }): SummarySource {
  const get = <T>(request: SummaryRequest): T => {
    const s = summaries.get(requestKey(request));
    if (!s) throw new RangeError(`no summary for request ${requestKey(request)}`);
    return s as T;
  };
  return {
    info,
    moments: (r) => get<GroupedMoments>({ kind: 'moments', ...r }),
    entries: (r) => get<DesignEntries>({ kind: 'entries', ...r }),
    usage: (r) => ({ ...get<AnalysisUsage>({ kind: 'usage', ...r }), analysis: r.analysis }),
  };
}

/**
 * A source that answers every request with an empty summary and records it: running the
 * analyses on it once lists the summaries they need (for a stream or an SQL engine) and how
 * many times each is asked for (`uses`: a stream can release a summary after its last use).
 */
export function recordingSource(info: SourceInfo): { source: SummarySource; requests: Map<string, SummaryRequest>; uses: Map<string, number> } {
  const requests = new Map<string, SummaryRequest>();
  const uses = new Map<string, number>();
  const record = (r: SummaryRequest): void => {
    const key = requestKey(r);
    requests.set(key, r);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  };
  const empty = (keys: string[]): GroupedMoments => ({
    keys,
    labels: keys.map(() => []),
    count: new Float64Array(0),
    sumWeights: new Float64Array(0),
    sumWeights2: new Float64Array(0),
    mean: new Float64Array(0),
    m2: new Float64Array(0),
    firstRow: new Int32Array(0),
  });
  return {
    requests,
    uses,
    source: {
      info,
      moments: (r) => (record({ kind: 'moments', ...r }), empty(r.keys)),
      entries: (r) => (
        record({ kind: 'entries', ...r }),
        designEntriesOf({
          keys: r.keys,
          labels: r.keys.map(() => []),
          strata: [],
          count: new Float64Array(0),
          sumWeights: new Float64Array(0),
          sumWY: new Float64Array(0),
          sumWYY: new Float64Array(0),
          plausibleValues: r.measures.length,
          replicates: r.design.replicates?.columns.length ?? 0,
          method: r.design.replicates?.method ?? null,
        })
      ),
      usage: (r) => (record({ kind: 'usage', ...r }), { analysis: r.analysis, rowsRead: 0, rowsUsed: 0, excluded: [] }),
    },
  };
}

/**
 * Answers one request from a source (e.g. a batch's table, in a stream).
 *
 * @example
 * const batch = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: 512 }, { 区县: '青山县', 学校: '一小', 数学: '' }]));
 * answer(tableSource(batch), { kind: 'usage', analysis: 'describe.math', fields: ['math'] }); // => { analysis: 'describe.math', rowsRead: 2, rowsUsed: 1, excluded: [{ rule: 'missing', field: 'math', count: 1 }] }
 */
export function answer(source: SummarySource, request: SummaryRequest): GroupedMoments | DesignEntries | AnalysisUsage {
  const { kind, ...rest } = request;
  return kind === 'moments'
    ? source.moments(rest as MomentsRequest)
    : kind === 'entries'
      ? source.entries(rest as EntriesRequest)
      : source.usage(rest as UsageRequest);
}
