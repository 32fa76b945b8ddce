import {
  defaultSleepRequirement,
  derivedInputs,
  defaultVisionThresholds,
  wst456Table,
  wst586Table,
  type IndicatorId,
  type IndicatorOptions,
  type Measure,
  type ScoreBand,
} from '@jiance/core';
import { quoteIdentifier, quoteString } from './sqlQuote.js';

/** A DuckDB string literal: quotes doubled, backslashes literal (unlike ClickHouse's). */
const duckdbString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The few spellings in which SQL engines differ (方言), so that the analysis SQL can be reused
 * by another engine (ClickHouse) by giving its dialect. Everything else is plain SQL: CASE,
 * count/sum/min, GROUP BY.
 */
export interface SqlDialect {
  /** A quoted identifier ("math"). */
  id(name: string): string;
  /** A string literal. */
  string(text: string): string;
  /** A DOUBLE literal that parses to exactly the JavaScript number (no DECIMAL literals). */
  double(value: number): string;
  /** The cell text as DOUBLE, NULL when it is not a number. */
  tryDouble(expr: string): string;
  /** `expr` with every character of `chars` deleted. */
  deleteChars(expr: string, chars: string): string;
  /** True where `expr` contains a match of the (RE2) regular expression. */
  matches(expr: string, pattern: string): string;
  /** The boolean literals (ClickHouse 18 has none: 1 and 0). */
  true: string;
  false: string;
  /** Number of rows where `condition` holds (an aggregate). */
  countIf(condition: string): string;
  /** `value` of the row with the least `by` (NULL `by` skipped; an aggregate). */
  argMin(value: string, by: string): string;
  /** values[i] where `key` equals keys[i] exactly, else NULL (a lookup table, e.g. cut-offs by age). */
  lookup(key: string, keys: readonly number[], values: readonly number[]): string;
}

/**
 * DuckDB's dialect (`TRY_CAST`, `translate`).
 *
 * @example
 * duckdbDialect.double(16.4); // => "CAST('16.4' AS DOUBLE)"
 */
export const duckdbDialect: SqlDialect = {
  id: quoteIdentifier,
  string: duckdbString,
  double: (value) => `CAST('${String(value)}' AS DOUBLE)`,
  tryDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  deleteChars: (expr, chars) => `translate(${expr}, ${duckdbString(chars)}, '')`,
  matches: (expr, pattern) => `regexp_matches(${expr}, ${duckdbString(pattern)})`,
  true: 'TRUE',
  false: 'FALSE',
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  argMin: (value, by) => `arg_min(${value}, ${by})`,
  lookup: (key, keys, values) => `CASE ${key} ${keys.map((k, i) => `WHEN ${duckdbDialect.double(k)} THEN ${duckdbDialect.double(values[i]!)}`).join(' ')} END`,
};

/**
 * ClickHouse's dialect (18.16 and later; `countIf`, `argMin`, 1/0 for true/false). Number
 * literals are written as literals, which ClickHouse parses exactly (correctly rounded), unlike
 * `toFloat64('…')` and its text input formats (measured on 18.16: 31 of 306 random decimal
 * strings one ulp off).
 *
 * `columns` maps a role to the table's column for it (default: the role's own name).
 *
 * @example
 * clickhouseDialect().double(16.4); // => 'toFloat64(16.4)'
 * clickhouseDialect({ math: '数学' }).id('math'); // => '"数学"'
 */
export function clickhouseDialect(columns: Readonly<Record<string, string>> = {}): SqlDialect {
  return {
    id: (name) => quoteIdentifier(columns[name] ?? name),
    string: quoteString,
    double: (value) => {
      if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
      return `toFloat64(${String(value)})`;
    },
    tryDouble: (expr) => `toFloat64OrNull(toString(${expr}))`,
    deleteChars: (expr, chars) =>
      `replaceRegexpAll(${expr}, ${quoteString(`[${[...chars].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('')}]`)}, '')`,
    matches: (expr, pattern) => `match(${expr}, ${quoteString(pattern)})`,
    true: '1',
    false: '0',
    countIf: (condition) => `countIf(${condition})`,
    argMin: (value, by) => `argMin(${value}, ${by})`,
    // Arrays, not CASE: an array literal is one node of the query tree, so the cut-off tables stay
    // small when an indicator is expanded in many aggregates (as CASE they passed ClickHouse's
    // 500,000-node limit). Not `CASE key WHEN …` either: ClickHouse 18 rewrites it to
    // `transform`, which gives NULL for Float64 keys (measured: `CASE 6.5 WHEN 6.5 THEN 18 END`).
    lookup: (key, keys, values) => {
      const array = (xs: readonly number[]): string => `CAST([${xs.map((x) => (Number.isFinite(x) ? String(x) : 'nan')).join(', ')}] AS Array(Float64))`;
      const at = `indexOf(${array(keys)}, ifNull(${key}, nan))`;
      return `if(${at} = 0, NULL, arrayElement(${array(values)}, ${at}))`;
    },
  };
}

/** The characters JavaScript's `\s` and `String.prototype.trim` treat as white space. */
export const whiteSpace = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** {@link whiteSpace} as an RE2 character class (RE2's `\\s` lacks \\v and the Unicode spaces). */
export const whiteSpacePattern = '[\\s\\x{0B}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

/** A lookup generated from a table (no values copied into the source), as the dialect writes it. */
function lookup(d: SqlDialect, key: string, rows: readonly { key: number; value: number }[]): string {
  return d.lookup(
    key,
    rows.map((r) => r.key),
    rows.map((r) => r.value),
  );
}

/**
 * SQL expressions of core's detection-rate indicators (检出指标的 SQL 表达式) over the typed
 * columns of the canonical rows: 1, 0 or NULL exactly where core's `indicatorValues` gives 1,
 * 0 or NaN. The same IEEE operations in the same order are used (BMI = w / ((h/100)·(h/100)),
 * half-year age ⌊2·age + 1e-9⌋ / 2, the 1e-9 guard at the cut-offs, acuity and fitness
 * compared on rounded tenths), and the WS/T 586-2018 and WS/T 456-2014 cut-offs are generated
 * at run time from core's own tables (`wst586Table`, `wst456Table`), never copied.
 *
 * `fields` are the indicator's input columns as core chose them (e.g. ['va_left', 'va_right']
 * or ['vision_poor']).
 *
 * @example
 * indicatorSql(duckdbDialect, 'fitness_pass', ['fitness_score'], {}); // => "CASE WHEN \"fitness_score\" IS NULL THEN NULL WHEN round(…"
 */
export function indicatorSql(d: SqlDialect, id: IndicatorId, fields: readonly string[], options: IndicatorOptions): string {
  const c = (role: string): string => d.id(role);
  switch (id) {
    case 'vision_poor': {
      if (fields[0] === 'vision_poor') return `CAST(${c('vision_poor')} AS DOUBLE)`;
      const t = options.vision ?? defaultVisionThresholds;
      const [l, r] = [c('va_left'), c('va_right')];
      const worse = `round(least(coalesce(${l}, ${r}), coalesce(${r}, ${l})) * 10)`;
      return `CASE WHEN ${l} IS NULL AND ${r} IS NULL THEN NULL WHEN ${worse} >= ${d.double(Math.round(t.poorBelow * 10))} THEN (CASE WHEN ${l} IS NOT NULL AND ${r} IS NOT NULL THEN ${d.double(0)} END) ELSE ${d.double(1)} END`;
    }
    case 'sleep_short': {
      const s = options.sleep ?? defaultSleepRequirement;
      const [h, g] = [c('sleep_hours'), c('grade')];
      const need = `(CASE WHEN ${g} <= 6 THEN ${d.double(s.primary)} WHEN ${g} <= 9 THEN ${d.double(s.junior)} ELSE ${d.double(s.senior)} END)`;
      return `CASE WHEN ${h} IS NULL OR ${g} IS NULL THEN NULL WHEN ${h} < ${need} THEN ${d.double(1)} ELSE ${d.double(0)} END`;
    }
    case 'anxiety':
      if (fields[0] === 'anxiety_flag') return `CAST(${c('anxiety_flag')} AS DOUBLE)`;
      return `CASE WHEN ${c('anxiety')} IS NULL THEN NULL WHEN ${c('anxiety')} >= ${d.double(options.anxietyCutoff!)} THEN ${d.double(1)} ELSE ${d.double(0)} END`;
    case 'overweight':
    case 'obese':
    case 'overweight_obese':
    case 'thin': {
      const cat = bmiCategorySql(d);
      const one = d.double(1);
      const zero = d.double(0);
      if (id === 'overweight_obese') return `CASE WHEN ${cat} IS NULL THEN NULL WHEN ${cat} >= 2 THEN ${one} ELSE ${zero} END`;
      if (id === 'thin') return `CASE WHEN ${cat} IS NULL OR ${c('age')} >= 18 THEN NULL WHEN ${cat} = 0 THEN ${one} ELSE ${zero} END`;
      const code = id === 'overweight' ? 2 : 3;
      return `CASE WHEN ${cat} IS NULL THEN NULL WHEN ${cat} = ${code} THEN ${one} ELSE ${zero} END`;
    }
    case 'fitness_pass':
    case 'fitness_good': {
      const f = c('fitness_score');
      return `CASE WHEN ${f} IS NULL THEN NULL WHEN round(${f} * 10) >= ${id === 'fitness_pass' ? 600 : 800} THEN ${d.double(1)} ELSE ${d.double(0)} END`;
    }
  }
}

/** Name of the derived BMI-category column (0 thin, 1 normal, 2 overweight, 3 obese, NULL). */
export const bmiCategoryColumn = '__bmi_category';

/** The BMI category expression as a column reference (the column is derived once per scan). */
function bmiCategorySql(d: SqlDialect): string {
  return d.id(bmiCategoryColumn);
}

/**
 * core's `bmiCategory` as one SQL expression over height_cm, weight_kg, age and sex (体重状况):
 * 3 obese, 2 overweight, 0 thin, 1 normal (WS/T 586-2018, WS/T 456-2014), NULL where core
 * gives null (age outside 6.0–18.0, a non-positive height or weight, or a missing input).
 *
 * @example
 * bmiCategoryExpression(duckdbDialect); // => "CASE WHEN \"sex\" IS NULL OR … END"
 */
export function bmiCategoryExpression(d: SqlDialect): string {
  const [h, w, age, sex] = ['height_cm', 'weight_kg', 'age', 'sex'].map((r) => d.id(r));
  const half = `(floor(${age} * 2 + ${d.double(1e-9)}) / 2)`;
  const metres = `(${h} / ${d.double(100)})`;
  const bmi = `(${w} / (${metres} * ${metres}))`;
  const guard = d.double(1e-9);
  const bySex = (male: string, female: string): string => `(CASE WHEN ${sex} = 'M' THEN ${male} ELSE ${female} END)`;
  const t586 = (k: 'maleOverweight' | 'maleObese' | 'femaleOverweight' | 'femaleObese'): string =>
    lookup(
      d,
      half,
      wst586Table.map((r) => ({ key: r.age, value: r[k] })),
    );
  const t456 = (k: 'maleMild' | 'femaleMild'): string =>
    lookup(
      d,
      half,
      wst456Table.map((r) => ({ key: r.age, value: r[k] })),
    );
  const obese = bySex(t586('maleObese'), t586('femaleObese'));
  const overweight = bySex(t586('maleOverweight'), t586('femaleOverweight'));
  const thin = bySex(t456('maleMild'), t456('femaleMild'));
  const ages = wst586Table.map((r) => d.double(r.age)).join(', ');
  return (
    `CASE WHEN ${sex} IS NULL OR ${h} IS NULL OR ${w} IS NULL OR ${age} IS NULL THEN NULL ` +
    `WHEN ${half} NOT IN (${ages}) OR NOT (${h} > 0) OR NOT (${w} > 0) THEN NULL ` +
    `WHEN ${bmi} + ${guard} >= ${obese} THEN 3 WHEN ${bmi} + ${guard} >= ${overweight} THEN 2 ` +
    `WHEN ${thin} IS NOT NULL AND ${bmi} - ${guard} <= ${thin} THEN 0 ELSE 1 END`
  );
}

/**
 * A measure's value per row as SQL (度量的 SQL): the column, one plausible value (NULL unless
 * every value of the set is present), or an indicator column; NULL too where a replicate
 * weight is missing — as core's `tableSource` builds the measure's values.
 *
 * @example
 * measureSql(duckdbDialect, { column: 'math', replicates: ['rep_w1'] }, () => ''); // => 'CASE WHEN "rep_w1" IS NOT NULL THEN "math" END'
 */
export function measureSql(d: SqlDialect, measure: Measure, indicatorColumn: (id: IndicatorId) => string): string {
  let value: string;
  const conditions: string[] = [];
  if ('indicator' in measure) value = d.id(indicatorColumn(measure.indicator));
  else if ('derived' in measure) {
    const [a, b] = derivedInputs[measure.derived].map((c) => d.id(c)) as [string, string];
    // The same operations in the same order as core's measureValues (so the same doubles).
    value =
      measure.derived === 'bmi'
        ? `CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL THEN ${a} / ((${b} / ${d.double(100)}) * (${b} / ${d.double(100)})) END`
        : `CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL THEN CASE WHEN ${a} <= ${b} THEN ${a} ELSE ${b} END END`;
  } else {
    if ('columns' in measure) {
      value = d.id(measure.columns[measure.pv]!);
      conditions.push(...measure.columns.map((c) => `${d.id(c)} IS NOT NULL`));
    } else value = d.id(measure.column);
    if (measure.band) value = bandSql(d, value, measure.band);
  }
  for (const r of measure.replicates ?? []) conditions.push(`${d.id(r)} IS NOT NULL`);
  return conditions.length ? `CASE WHEN ${conditions.join(' AND ')} THEN ${value} END` : value;
}

/**
 * A score band as SQL (分数段): 1 where the score is in its grade's [lower, upper), 0 outside,
 * NULL where the score is NULL or the grade has no band — as core's measureValues.
 *
 * @example
 * bandSql(duckdbDialect, '"math"', { cuts: { '4': [500, null] } }); // => 'CASE WHEN "math" IS NULL THEN NULL WHEN "grade" = CAST(\'4\' AS DOUBLE) THEN CASE WHEN "math" >= CAST(\'500\' AS DOUBLE) THEN CAST(\'1\' AS DOUBLE) ELSE CAST(\'0\' AS DOUBLE) END END'
 */
export function bandSql(d: SqlDialect, score: string, band: ScoreBand): string {
  const one = d.double(1);
  const zero = d.double(0);
  const inside = ([lower, upper]: readonly [number | null, number | null]): string =>
    `CASE WHEN ${[lower === null ? '' : `${score} >= ${d.double(lower)}`, upper === null ? '' : `${score} < ${d.double(upper)}`].filter(Boolean).join(' AND ') || d.true} THEN ${one} ELSE ${zero} END`;
  const grades = Object.entries(band.cuts)
    .filter(([grade]) => grade !== '*')
    .map(([grade, b]) => `WHEN ${d.id('grade')} = ${d.double(Number(grade))} THEN ${inside(b)}`);
  const other = band.cuts['*'];
  return `CASE WHEN ${score} IS NULL THEN NULL ${grades.join(' ')}${other ? ` ELSE ${inside(other)}` : ''} END`;
}
