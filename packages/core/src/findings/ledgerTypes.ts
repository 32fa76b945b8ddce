// The shape of the rectification ledger (整改台账): types of their own, so results and the ledger's code do not import each other.
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { Finding } from './findingTypes.js';

/**
 * A rectification target as written in the config (整改目标), e.g.
 * `{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024, "text": "近视率每年降低1个百分点以上" }`.
 *
 * - `measure`: a detection-rate indicator (`vision_poor`), a subject's mean (`math`), its share at
 *   中等及以上 (`math:pass`), its between-school share (`math:icc`), or a health measure's mean
 *   (`sleep_hours`, `bmi`…; `anxiety:mean` for the mean anxiety score, since `anxiety` is the
 *   detection rate above the cut-off).
 * - `target`: a line (`<= 35%`, `>= 95%`, `<= 15%` for an ICC, `>= 500` or `>= 9` for a mean), a
 *   change per year from the baseline (`-1pp per year`, `+0.2 per year`), or a direction
 *   (`decreasing`, `increasing`: the change from the baseline significant at 95%).
 * - `baseline`: the year the change is counted from (default: the first year of the data).
 * - `deadline`: the year it is checked (default: the latest year of the data).
 * - `grade`, `province`, `county`: limit the target to those cells (default: every one).
 */
export interface LedgerTargetSpec {
  measure: string;
  target: string;
  baseline?: number | null;
  deadline?: number | null;
  grade?: number | null;
  province?: string | null;
  county?: string | null;
  /** The target in the plan's own words (shown in the ledger instead of the parsed form). */
  text?: string | null;
}

/** What a measure of the ledger is: a rate or share (proportions), a between-school share, or a mean. */
export type LedgerStatistic = 'rate' | 'share' | 'icc' | 'mean';

/** A parsed target. Lines and changes are on the measure's scale (proportions for rates, shares and ICCs). */
export type LedgerRule = { kind: 'atMost' | 'atLeast'; value: number } | { kind: 'perYear'; value: number } | { kind: 'decreasing' | 'increasing' };

/** The status of a ledger item (销号状态): 已达成 / 未达成 / 明显改善但未达标 / 待评估. */
export type LedgerStatus = 'met' | 'not-met' | 'improved' | 'pending';

/** A value of the measure in one year, with its 95% interval and SE. */
export interface LedgerValue {
  year: number;
  value: number;
  lower: number;
  upper: number;
  se: number;
}

/** One target in one cell (台账条目). */
export interface LedgerItem {
  /** `target|measure|target text|province|county|grade` — stable across runs. */
  id: string;
  measure: string;
  statistic: LedgerStatistic;
  province: string | null;
  /** Null: the province as a whole (its counties pooled). */
  county: string | null;
  grade: KeyLabel;
  target: string;
  text: string | null;
  rule: LedgerRule;
  baselineYear: number | null;
  deadline: number | null;
  baseline: LedgerValue | null;
  /** The value checked: at the deadline when the data have it, else the latest year after it; before the deadline, the latest year. */
  latest: LedgerValue | null;
  /** latest − baseline, with a 95% interval (independent samples: SE = √(SE₁² + SE₂²)). */
  change: { estimate: number; lower: number; upper: number; perYear: number } | null;
  status: LedgerStatus;
  /** Why an item is pending: the deadline is after the latest year, or a year's value is missing. */
  reason: 'before-deadline' | 'no-baseline' | 'no-latest' | 'no-data' | null;
  /** Before the deadline: whether the target is already met at the latest year (for a rate of change: at the pace so far). */
  onTrack: boolean | null;
}

/** A finding of an earlier run against this run (反馈问题的整改情况). */
export interface LedgerFinding {
  id: string;
  /** resolved (已整改：the problem is no longer supported), persisting (仍存在), new (新发现). */
  status: 'resolved' | 'persisting' | 'new';
  baseline: Finding | null;
  current: Finding | null;
}

/** The rectification ledger (整改台账) of results.json. */
export interface Ledger {
  items: LedgerItem[];
  /** Null without an earlier run to compare (--baseline). */
  findings: LedgerFinding[] | null;
  /** The earlier run compared with (its input and generation time, as it recorded them). */
  baselineRun: { label: string; years: number[] } | null;
}
