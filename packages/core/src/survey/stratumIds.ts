import type { KeyLabel } from '../summary/groupedMoments.js';
import type { DesignEntries } from './designEntries.js';

const cache = new WeakMap<DesignEntries, Int32Array>();

/**
 * The stratum of each design entry as an integer id (抽样层编号), strata nested in provinces:
 * two entries share a stratum only when they share the stratum label *and*, when the entries
 * are keyed by province, the province. A county is (province, county), so the default strata
 * (counties) of two provinces never merge when both have a 朝阳区; without a strata column the
 * provinces themselves are the strata. Ids are numbered in order of first appearance, so for
 * data of one province they follow the labels one to one (results identical to grouping by
 * label). Cached per entries object.
 *
 * @example
 * // Two provinces with a 朝阳区 each: three schools, two strata.
 * const entries = designEntriesOf({ keys: ['province', 'county', 'school'], labels: [['北京市', '北京市', '吉林省'], ['朝阳区', '朝阳区', '朝阳区'], ['s1', 's2', 's1']], strata: ['朝阳区', '朝阳区', '朝阳区'], count: Float64Array.of(1, 1, 1), sumWeights: Float64Array.of(1, 1, 1), sumWY: Float64Array.of(1, 1, 1), sumWYY: Float64Array.of(1, 1, 1), plausibleValues: 1, replicates: 0, method: null });
 * stratumIds(entries); // => Int32Array [0, 0, 1]
 */
export function stratumIds(design: DesignEntries): Int32Array {
  const hit = cache.get(design);
  if (hit) return hit;
  const at = design.keys.indexOf('province');
  const province = at >= 0 ? design.labels[at]! : undefined;
  const byProvince = new Map<KeyLabel, Map<KeyLabel, number>>();
  const ids = new Int32Array(design.size);
  let next = 0;
  for (let e = 0; e < design.size; e++) {
    const p = province ? province[e]! : null;
    let inner = byProvince.get(p);
    if (!inner) byProvince.set(p, (inner = new Map()));
    const s = design.strata[e] ?? '';
    let id = inner.get(s);
    if (id === undefined) inner.set(s, (id = next++));
    ids[e] = id;
  }
  cache.set(design, ids);
  return ids;
}
