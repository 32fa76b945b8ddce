import { groupCount, labelsAt, type GroupedMoments } from '@jiance/core';

/** How far two summaries of the same groups are apart, per statistic. */
export interface MomentsDifference {
  /** Groups in both. */
  matched: number;
  /** Labels (JSON) of groups in only one of them. */
  onlyInFirst: string[];
  onlyInSecond: string[];
  /** Largest relative difference |a − b| / max(|a|, |b|) over matched groups (0 when both are 0). */
  count: number;
  sumWeights: number;
  sumWeights2: number;
  mean: number;
  m2: number;
}

const relative = (a: number, b: number): number => {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
};

/**
 * Compares two grouped-moment summaries group by group, matching groups by their labels (the
 * order of groups may differ between engines): the largest relative difference of each
 * statistic, and the groups found in one only.
 *
 * @example
 * momentsDifference(fromDuckdb, groupedMoments(table, spec)).m2; // => 3.1e-14
 */
export function momentsDifference(a: GroupedMoments, b: GroupedMoments): MomentsDifference {
  const index = new Map<string, number>();
  for (let i = 0; i < groupCount(b); i++) index.set(JSON.stringify(labelsAt(b, i)), i);
  const out: MomentsDifference = { matched: 0, onlyInFirst: [], onlyInSecond: [], count: 0, sumWeights: 0, sumWeights2: 0, mean: 0, m2: 0 };
  const seen = new Set<number>();
  for (let i = 0; i < groupCount(a); i++) {
    const key = JSON.stringify(labelsAt(a, i));
    const j = index.get(key);
    if (j === undefined) {
      out.onlyInFirst.push(key);
      continue;
    }
    seen.add(j);
    out.matched++;
    for (const s of ['count', 'sumWeights', 'sumWeights2', 'mean', 'm2'] as const) out[s] = Math.max(out[s], relative(a[s][i]!, b[s][j]!));
  }
  for (const [key, j] of index) if (!seen.has(j)) out.onlyInSecond.push(key);
  return out;
}
