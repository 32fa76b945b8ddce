import { pushTo } from '../summary/pushTo.js';
import { groupCount } from '../summary/groupedMoments.js';
import { asSource } from '../summary/summarySource.js';
import { rateClustered } from './rateClustered.js';
import { designContrast } from '../survey/designContrast.js';
import { rateClopperPearson, rateWilson } from './rateInterval.js';
/**
 * Detection rates (检出率) of an indicator for any grouping, from one scan into per-school
 * sums: the weighted proportion Σwy/Σw, its Taylor-linearised SE with schools as clusters, the
 * design effect and the Korn–Graubard interval (`survey::svyciprop(method = "beta")`), plus
 * Wilson and Clopper–Pearson on the unweighted counts. Cells below `minCell` students keep
 * their counts but withhold the rate (小样本不报告), and say so.
 *
 * @example
 * detectionRates(data, 'vision_poor').cells[0]; // => { keys: { county: '青山县', year: 2021, grade: 4 }, rate: 0.36, … }
 */
export function detectionRates(data, indicator, options = {}) {
    return detectionRatesWithClusters(data, indicator, options).rates;
}
/**
 * {@link detectionRates} plus, for each cell (same order), its school clusters (Σw and weighted
 * rate per school), which design-based trend tests need.
 */
export function detectionRatesWithClusters(data, indicator, options = {}) {
    const by = [...(options.by ?? ['county', 'year', 'grade'])];
    const minCell = options.minCell ?? 10;
    const level = options.level ?? 0.95;
    const source = asSource(data, options);
    const design = options.design;
    // Rows without their replicate weights leave every estimate, not only the SE.
    const replicates = design?.replicates?.columns;
    const measure = replicates ? { indicator, replicates } : { indicator };
    const usage = source.usage({ analysis: `rate.${indicator}`, fields: [], indicator, ...(replicates ? { replicates } : {}) });
    const keys = [...by, 'school'];
    // Replicate variances per cell, from one scan into per-school replicate totals.
    const replicateVariances = new Map();
    if (design?.replicates) {
        const entries = source.entries({ keys, measures: [measure], design });
        const byCell = new Map();
        for (const e of entries.entries) {
            const key = JSON.stringify(e.labels.slice(0, by.length));
            pushTo(byCell, key, e);
        }
        for (const [key, list] of byCell)
            replicateVariances.set(key, designContrast({ ...entries, entries: list }, [{ coefficient: 1, includes: () => true }], { df: Infinity }).se ** 2);
    }
    const weighted = source.moments({ keys, measure, weighted: true });
    const plain = source.moments({ keys, measure, weighted: false });
    const cells = new Map();
    for (let g = 0; g < groupCount(weighted); g++) {
        const key = JSON.stringify(by.map((_, k) => weighted.labels[k][g]));
        pushTo(cells, key, g);
    }
    const out = [];
    const clusters = [];
    for (const [key, groups] of cells) {
        clusters.push(groups.map((g) => ({ sumWeights: weighted.sumWeights[g], mean: weighted.mean[g] })));
        const labels = JSON.parse(key);
        const count = groups.map((g) => weighted.count[g]);
        const students = count.reduce((a, b) => a + b, 0);
        // Both scans meet groups in the same order (same rows, same keys).
        const cases = Math.round(groups.reduce((a, g) => a + plain.mean[g] * plain.count[g], 0));
        const base = { keys: Object.fromEntries(by.map((k, i) => [k, labels[i]])), students, schools: groups.length, cases };
        if (students < minCell) {
            out.push({ ...base, suppressed: true, rate: null, se: null, designEffect: null, lower: null, upper: null, wilson: null, clopperPearson: null });
            continue;
        }
        const r = rateClustered({
            count,
            sumWeights: groups.map((g) => weighted.sumWeights[g]),
            sumWeightedCases: groups.map((g) => weighted.mean[g] * weighted.sumWeights[g]),
        }, level, replicateVariances.has(key) ? { variance: replicateVariances.get(key) } : {});
        const w = rateWilson(cases, students, level);
        const cp = rateClopperPearson(cases, students, level);
        out.push({
            ...base,
            suppressed: false,
            rate: r.rate,
            se: Number.isNaN(r.se) ? null : r.se,
            designEffect: Number.isFinite(r.designEffect) ? r.designEffect : null,
            lower: r.lower,
            upper: r.upper,
            wilson: [w.lower, w.upper],
            clopperPearson: [cp.lower, cp.upper],
        });
    }
    const rates = {
        indicator,
        by,
        minCell,
        level,
        method: design?.replicates
            ? `weighted proportion; ${design.replicates.method.kind} replicate-weight SE (survey::svrepdesign); Korn–Graubard CI on it; Wilson and Clopper–Pearson on unweighted counts`
            : 'weighted proportion; Taylor-linearised SE with schools as PSUs (survey::svymean); Korn–Graubard CI (svyciprop method="beta"); Wilson and Clopper–Pearson on unweighted counts',
        usage,
        cells: out,
    };
    return { rates, clusters };
}
//# sourceMappingURL=detectionRates.js.map