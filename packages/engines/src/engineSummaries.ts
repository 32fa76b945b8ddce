import type { GroupedMoments, KeyLabel } from '@jiance/core';
import { momentsFromSums } from './momentsFromSums.js';
import type { ResolvedSpec } from './summarySpec.js';

/** Per-value grouped moments from one summary query, with what was run. */
export interface EngineSummaries {
  /** value role → its weighted grouped moments (groups ordered by the keys). */
  moments: Record<string, GroupedMoments>;
  /** value role → its unweighted moments (every weight 1), when the spec asked for them. */
  unweighted?: Record<string, GroupedMoments>;
  /** The shift used per value. */
  centres: Record<string, number>;
  /** The summary query as sent. */
  sql: string;
}

/**
 * Assembles an engine's answer (columns k_i, n_i, sw_i, sw2_i, s1_i, s2_i, u1_i, u2_i) into
 * core's grouped moments per value, weighted and, when present, unweighted.
 *
 * @example
 * summariesFromColumns(['school'], resolved, (name) => columns[name], [500], sql).moments.math.mean; // => Float64Array [512.5, …]
 */
export function summariesFromColumns(
  keys: readonly string[],
  spec: ResolvedSpec,
  column: (name: string) => ArrayLike<unknown>,
  centres: readonly number[],
  sql: string,
  unweighted = false,
): EngineSummaries {
  const labels = spec.keys.map((_, k) => Array.from(column(`k_${k}`), (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v))) as KeyLabel[]);
  const numbers = (name: string): number[] => Array.from(column(name), (v) => (v === null || v === undefined ? NaN : Number(v)));
  const moments: Record<string, GroupedMoments> = {};
  const plain: Record<string, GroupedMoments> = {};
  spec.values.forEach((v, i) => {
    const count = numbers(`n_${i}`);
    moments[v.role] = momentsFromSums(keys, labels, {
      count,
      sumWeights: numbers(`sw_${i}`),
      sumWeights2: numbers(`sw2_${i}`),
      sum1: numbers(`s1_${i}`),
      sum2: numbers(`s2_${i}`),
      centre: centres[i]!,
    });
    if (unweighted) {
      plain[v.role] = momentsFromSums(keys, labels, { count, sumWeights: count, sumWeights2: count, sum1: numbers(`u1_${i}`), sum2: numbers(`u2_${i}`), centre: centres[i]! });
    }
  });
  const centreOf = Object.fromEntries(spec.values.map((v, i) => [v.role, centres[i]!]));
  return unweighted ? { moments, unweighted: plain, centres: centreOf, sql } : { moments, centres: centreOf, sql };
}
