// The shape of a sampling design: a type of its own, so summaries and design entries name it without importing the functions that read it.
import type { ReplicateMethod } from './replicateVariance.js';

/**
 * The sampling design of a monitoring data set (抽样设计): sampling weights, schools as the
 * primary sampling units (PSUs), optional strata, optional plausible values per subject and
 * optional replicate weights. Every design-based estimator in core takes one, and uses it
 * for its standard errors:
 *
 * - no replicate weights: Taylor linearisation with schools as PSUs sampled with
 *   replacement within strata (R `svydesign(ids = ~school, strata = ~stratum, weights = ~w)`);
 * - replicate weights: the replicate variance of the method (JK2 as TIMSS/PIRLS, Fay-BRR as
 *   PISA, JK1; R `svrepdesign(…, type = "JK2" | "Fay" | "JK1", mse = TRUE)`);
 * - plausible values: each estimate computed once per plausible value and combined by Rubin's
 *   rules (R `mitools::MIcombine(with(imputationList, svymean(…)))`).
 */
export interface SurveyDesign {
  /** Weight column, or null when every student counts 1. */
  weight: string | null;
  /** Strata column (e.g. 'county' when schools were drawn county by county), or null for one stratum. */
  strata: string | null;
  /** Plausible-value columns by subject, e.g. { math: ['math_pv1', …, 'math_pv5'] }. */
  plausibleValues: Record<string, string[]>;
  /** Replicate-weight columns and how their estimates give a variance, or null. */
  replicates: { columns: string[]; method: ReplicateMethod } | null;
}

/** Options of {@link surveyDesign}, as in the config file's `design` key. */
export interface SurveyDesignOptions {
  /** Strata column; default the `stratum` column (抽样层) when the data have one, else 'county' (monitoring samples schools county by county). */
  strata?: string | null;
  /** How the replicate weights were built; required when the data carry them. */
  replicates?: ReplicateMethod;
}
