import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { JianceError } from '@jiance/core';
import { summariesFromColumns, type EngineSummaries } from './engineSummaries.js';
import { duckdbFailed } from './messages.js';
import { resolveSpec, type ResolvedSpec, type SummarySpec } from './summarySpec.js';
import { duckdbSummarySql } from './summarySql.js';
import { duckdbDialect } from './analysisSql.js';

/** A DuckDB string literal (backslashes literal: quoteString doubles them, as ClickHouse needs). */
const quoteString = duckdbDialect.string;

/** A file DuckDB reads in place: CSV (UTF-8, header row) or Parquet, by extension or `format`. */
export type DuckdbSource = string | { path: string; format?: 'csv' | 'parquet' };

/** Options of {@link duckdbGroupedMoments}. */
export interface DuckdbOptions {
  /** A connection to reuse (default: a new in-memory database, closed afterwards). */
  connection?: DuckDBConnection;
  /** DuckDB threads (default: DuckDB's, all cores). */
  threads?: number;
  /** Kahan-compensated sums (`fsum`, ~1.5× slower); the shifted plain sums are already ≤ 1e-12. */
  compensated?: boolean;
}

const sourceOf = (source: DuckdbSource): { path: string; format: 'csv' | 'parquet' } => {
  const { path, format } = typeof source === 'string' ? { path: source, format: undefined } : source;
  return { path, format: format ?? (/\.parquet$/i.test(path) ? 'parquet' : 'csv') };
};

/**
 * The `read_csv(…)` / `read_parquet(…)` table function for a source. A CSV is read as text
 * (`all_varchar`), or, given a resolved spec, with its value and weight columns typed DOUBLE and
 * its keys VARCHAR (faster; a cell such as 缺考 then fails the scan and the caller reads as text).
 *
 * @example
 * duckdbRelation('a.csv'); // => "read_csv('a.csv', header = true, all_varchar = true)"
 */
export function duckdbRelation(source: DuckdbSource, typed?: ResolvedSpec): string {
  const { path, format } = sourceOf(source);
  if (format === 'parquet') return `read_parquet(${quoteString(path)})`;
  if (!typed) return `read_csv(${quoteString(path)}, header = true, all_varchar = true)`;
  const types = new Map<string, string>();
  for (const c of [...typed.keys, ...typed.rowRules]) types.set(c.column, c.kind === 'number' ? 'DOUBLE' : 'VARCHAR');
  for (const c of [...typed.values, ...(typed.weight ? [typed.weight] : [])]) types.set(c.column, 'DOUBLE');
  const struct = [...types].map(([column, type]) => `${quoteString(column)}: '${type}'`).join(', ');
  return `read_csv(${quoteString(path)}, header = true, types = {${struct}})`;
}

/** A conversion failure of a typed CSV read (a non-number in a DOUBLE column). */
const conversionFailed = (error: unknown): boolean => /Conversion Error|Could not convert|CSV Error/i.test(String((error as Error)?.message ?? error));

/**
 * Per-group weighted moments (分组加权矩) of several value columns, computed by DuckDB straight
 * from a CSV or Parquet file in one GROUP BY (no rows enter JavaScript). Equal to core's
 * `groupedMoments(studentTable(file).table, { keys, value, weight })` for each value, up to
 * rounding (≤ 1e-9 relative; tested on the fixtures), with the same rows and values used:
 * see summarySql.ts for the validity rules and the shifted sums. With `spec.unweighted` the same
 * scan also gives the unweighted moments.
 *
 * A CSV is first read with typed value columns (fast); if a cell is not a number (缺考) the scan
 * is repeated reading text, where such cells become missing as in core.
 * Counts come back from DuckDB as BigInt and are converted to numbers.
 *
 * @example
 * const { moments } = await duckdbGroupedMoments('fixtures/province.csv', { keys: ['county', 'school'], values: ['math'] });
 * moments.math.count.length; // => 212 schools
 */
export async function duckdbGroupedMoments(source: DuckdbSource, spec: SummarySpec, options: DuckdbOptions = {}): Promise<EngineSummaries> {
  const { path, format } = sourceOf(source);
  const owned = options.connection ? undefined : await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const connection = options.connection ?? (await owned!.connect());
  const columnsOf = async (sql: string): Promise<Record<string, unknown[]>> => (await connection.runAndReadAll(sql)).getColumnsObjectJS() as Record<string, unknown[]>;
  try {
    const columns = (await columnsOf(`DESCRIBE SELECT * FROM ${duckdbRelation(source)}`)).column_name as string[];
    const resolved = resolveSpec(spec, columns, `"${path}"`);
    const summarise = async (relation: string): Promise<EngineSummaries> => {
      const given = resolved.values.map((v) => spec.centres?.[v.role]);
      let centres = given as number[];
      if (given.some((c) => c === undefined)) {
        const probe = await columnsOf(duckdbSummarySql(resolved, relation, []).centres);
        centres = given.map((c, i) => c ?? Number(probe[`c_${i}`]?.[0] ?? 0));
      }
      const sqlOptions = { unweighted: spec.unweighted ?? false, compensated: options.compensated ?? false };
      const sql = duckdbSummarySql(resolved, relation, centres, sqlOptions).summary;
      const out = await columnsOf(sql);
      return summariesFromColumns(spec.keys, resolved, (name) => out[name] ?? [], centres, sql, sqlOptions.unweighted);
    };
    if (format === 'parquet') return await summarise(duckdbRelation(source));
    try {
      return await summarise(duckdbRelation(source, resolved));
    } catch (error) {
      if (!conversionFailed(error)) throw error;
      return await summarise(duckdbRelation(source));
    }
  } catch (error) {
    if (error instanceof JianceError) throw error;
    throw new JianceError(duckdbFailed(path, error instanceof Error ? error.message : String(error)), { cause: error });
  } finally {
    if (owned) {
      connection.closeSync();
      owned.closeSync();
    }
  }
}
