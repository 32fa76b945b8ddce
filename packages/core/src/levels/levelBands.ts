import type { ScoreBand } from '../summary/summarySource.js';

/** Default names of the four performance levels, lowest first (水平Ⅰ–Ⅳ). */
export const defaultLevelNames: readonly string[] = ['待提高', '中等', '良好', '优秀'];

/**
 * How performance levels (学业水平) are defined: per subject, three ascending cut scores per
 * grade (or one list for every grade, key "*"); the official cuts are not public, so there is
 * no default. A score equal to a cut belongs to the higher level.
 */
export interface LevelOptions {
  /** subject → grade ("4", "8", or "*" for every grade) → three ascending cuts, e.g. { math: { "4": [420, 500, 580] } }. */
  cuts: Record<string, Record<string, readonly number[]>>;
  /** The four level names, lowest first (default 待提高, 中等, 良好, 优秀). */
  names?: readonly string[];
  /** Index of the lowest level counted in "达到中等及以上" (default 1: 中等). */
  passFrom?: number;
  /** The 优质均衡 check: the level a county must reach (index, default 2: Ⅲ 良好), how, and the ICC line (default 0.15). */
  balanced?: BalancedOptions;
}

/** How the 优质均衡 check reads "学业水平达到Ⅲ级以上" (the official formula is not published). */
export interface BalancedOptions {
  /** Index of the level to reach (default 2, 水平Ⅲ). */
  level?: number;
  /** 'mean': the county's mean score reaches the level's lower cut (default); 'share': the share at or above the level reaches `shareLine`. */
  definition?: 'mean' | 'share';
  /** With definition 'share': the share at or above the level a county must reach (default 0.5). */
  shareLine?: number;
  /** The 校际差异率 (ICC) must be below this (default 0.15). */
  iccLine?: number;
}

/** The bands of one subject: its levels (lowest first), 中等及以上, and at-or-above the 优质均衡 level. */
export interface SubjectBands {
  names: string[];
  passFrom: number;
  upperFrom: number;
  /** grade → its three cuts. */
  cuts: Record<string, number[]>;
  levels: ScoreBand[];
  pass: ScoreBand;
  upper: ScoreBand;
}

/**
 * The score bands of a subject's levels (分数段): level k of a grade is [cut_{k−1}, cut_k)
 * (open below for the lowest, above for the highest); 中等及以上 is [cut_{passFrom−1}, ∞);
 * the 优质均衡 level and above is [cut_{level−1}, ∞). A score equal to a cut is in the higher
 * level (≥ the cut).
 *
 * @example
 * subjectBands({ '4': [420, 500, 580] }).levels[2].cuts['4']; // => [500, 580]
 */
export function subjectBands(cuts: Record<string, readonly number[]>, options: Pick<LevelOptions, 'names' | 'passFrom' | 'balanced'> = {}): SubjectBands {
  const names = [...(options.names ?? defaultLevelNames)];
  const passFrom = options.passFrom ?? 1;
  const upperFrom = options.balanced?.level ?? 2;
  const grades = Object.entries(cuts).map(([g, c]): [string, number[]] => [g, [...c]]);
  const band = (from: number, to: number): ScoreBand => ({
    cuts: Object.fromEntries(grades.map(([g, c]) => [g, [from === 0 ? null : c[from - 1]!, to === names.length - 1 ? null : c[to]!] as const])),
  });
  return {
    names,
    passFrom,
    upperFrom,
    cuts: Object.fromEntries(grades),
    levels: names.map((_, k) => band(k, k)),
    pass: band(passFrom, names.length - 1),
    upper: band(upperFrom, names.length - 1),
  };
}

/**
 * The level (0 = lowest) of a score against three ascending cuts: the number of cuts at or
 * below it.
 *
 * @example
 * [scoreLevel(419.9, [420, 500, 580]), scoreLevel(420, [420, 500, 580]), scoreLevel(580, [420, 500, 580])]; // => [0, 1, 3]
 */
export function scoreLevel(score: number, cuts: readonly number[]): number {
  let k = 0;
  while (k < cuts.length && score >= cuts[k]!) k++;
  return k;
}

/** The cuts of a grade: its own, or those for every grade ("*"). */
export function cutsOfGrade(cuts: Record<string, readonly number[]>, grade: unknown): readonly number[] | undefined {
  return cuts[String(grade)] ?? cuts['*'];
}
