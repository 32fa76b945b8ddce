import {
  blankKeepingKeys,
  designEntriesOf,
  measureValues,
  readNumbers,
  groupedMoments,
  mergeMeanM2,
  mergeUsage,
  requestKey,
  roleSpec,
  ruleOfStatus,
  tableSource,
  valueStatus,
  type RuleId,
  type AnalysisUsage,
  type DesignEntries,
  type EntriesRequest,
  type GroupedMoments,
  type IndicatorId,
  type IndicatorOptions,
  type KeyLabel,
  type Measure,
  type MomentsRequest,
  type StudentData,
  type SummaryRequest,
  type UsageRequest,
} from '@jiance/core';
import { measureSql, type SqlDialect } from './analysisSql.js';

const numberOf = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/** A column of an answer: JavaScript values (NULL as null), or numbers with NULL as NaN. */
export type Column = ArrayLike<unknown>;

/** NULL as an engine returns it: null, or NaN in a numeric column (sums and counts are never NaN otherwise). */
const isNull = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** The column (DuckDB) or WITH alias (ClickHouse) of a derived indicator. */
export const indicatorColumn = (id: IndicatorId): string => `__i_${id}`;

/** An answer to a summary request. */
export type Answer = GroupedMoments | DesignEntries | AnalysisUsage;

/** What {@link answerRequests} needs of an engine: how to run SQL, over which rows. */
export interface AnswerContext {
  /** Runs one query; columns by alias, numbers as JavaScript numbers. */
  run: (sql: string) => Promise<Record<string, Column>>;
  dialect: SqlDialect;
  requests: SummaryRequest[];
  /** The rows SQL does not summarise, as core reads them (empty when SQL has every row). */
  subset: StudentData;
  indicatorOptions: IndicatorOptions;
  /** Indicators available, with the input fields core chose (e.g. both eyes or a ready flag). */
  indicatorFields: ReadonlyMap<IndicatorId, string[]>;
  /** Roles present as typed columns. */
  columns: readonly string[];
  /** The rows SQL summarises: a table, or a subquery. */
  relation: string;
  /** SQL of a row's record number (its order in the data, and its row number through `rowNumber`). */
  row: string;
  /** Record number → spreadsheet row number (for first rows of groups). */
  rowNumber: (r: number) => number;
  /** Put before every query, e.g. ClickHouse's `WITH (…) AS "__i_obese"` defining the indicators. */
  prefix?: string;
  /**
   * SQL of a column holding core's value status of a role (`valueStatus`), where the rows keep
   * it: a NULL is then counted under its reason (blank, not a number, out of range…), not as
   * blank. Undefined: every NULL is a blank cell (rows with other reasons went to `subset`).
   */
  statusColumn?: (role: string) => string | undefined;
  /**
   * Key roles the engine stores as codes (DuckDB ENUM): the SQL of a row's code and the label of
   * each code. Labels then cross from the engine as integers and are looked up here, shared
   * strings rather than one decoded string per group (at 1e7 rows decoding them took 15 s).
   */
  keyCodes?: ReadonlyMap<string, { code: string; labels: readonly string[] }>;
}

/**
 * Answers every request of an analysis from SQL (汇总请求的 SQL 应答): one GROUP BY per key
 * list (permutations share one) with every measure and design total as columns, and one query
 * for all usages, merged with core's answer over the rows SQL does not have (`subset`).
 * Groups come ordered by their first row, as one scan of the file lists them.
 *
 * @example
 * const answers = await answerRequests({ run, dialect: duckdbDialect, requests, subset, indicatorOptions: {}, indicatorFields, columns, relation: '(SELECT * FROM t WHERE ok)', row: 'r', rowNumber: (r) => r + 2 });
 * answers.size; // => requests.length
 */
export async function answerRequests(context: AnswerContext): Promise<Map<string, Answer>> {
  const { dialect: d, requests, subset, indicatorOptions, indicatorFields, rowNumber, columns, relation, row: r } = context;
  const prefix = context.prefix ? `${context.prefix} ` : '';
  const run = (sql: string): Promise<Record<string, Column>> => context.run(prefix + sql);
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
  const source = relation;
  const keyCodes = context.keyCodes;
  /** A key's label from what the engine returned (its code, where it has one). */
  const decode = (key: string): ((v: unknown) => KeyLabel) => {
    const labels = keyCodes?.get(key)?.labels;
    return labels ? (v) => (isNull(v) ? null : labels[Number(v)]!) : label;
  };
  const col = (c: string): string => (has(c) ? d.id(c) : c === 'weight' ? d.double(1) : 'NULL');
  const weight = col('weight');

  // Centres of the shifted sums: the mean of the first ≤ 10,000 canonical rows.
  const numeric = columns.filter((c) => ['weight', 'number'].includes(roleSpec(c)?.kind ?? ''));
  const centres = new Map<string, number>();
  if (numeric.length) {
    const probe = await run(`SELECT ${numeric.map((c, i) => `avg(${d.id(c)}) AS m${i}`).join(', ')} FROM (SELECT * FROM ${relation} LIMIT 10000)`);
    numeric.forEach((c, i) => centres.set(c, Number(probe[`m${i}`]![0] ?? 0) || 0));
  }
  const centreOf = (m: Measure): number =>
    'indicator' in m || 'derived' in m || m.band ? 0 : 'columns' in m ? (centres.get(m.columns[m.pv]!) ?? 0) : (centres.get(m.column) ?? 0);

  const answers = new Map<string, Answer>();
  // Group moments and entries by their key list: one GROUP BY each.
  const byKeys = new Map<string, (MomentsRequest | EntriesRequest)[]>();
  for (const r of requests) {
    if (r.kind === 'usage') continue;
    // Key lists that are permutations of each other have the same groups: one query.
    const k = JSON.stringify([...r.keys].sort());
    byKeys.set(k, [...(byKeys.get(k) ?? []), r]);
  }
  // Every query with what to do with its answer; run below, the next one in the engine while
  // this thread turns the last one's answer into summaries.
  const queries: { sql: string; finish: (rows: Record<string, Column>) => void }[] = [];
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
    let rows: Record<string, Column> = {};
    // Labels of every group, per key order, built once per query and shared by its summaries.
    const labelCache = new Map<string, KeyLabel[][]>();
    const labelsOf = (keys: readonly string[]): KeyLabel[][] => {
      const k = keys.join('\u0000');
      let out = labelCache.get(k);
      if (!out) labelCache.set(k, (out = keys.map((key) => Array.from(rows[keyAlias(key)] ?? [], decode(key)))));
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
          first: agg(`min(${on(r)})`),
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
        const use = [...xs.map((x) => `${x} IS NOT NULL`), ...reps.map((rep) => `${col(rep)} IS NOT NULL`)].join(' AND ') || d.true;
        const on = (v: string): string => `CASE WHEN ${use} THEN ${v} END`;
        const w0 = design.weight ? col(design.weight) : d.double(1);
        const R = reps.length;
        const M = xs.length;
        const a = {
          count: agg(`CAST(count(${on('1')}) AS DOUBLE)`),
          first: agg(`min(${on(r)})`),
          stratum: design.strata ? agg(d.argMin(keyCodes?.get(design.strata)?.code ?? col(design.strata), on(r))) : undefined,
          sumWeights: [w0, ...reps.map(col)].map((w) => agg(`sum(${on(w)})`)),
          sumWY: xs.flatMap((x) => [w0, ...reps.map(col)].map((w) => agg(`sum(${on(`${w} * ${x}`)})`))),
          sumWYY: xs.map((x) => agg(`sum(${on(`${w0} * ${x} * ${x}`)})`)),
        };
        plans.push(() => {
          const sqlPart = entriesFrom(request.keys, rows, a, rowNumber, labelsOf, design.strata ? decode(design.strata) : label, {
            plausibleValues: M,
            replicates: R,
            method: design.replicates?.method ?? null,
          });
          const { kind: _, ...rest } = request;
          const corePart = core.entries(rest);
          const coreFirst = entryFirstRows(subset, request, indicatorOptions);
          answers.set(requestKey(request), mergeEntries(sqlPart, corePart, coreFirst));
        });
      }
    }
    const select = [
      ...keySet.map((key) => `${keyCodes?.get(key)?.code ?? col(key)} AS ${keyAlias(key)}`),
      ...[...aggregates].map(([sql, alias]) => `${sql} AS ${alias}`),
    ];
    // A blank province is a group of its own (one unnamed province); other blank keys leave the row out, as in core.
    const where = [d.true, ...present.filter((key) => !blankKeepingKeys.has(key)).map((key) => `${d.id(key)} IS NOT NULL`)].join(' AND ');
    // Groups in order of their first row: most summaries are then in core's order already.
    queries.push({
      sql: `SELECT ${select.join(', ')} FROM ${source} WHERE ${where}${present.length ? ` GROUP BY ${present.map((key) => d.id(key)).join(', ')} ORDER BY min(${r})` : ''}`,
      finish: (answer) => {
        rows = answer;
        for (const plan of plans) plan();
        rows = {};
      },
    });
  }

  // Usages: one query, counts per request.
  const usages = requests.filter((r): r is UsageRequest => r.kind === 'usage');
  if (usages.length) {
    const aggregates: string[] = [];
    const plans: ((row: Record<string, Column>) => void)[] = [];
    for (const request of usages) {
      const missing = (f: string): string => (has(f) ? `${d.id(f)} IS NULL` : f === 'weight' ? d.false : d.true);
      const ind = request.indicator;
      const fields = ind ? indicatorFields.get(ind)! : request.fields;
      const add = (cond: string): number => aggregates.push(`CAST(${d.countIf(cond)} AS DOUBLE)`) - 1;
      const defined = ind ? `${d.id(indicatorColumn(ind))} IS NOT NULL` : d.false;
      const usedBase = ind ? defined : fields.map((f) => `NOT (${missing(f)})`).join(' AND ') || d.true;
      // Rows not used for field f, by reason: 'missing', or each of core's reasons where the status is kept.
      const reasons = (f: string, condition: string): { rule: string; at: number }[] => {
        const status = has(f) ? context.statusColumn?.(f) : undefined;
        if (!status) return [{ rule: 'missing', at: add(condition) }];
        return Object.values(valueStatus)
          .filter((code) => code !== valueStatus.ok)
          .map((code) => ({ rule: ruleOfStatus(code)!, at: add(`${condition} AND ${status} = ${code}`) }));
      };
      const fieldAt = fields.map((f, i) => reasons(f, [`NOT (${defined})`, ...fields.slice(0, i).map((g) => `NOT (${missing(g)})`), missing(f)].join(' AND ')));
      const notApplicable = ind ? add([`NOT (${defined})`, ...fields.map((g) => `NOT (${missing(g)})`)].join(' AND ')) : -1;
      const reps = request.replicates ?? [];
      const repAt = reps.map((rep, i) => reasons(rep, [usedBase, ...reps.slice(0, i).map((g) => `NOT (${missing(g)})`), missing(rep)].join(' AND ')));
      const used = add([usedBase, ...reps.map((g) => `NOT (${missing(g)})`)].join(' AND '));
      const rowsRead = add(d.true);
      plans.push((row) => {
        const at = (i: number): number => numberOf(row[`u${i}`]![0]);
        const excluded: AnalysisUsage['excluded'] = [];
        const push = (f: string, list: { rule: string; at: number }[]): void => {
          for (const r of list) if (at(r.at)) excluded.push({ rule: r.rule as RuleId, field: f, count: at(r.at) });
        };
        fields.forEach((f, i) => push(f, fieldAt[i]!));
        if (ind && at(notApplicable)) excluded.push({ rule: 'not_applicable', field: `rate.${ind}`, count: at(notApplicable) });
        reps.forEach((f, i) => push(f, repAt[i]!));
        const sqlPart: AnalysisUsage = { analysis: request.analysis, rowsRead: at(rowsRead), rowsUsed: at(used), excluded };
        const { kind: _, ...rest } = request;
        answers.set(requestKey(request), mergeUsage(core.usage(rest), sqlPart, subset.mapping));
      });
    }
    queries.push({ sql: `SELECT ${aggregates.map((a, i) => `${a} AS u${i}`).join(', ')} FROM ${source}`, finish: (row) => plans.forEach((plan) => plan(row)) });
  }
  let next = queries.length ? run(queries[0]!.sql) : undefined;
  for (let i = 0; i < queries.length; i++) {
    const answer = await next!;
    next = i + 1 < queries.length ? run(queries[i + 1]!.sql) : undefined;
    // A failure of the next query is met at its await; not unhandled while this one is merged.
    next?.catch(() => undefined);
    queries[i]!.finish(answer);
  }
  return answers;
}

/** The SQL part of a moments request as core's GroupedMoments (first rows as row numbers). */
function momentsFrom(
  keys: readonly string[],
  rows: Record<string, Column>,
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
    if (!isNull(same![g])) {
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

const label = (v: unknown): KeyLabel => (isNull(v) ? null : typeof v === 'bigint' ? Number(v) : (v as string | number));

/** The SQL part of an entries request, with each entry's first row number. */
function entriesFrom(
  keys: readonly string[],
  rows: Record<string, Column>,
  a: { count: string; first: string; stratum: string | undefined; sumWeights: string[]; sumWY: string[]; sumWYY: string[] },
  rowNumber: (r: number) => number,
  labelsOf: (keys: readonly string[]) => KeyLabel[][],
  stratumLabel: (v: unknown) => KeyLabel,
  shape: Pick<DesignEntries, 'plausibleValues' | 'replicates' | 'method'>,
): { entries: DesignEntries; first: Float64Array } {
  const n = rows[a.count] as ArrayLike<number>;
  const keep: number[] = [];
  for (let g = 0; g < n.length; g++) if (n[g]! > 0) keep.push(g);
  const size = keep.length;
  // One column per statistic, entry-major (the aggregates are in the layout's order).
  const take = (names: string[]): Float64Array => {
    const width = names.length;
    const out = new Float64Array(size * width);
    names.forEach((name, j) => {
      const column = rows[name] as ArrayLike<number>;
      for (let i = 0; i < size; i++) out[i * width + j] = column[keep[i]!]!;
    });
    return out;
  };
  const all = labelsOf(keys);
  const firstRows = rows[a.first] as ArrayLike<number>;
  const strata = a.stratum ? rows[a.stratum]! : undefined;
  const first = new Float64Array(size);
  for (let i = 0; i < size; i++) first[i] = rowNumber(firstRows[keep[i]!]!);
  const entries = designEntriesOf({
    ...shape,
    keys: [...keys],
    labels: size === n.length ? all : all.map((column) => keep.map((g) => column[g]!)),
    strata: keep.map((g) => (strata ? stratumLabel(strata[g]) : null)),
    count: Float64Array.from(keep, (g) => n[g]!),
    sumWeights: take(a.sumWeights),
    sumWY: take(a.sumWY),
    sumWYY: take(a.sumWYY),
  });
  return { entries, first };
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
  const reps = (request.design.replicates?.columns ?? []).map((c) => readNumbers(data.table, c));
  for (let i = 0; i < n; i++) {
    if (values.some((v) => Number.isNaN(v[i]!)) || reps.some((v) => Number.isNaN(v[i]!))) usable[i] = NaN;
  }
  const g = groupedMoments(data.table, { keys: request.keys, value: '', values: usable, weight: null });
  for (let i = 0; i < g.count.length; i++) first.set(JSON.stringify(g.labels.map((l) => l[i]!)), data.rowNumbers[g.firstRow![i]!]!);
  return first;
}

/**
 * The key whose labels in core's part are the most varied (e.g. the school, not the one
 * province every row shares), with those labels: an SQL group can only merge with a core group
 * whose label it shares there, so the test passes over almost every SQL group at once.
 */
function selectiveKey(labels: readonly KeyLabel[][]): { at: number; labels: Set<KeyLabel> } {
  let best = { at: 0, labels: new Set<KeyLabel>(labels[0] ?? []) };
  for (let k = 1; k < labels.length; k++) {
    const set = new Set(labels[k]);
    if (set.size > best.labels.size) best = { at: k, labels: set };
  }
  return best;
}

/** Merges the SQL and core parts of a moments summary; groups ordered by first row. */
function mergeMoments(a: GroupedMoments, b: GroupedMoments): GroupedMoments {
  if (b.count.length === 0) return byFirstRow(a);
  type G = { labels: KeyLabel[]; n: number; w: number; w2: number; mean: number; m2: number; first: number };
  const groups = new Map<string, G>();
  // Only groups whose label at the most selective key occurs in core's (few) groups can merge: the others need no key.
  const { at, labels: coreLabels } = selectiveKey(b.labels);
  let unique = 0;
  for (const s of [a, b]) {
    for (let i = 0; i < s.count.length; i++) {
      const labels = s.labels.map((l) => l[i]!);
      const key = s === b || b.keys.length === 0 || coreLabels.has(labels[at]!) ? JSON.stringify(labels) : `\u0000${unique++}`;
      const g = groups.get(key);
      const x: G = { labels, n: s.count[i]!, w: s.sumWeights[i]!, w2: s.sumWeights2[i]!, mean: s.mean[i]!, m2: s.m2[i]!, first: s.firstRow![i]! };
      if (!g) {
        groups.set(key, x);
        continue;
      }
      // Core's Chan merge; the earlier rows' part first (as one scan of the file adds them).
      const [p, q] = g.first < x.first ? [g, x] : [x, g];
      const both = p.w !== 0 && q.w !== 0;
      if (both) mergeMeanM2(p.w, p.mean, p.m2, q.w, q.mean, q.m2, step);
      groups.set(key, {
        labels,
        n: p.n + q.n,
        w: p.w + q.w,
        w2: p.w2 + q.w2,
        mean: both ? step[0]! : p.w === 0 ? q.mean : p.mean,
        m2: both ? step[1]! : p.w === 0 ? q.m2 : p.m2,
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

/** Scratch of mergeMeanM2 (mean, m2). */
const step = new Float64Array(2);

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
function mergeEntries(sqlPart: { entries: DesignEntries; first: Float64Array }, corePart: DesignEntries, coreFirst: Map<string, number>): DesignEntries {
  const { entries: sql, first } = sqlPart;
  const R = sql.replicates;
  const M = sql.plausibleValues;
  const [nw, ny, nyy] = [R + 1, M * (R + 1), M];
  const labelsAt = (d: DesignEntries, e: number): KeyLabel[] => d.labels.map((column) => column[e]!);
  // Each output entry: where its totals come from (an SQL entry, a core entry, or both).
  type Source = { sql: number; core: number; first: number };
  const list: Source[] = [];
  if (corePart.size === 0) {
    for (let e = 0; e < sql.size; e++) list.push({ sql: e, core: -1, first: first[e]! });
  } else {
    const byLabels = new Map<string, Source>();
    // Only entries whose label at the most selective key occurs in core's (few) entries can merge: the others need no key.
    const { at, labels: coreLabels } = selectiveKey(corePart.labels);
    for (let e = 0; e < sql.size; e++) {
      const x: Source = { sql: e, core: -1, first: first[e]! };
      list.push(x);
      if (coreLabels.has(sql.labels[at]![e]!)) byLabels.set(JSON.stringify(labelsAt(sql, e)), x);
    }
    for (let e = 0; e < corePart.size; e++) {
      const key = JSON.stringify(labelsAt(corePart, e));
      const coreRow = coreFirst.get(key) ?? Number.MAX_SAFE_INTEGER;
      const x = byLabels.get(key);
      if (x) {
        x.core = e;
        x.first = Math.min(x.first, coreRow);
      } else list.push({ sql: -1, core: e, first: coreRow });
    }
  }
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1]!.first < list[i]!.first;
  if (!sorted) list.sort((x, y) => x.first - y.first);
  if (corePart.size === 0 && sorted) return sql;
  const size = list.length;
  const out = {
    count: new Float64Array(size),
    sumWeights: new Float64Array(size * nw),
    sumWY: new Float64Array(size * ny),
    sumWYY: new Float64Array(size * nyy),
  };
  const labels: KeyLabel[][] = sql.keys.map(() => new Array<KeyLabel>(size));
  const strata = new Array<KeyLabel>(size);
  const add = (d: DesignEntries, e: number, i: number): void => {
    out.count[i]! += d.count[e]!;
    for (let j = 0; j < nw; j++) out.sumWeights[i * nw + j]! += d.sumWeights[e * nw + j]!;
    for (let j = 0; j < ny; j++) out.sumWY[i * ny + j]! += d.sumWY[e * ny + j]!;
    for (let j = 0; j < nyy; j++) out.sumWYY[i * nyy + j]! += d.sumWYY[e * nyy + j]!;
  };
  list.forEach((x, i) => {
    const from = x.sql >= 0 ? sql : corePart;
    const e = x.sql >= 0 ? x.sql : x.core;
    for (let k = 0; k < labels.length; k++) labels[k]![i] = from.labels[k]![e]!;
    // The stratum of the part with the earlier first row.
    strata[i] = x.sql >= 0 && x.core >= 0 ? (first[x.sql]! <= x.first ? sql.strata[x.sql]! : corePart.strata[x.core]!) : from.strata[e]!;
    if (x.sql >= 0) add(sql, x.sql, i);
    if (x.core >= 0) add(corePart, x.core, i);
  });
  return designEntriesOf({ keys: [...sql.keys], labels, strata, ...out, plausibleValues: M, replicates: R, method: sql.method });
}
