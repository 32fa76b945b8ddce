import { pushTo } from '../summary/pushTo.js';
import { asSource, hasColumn } from '../summary/summarySource.js';
import { designContrast } from './designContrast.js';
import { simpleDesign } from './surveyDesign.js';
/**
 * Gaps inside each county (城乡差距、性别差距): the difference between the weighted means of two
 * levels of a student or school characteristic (sex M − F, locale 城区 − 乡村), per county ×
 * year × grade, under the survey design (schools as PSUs, a school may hold both levels;
 * replicate weights and plausible values as the design has them; see {@link designContrast}):
 *
 *   z_j = W_ja (ȳ_ja − ȳ_a)/W_a − W_jb (ȳ_jb − ȳ_b)/W_b,  v = J/(J − 1) Σ (z_j − z̄)²,
 *
 * as R `svycontrast(svyby(~y, ~sex, svydesign(ids = ~school, weights = ~w)), c(1, -1))` within
 * the county; normal reference. A cell where one level has no students is returned with
 * `estimable: false` (nothing is dropped silently).
 *
 * @example
 * domainGap(data, 'math', 'locale', '城区', '乡村')[0].gap; // => 21.4
 */
export function domainGap(data, subject, by, a, b, options = {}) {
    const source = asSource(data);
    if (!hasColumn(source, by))
        return [];
    const level = options.level ?? 0.95;
    const design = options.design ?? simpleDesign(source);
    const columns = design.plausibleValues[subject] ?? [subject];
    const measures = columns.length === 1 ? [{ column: columns[0] }] : columns.map((_, pv) => ({ columns, pv }));
    const all = source.entries({ keys: ['county', 'year', 'grade', 'school', by], measures, design });
    const cells = new Map();
    for (const e of all.entries) {
        const key = JSON.stringify([e.labels[0], e.labels[1], e.labels[2]]);
        pushTo(cells, key, e);
    }
    const isA = (e) => e.labels[4] === a;
    const isB = (e) => e.labels[4] === b;
    const out = [];
    for (const [key, entries] of cells) {
        const [county, year, grade] = JSON.parse(key);
        const studentsA = entries.filter(isA).reduce((s, e) => s + e.count, 0);
        const studentsB = entries.filter(isB).reduce((s, e) => s + e.count, 0);
        const cell = { county, year, grade, a, b, studentsA, studentsB };
        if (!studentsA || !studentsB) {
            out.push({ ...cell, estimable: false, meanA: null, meanB: null, gap: null, se: null, lower: null, upper: null, pValue: null, mark: null });
            continue;
        }
        const d = designContrast({ ...all, entries }, [{ coefficient: 1, includes: isA }, { coefficient: -1, includes: isB }], { df: Infinity, level });
        out.push({ ...cell, estimable: true, meanA: d.terms[0], meanB: d.terms[1], gap: d.estimate, se: d.se, lower: d.lower, upper: d.upper, pValue: d.pValue, mark: d.mark });
    }
    return out;
}
/** Rows a gap analysis of a subject uses, with the reasons for the rest. */
export function domainGapUsage(data, subject, by, design) {
    const source = asSource(data);
    const d = design ?? simpleDesign(source);
    const columns = d.plausibleValues[subject] ?? [subject];
    const replicates = d.replicates?.columns;
    return source.usage({ analysis: `gap.${subject}.${by}`, fields: [...columns, by], ...(replicates ? { replicates } : {}) });
}
//# sourceMappingURL=domainGap.js.map