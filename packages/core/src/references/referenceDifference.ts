import type { ComparisonMark, NotAssessableReason } from '../survey/comparisonMark.js';
import { designEstimate } from '../survey/designContrast.js';
import type { ReferenceScope, ReferenceValue } from './referenceValues.js';

/** A county's (or province's) estimate against a reference figure (与参照值比较). */
export interface ReferenceDifference {
  /** Index of the figure in `results.references.values`. */
  reference: number;
  scope: ReferenceScope;
  label: string;
  /** The reference figure and its SE (null when it was published without one). */
  value: number;
  valueSE: number | null;
  /**
   * 'independent': two estimates with sampling error, SE = √(se² + se_ref²); 'fixed': the
   * reference has no SE, so the county's own interval is set against a fixed value.
   */
  test: 'independent' | 'fixed';
  difference: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
  pValue: number;
  mark: ComparisonMark;
  /** Set when `mark` is 'not-assessable' (no SE on either side: a rate of 0% or 100%, one school). */
  reason?: NotAssessableReason;
  level: number;
}

/**
 * An estimate with its design SE and degrees of freedom against a reference figure from
 * outside the data (与全省、全国参照值比较): d = θ̂ − θ_ref with
 *
 * - a reference with an SE (the feedback report's province figure ± SE): the two samples as
 *   independent, v = se² + se_ref², df by Welch–Satterthwaite with the reference's df taken as
 *   infinite, df = v² / (se⁴ / df_own) — for a county inside the province the true variance is
 *   smaller (the county's students are in both), so the test is conservative;
 * - a reference without an SE (a published national figure): a fixed value, v = se², df =
 *   df_own — the county's own t interval against the value (R: `confint(svycontrast(svymean(~y,
 *   des), quote(y - 38.5)), df = degf(des))`).
 *
 * Marks 显著高于 / 无显著差异 / 显著低于 when the interval of d excludes 0.
 *
 * @example
 * referenceDifference({ estimate: 0.43, se: 0.02, df: 17 }, { scope: 'nation', label: '全国', estimate: 0.385, se: null } as ReferenceValue, 0).mark; // => 'higher'
 */
export function referenceDifference(
  own: { estimate: number; se: number; df: number },
  reference: ReferenceValue,
  index: number,
  level = 0.95,
): ReferenceDifference {
  const fixed = reference.se === null;
  const own2 = own.se * own.se;
  const variance = own2 + (fixed ? 0 : reference.se! * reference.se!);
  const df = fixed || !Number.isFinite(own.df) || own2 === 0 ? own.df : (variance * variance) / ((own2 * own2) / own.df);
  const d = designEstimate([own.estimate - reference.estimate], [variance], {
    df,
    level,
    variance: 'taylor',
    terms: [own.estimate, reference.estimate],
    lonelyStrata: 0,
  });
  return {
    reference: index,
    scope: reference.scope,
    label: reference.label,
    value: reference.estimate,
    valueSE: reference.se,
    test: fixed ? 'fixed' : 'independent',
    difference: d.estimate,
    se: d.se,
    df: d.df,
    lower: d.lower,
    upper: d.upper,
    pValue: d.pValue,
    mark: d.mark,
    ...(d.reason ? { reason: d.reason } : {}),
    level,
  };
}
