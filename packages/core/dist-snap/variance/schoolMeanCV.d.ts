import type { ClusterSummary } from './clusterSummary.js';
/**
 * Student-weighted coefficient of variation of school means (校际差异系数), as in the
 * county balanced-development supervision (县域义务教育优质均衡发展督导评估办法, 2017):
 *
 *   CV = S / X̄,  X̄ = Σ P_j X_j / Σ P_j,  S = √( Σ P_j (X_j − X̄)² / Σ P_j ),
 *
 * X_j the school mean and P_j its number of students. Null for fewer than two schools or a
 * zero mean.
 *
 * @example
 * schoolMeanCV({ count: [10, 30], mean: [400, 600], m2: [0, 0] }); // => 0.15745916432444337
 */
export declare function schoolMeanCV(s: ClusterSummary): number | null;
//# sourceMappingURL=schoolMeanCV.d.ts.map