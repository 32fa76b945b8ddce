// The shape of a finding (发现): a type of its own, so results, findings and the ledger can name it without importing each other.
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { NotAssessableReason } from '../survey/comparisonMark.js';

/** The domains a rectification plan is written in (整改方案的领域). */
export type FindingDomain = 'achievement' | 'between' | 'vision' | 'sleep' | 'mental' | 'body';

/** Problem (需整改), positive (积极变化), or uncertain (the interval straddles the line: no verdict). */
export type FindingPolarity = 'problem' | 'positive' | 'uncertain';

/** What a finding says of its cell. */
export type FindingKind =
  /** The between-school share is at or above the large line (or below the small line). */
  | 'between-school'
  /** A county (or province) significantly above or below its own province (or the nation) in the data. */
  | 'versus-data'
  /** A county significantly above or below a reference figure of its province or the nation. */
  | 'versus-reference'
  /** A significant rise or fall across years. */
  | 'trend'
  /** A target of the config met or not met. */
  | 'target'
  /** The 优质均衡 check met, not met or uncertain. */
  | 'balanced';

/** One statistically supported statement about one cell (发现). */
export interface Finding {
  /** Stable across monitoring cycles (no year): kind, what, where, against what — for the ledger's baseline comparison. */
  id: string;
  kind: FindingKind;
  polarity: FindingPolarity;
  domain: FindingDomain;
  /** Subject, indicator or health measure. */
  measure: string;
  statistic: 'mean' | 'rate' | 'icc' | 'share';
  province: string | null;
  county: string | null;
  /** Null: all grades together. */
  grade: KeyLabel;
  /** The latest year the finding rests on (for a trend: its last year). */
  year: KeyLabel;
  /** higher / lower (than `against`), rising / falling, large / small, met / not-met / uncertain. */
  direction: 'higher' | 'lower' | 'rising' | 'falling' | 'large' | 'small' | 'met' | 'not-met' | 'uncertain';
  /** What the cell is compared with: 'province' (its own, in the data), 'nation', or a reference figure's label. */
  against: { scope: 'province' | 'nation'; label: string; value: number | null } | null;
  /** The numbers behind the statement, as in results.json. */
  /** For a trend: the change per year; for a target: the observed figure (null when the target reads a direction). */
  /** `reason` says why the estimate's interval is missing (a rate of 0% has no design SE, yet may differ from its province). */
  figures: {
    estimate: number | null;
    lower: number | null;
    upper: number | null;
    difference?: number;
    pValue?: number;
    years?: [number, number];
    line?: number;
    reason?: NotAssessableReason;
  };
  /** Orders findings: larger is more pressing (a |t| or the distance beyond a line). */
  severity: number;
  /** Where in results.json the numbers are. */
  source: string;
}
