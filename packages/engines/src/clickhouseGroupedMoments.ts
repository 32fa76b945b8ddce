import type { GroupedMoments, KeyLabel } from '@jiance/core';
import { clickhouseQuery, type ClickhouseConnection } from './clickhouseHttp.js';
import type { EngineSummaries } from './duckdbGroupedMoments.js';
import { momentsFromSums } from './momentsFromSums.js';
import { resolveSpec, type SummarySpec } from './summarySpec.js';
import { clickhouseSummarySql, quoteIdentifier } from './summarySql.js';

/** `db.table` or `table` as quoted identifiers. */
export function clickhouseTableName(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

/**
 * Per-group weighted moments (分组加权矩) of several value columns from a ClickHouse table —
 * typically a `Distributed` table over the shards of a national cluster — in ONE summary query:
 * each shard aggregates its rows, the initiator merges the partial sums, and only one row per
 * group travels back. Equal to core's `groupedMoments` per value up to rounding (≤ 1e-9
 * relative; tested on a local two-shard cluster), with the validity rules of summarySql.ts.
 *
 * Requests: `DESCRIBE TABLE` (columns and types; fails early and clearly on a wrong password or
 * a missing table), a probe of ≤ 10,000 rows for the centres unless `spec.centres` gives them,
 * and the summary. Each has the connection's time limit. Numbers must be numeric columns
 * (String columns are parsed with toFloat64OrNull, slower); keys String or integer.
 *
 * @example
 * const { moments } = await clickhouseGroupedMoments({ url: 'http://127.0.0.1:8123', user: 'jiance', password: '…' }, 'students', {
 *   keys: ['year', 'grade', 'county', 'school'], values: ['math', 'sleep_hours'] });
 * moments.math.mean[0]; // => 512.3
 */
export async function clickhouseGroupedMoments(connection: ClickhouseConnection, table: string, spec: SummarySpec): Promise<EngineSummaries> {
  const name = clickhouseTableName(table);
  const described = await clickhouseQuery(connection, `DESCRIBE TABLE ${name}`, { table });
  const types = Object.fromEntries(described.data.map((row) => [String(row[0]), String(row[1])]));
  const resolved = resolveSpec(spec, Object.keys(types), `ClickHouse table ${table}`);
  const given = resolved.values.map((v) => spec.centres?.[v.role]);
  let centres = given as number[];
  if (given.some((c) => c === undefined)) {
    const probe = await clickhouseQuery(connection, clickhouseSummarySql(resolved, name, types, []).centres, { table });
    centres = given.map((c, i) => c ?? Number(probe.data[0]?.[i] ?? 0));
  }
  const sql = clickhouseSummarySql(resolved, name, types, centres).summary;
  const result = await clickhouseQuery(connection, sql, { table });
  const column = new Map(result.meta.map((m, i) => [m.name, i]));
  const pick = <T>(field: string, convert: (v: unknown) => T): T[] => {
    const at = column.get(field)!;
    return result.data.map((row) => convert(row[at]));
  };
  const labels = resolved.keys.map((_, k) => pick<KeyLabel>(`k_${k}`, (v) => (v === null ? null : typeof v === 'number' ? v : String(v))));
  const moments: Record<string, GroupedMoments> = {};
  resolved.values.forEach((v, i) => {
    moments[v.role] = momentsFromSums(spec.keys, labels, {
      count: pick(`n_${i}`, Number),
      sumWeights: pick(`sw_${i}`, Number),
      sumWeights2: pick(`sw2_${i}`, Number),
      sum1: pick(`s1_${i}`, Number),
      sum2: pick(`s2_${i}`, Number),
      centre: centres[i]!,
    });
  });
  return { moments, centres: Object.fromEntries(resolved.values.map((v, i) => [v.role, centres[i]!])), sql };
}
