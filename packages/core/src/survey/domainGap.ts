import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { groupCount, groupedMoments, type KeyLabel } from '../summary/groupedMoments.js';
import type { StudentData } from '../table/studentTable.js';
import type { ComparisonMark } from './compareWithTotal.js';
import { stratifiedVariance } from './stratifiedVariance.js';

/** A gap between two groups of students inside one county × year × grade (县内差距). */
export interface DomainGap {
  county: KeyLabel;
  year: KeyLabel;
  grade: KeyLabel;
  /** The two levels compared, a − b (e.g. 城区 − 乡村, M − F). */
  a: string;
  b: string;
  meanA: number;
  meanB: number;
  studentsA: number;
  studentsB: number;
  gap: number;
  se: number;
  lower: number;
  upper: number;
  pValue: number;
  mark: ComparisonMark;
}

/**
 * Gaps inside each county (城乡差距、性别差距): the difference between the weighted means of two
 * levels of a student or school characteristic (sex M − F, locale 城区 − 乡村), per county ×
 * year × grade, with the linearised SE over schools (a school may hold both levels):
 *
 *   z_j = W_ja (ȳ_ja − ȳ_a)/W_a − W_jb (ȳ_jb − ȳ_b)/W_b,  v = J/(J − 1) Σ (z_j − z̄)²,
 *
 * as R `svycontrast(svymean(~ya + a + yb + b, svydesign(ids = ~school, weights = ~w)),
 * quote(ya/a − yb/b))` within the county. Cells without both levels are skipped.
 *
 * @example
 * domainGap(data, 'math', 'locale', '城区', '乡村')[0].gap; // => 21.4
 */
export function domainGap(data: StudentData, value: string, by: string, a: string, b: string, level = 0.95): DomainGap[] {
  if (!data.table.getChild(by)) return [];
  const g = groupedMoments(data.table, { keys: ['county', 'year', 'grade', 'school', by], value });
  const cells = new Map<string, number[]>();
  for (let i = 0; i < groupCount(g); i++) {
    const key = JSON.stringify([g.labels[0]![i], g.labels[1]![i], g.labels[2]![i]]);
    cells.set(key, [...(cells.get(key) ?? []), i]);
  }
  const q = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const out: DomainGap[] = [];
  for (const [key, rows] of cells) {
    const [county, year, grade] = JSON.parse(key) as [KeyLabel, KeyLabel, KeyLabel];
    const schools = new Map<string, { Wa: number; Sa: number; Wb: number; Sb: number }>();
    let Wa = 0;
    let Sa = 0;
    let Wb = 0;
    let Sb = 0;
    let na = 0;
    let nb = 0;
    for (const i of rows) {
      const school = String(g.labels[3]![i]);
      const lvl = String(g.labels[4]![i]);
      const s = schools.get(school) ?? { Wa: 0, Sa: 0, Wb: 0, Sb: 0 };
      if (lvl === a) {
        s.Wa += g.sumWeights[i]!;
        s.Sa += g.sumWeights[i]! * g.mean[i]!;
        Wa += g.sumWeights[i]!;
        Sa += g.sumWeights[i]! * g.mean[i]!;
        na += g.count[i]!;
      } else if (lvl === b) {
        s.Wb += g.sumWeights[i]!;
        s.Sb += g.sumWeights[i]! * g.mean[i]!;
        Wb += g.sumWeights[i]!;
        Sb += g.sumWeights[i]! * g.mean[i]!;
        nb += g.count[i]!;
      }
      schools.set(school, s);
    }
    if (!(Wa > 0) || !(Wb > 0)) continue;
    const meanA = Sa / Wa;
    const meanB = Sb / Wb;
    const { variance } = stratifiedVariance(
      [...schools.values()].map((s) => ({ stratum: 1, z: (s.Sa - s.Wa * meanA) / Wa - (s.Sb - s.Wb * meanB) / Wb })),
    );
    const gap = meanA - meanB;
    const se = Math.sqrt(variance);
    const pValue = se > 0 ? 2 * (1 - normalCdf(Math.abs(gap / se), 0, 1)) : 1;
    const lower = gap - q * se;
    const upper = gap + q * se;
    out.push({ county, year, grade, a, b, meanA, meanB, studentsA: na, studentsB: nb, gap, se, lower, upper, pValue, mark: lower > 0 ? 'higher' : upper < 0 ? 'lower' : 'similar' });
  }
  return out;
}
