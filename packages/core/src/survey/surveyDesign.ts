import { JianceError } from '../errors.js';
import { designReplicatesUnknown, designReplicatesTooFew, designStrataMissing } from '../messages.js';
import { requireSource, type SummarySource } from '../summary/summarySource.js';
import type { SurveyDesign, SurveyDesignOptions } from './designTypes.js';

export type { SurveyDesign, SurveyDesignOptions } from './designTypes.js';

/** The schema-level facts of a source. */
function facts({ info }: SummarySource) {
  return {
    roles: Object.keys(info.mapping.roles),
    has: (c: string) => info.columns.includes(c),
    subjects: info.subjects,
    weighted: info.quality.weighted,
  };
}

/**
 * The design a student table carries: its weight column (if any), its plausible values
 * (`math_pv1…K` grouped by subject, in order) and its replicate weights (`rep_w1…R`, read from
 * headers such as PISA's `W_FSTR1…80`). Replicate weights without a stated method are an
 * error that says which to give; fewer than two are an error too.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/design/pv-jk2.csv', 'utf8'), 'pv-jk2.csv')));
 * surveyDesign(source, { replicates: { kind: 'JK2' } }); // => { weight: 'weight', strata: 'county', plausibleValues: { math: ['math_pv1', 'math_pv2', 'math_pv3', 'math_pv4', 'math_pv5'] }, replicates: { columns: ['rep_w1', …, 'rep_w10'], method: { kind: 'JK2' } } }
 */
export function surveyDesign(source: SummarySource, options: SurveyDesignOptions = {}): SurveyDesign {
  requireSource(source, 'surveyDesign');
  const f = facts(source);
  const roles = f.roles;
  const plausibleValues: Record<string, string[]> = {};
  for (const role of roles) {
    const m = /^([a-z]+)_pv(\d+)$/.exec(role);
    if (m) (plausibleValues[m[1]!] ??= []).push(role);
  }
  for (const list of Object.values(plausibleValues)) list.sort((a, b) => pvIndex(a) - pvIndex(b));
  const replicateColumns = roles.filter((r) => /^rep_w\d+$/.test(r)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  let replicates: SurveyDesign['replicates'] = null;
  if (replicateColumns.length) {
    if (!options.replicates) throw new JianceError(designReplicatesUnknown(replicateColumns.length));
    if (replicateColumns.length < 2) throw new JianceError(designReplicatesTooFew(replicateColumns.length));
    replicates = { columns: replicateColumns, method: options.replicates };
  }
  const strata = options.strata === undefined ? (f.has('stratum') ? 'stratum' : f.has('county') ? 'county' : null) : options.strata;
  if (strata !== null && !f.has(strata)) throw new JianceError(designStrataMissing(strata));
  return { weight: f.weighted ? 'weight' : null, strata, plausibleValues, replicates };
}

const pvIndex = (role: string): number => Number(/_pv(\d+)$/.exec(role)![1]);

/**
 * The subjects to analyse: each subject once, with the columns that carry it — its plausible
 * values when the data have them (a point-score column of the same subject is then not used,
 * and said so), else its own column.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/design/pv-jk2.csv', 'utf8'), 'pv-jk2.csv')));
 * designSubjects(source, surveyDesign(source, { replicates: { kind: 'JK2' } })); // => [{ subject: 'math', columns: ['math_pv1', …], shadowed: false }]
 */
export function designSubjects(source: SummarySource, design: SurveyDesign): { subject: string; columns: string[]; shadowed: boolean }[] {
  requireSource(source, 'designSubjects');
  const out: { subject: string; columns: string[]; shadowed: boolean }[] = [];
  const seen = new Set<string>();
  const subjects = facts(source).subjects;
  for (const s of subjects) {
    const base = s.replace(/_pv\d+$/, '');
    if (seen.has(base)) continue;
    seen.add(base);
    const pvs = design.plausibleValues[base];
    out.push(pvs ? { subject: base, columns: pvs, shadowed: subjects.includes(base) } : { subject: base, columns: [base], shadowed: false });
  }
  return out;
}

/** The design of a table without plausible values or replicates: its weights, county strata. */
export function simpleDesign(source: SummarySource): SurveyDesign {
  requireSource(source, 'simpleDesign');
  const f = facts(source);
  return {
    weight: f.weighted ? 'weight' : null,
    strata: f.has('county') ? 'county' : null,
    plausibleValues: {},
    replicates: null,
  };
}
