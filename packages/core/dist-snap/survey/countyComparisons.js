import { pushTo } from '../summary/pushTo.js';
import { asSource } from '../summary/summarySource.js';
import { compareWithReference, holmAdjust } from './compareGroups.js';
import { comparisonWithTotal } from './compareWithTotal.js';
import { designContrast, domainTotals } from './designContrast.js';
import { rankIntervals } from './rankIntervals.js';
import { simpleDesign } from './surveyDesign.js';
/**
 * County comparisons of a subject (县域比较) per year × grade under the survey design, from one
 * scan into per-school design totals ({@link designEntries}): each county's mean, its
 * difference from the province including itself (the overlap enters the linearisation, =
 * `svycontrast(svyby(…), county − province)`), Cohen's d against the province SD, an optional
 * reference (e.g. the national 500 with its SE), its rank with a 95% interval from draws of
 * the county means ({@link rankIntervals}), and all county pairs with Holm's correction. Every SE follows the design: Taylor
 * with schools as PSUs in strata, or the replicate weights; with plausible values every
 * estimate is combined by Rubin's rules. Needs two or more counties. With `indicator` the
 * same machinery compares that indicator's detection rates; effect sizes are then
 * relative to √(p(1 − p)) of the province. A county with a single school in a cell is listed
 * with its mean but `estimable: false` (its SE would rest on no between-school variation);
 * the province mean still includes its students.
 *
 * @example
 * countyComparisons(data, 'math', { reference: { label: '全国', estimate: 500 } }).cells[0].counties[0].province.mark; // => 'higher'
 */
export function countyComparisons(data, subject, options = {}) {
    const level = options.level ?? 0.95;
    const source = asSource(data, options.indicatorOptions);
    const design = options.design ?? simpleDesign(source);
    const columns = options.indicator ? [] : (design.plausibleValues[subject] ?? [subject]);
    const replicates = design.replicates?.columns;
    const usage = source.usage({
        analysis: `countyComparison.${subject}`,
        fields: columns,
        ...(options.indicator ? { indicator: options.indicator } : {}),
        ...(replicates ? { replicates } : {}),
    });
    const measures = options.indicator ? [{ indicator: options.indicator }] : columns.length === 1 ? [{ column: columns[0] }] : columns.map((_, pv) => ({ columns, pv }));
    const all = source.entries({ keys: ['year', 'grade', 'county', 'school'], measures, design });
    const M = measures.length;
    const cells = new Map();
    for (const e of all.entries) {
        const key = JSON.stringify([e.labels[0], e.labels[1]]);
        pushTo(cells, key, e);
    }
    const inCounty = (county) => (e) => e.labels[2] === county;
    const everyone = () => true;
    const asMean = (d) => ({ mean: d.estimate, se: d.se, df: d.df, lower: d.lower, upper: d.upper, lonelyStrata: d.lonelyStrata, level: d.level });
    const dfOf = (entries) => new Set(entries.map((e) => e.psu)).size - new Set(entries.map((e) => e.stratum)).size;
    const maxPairCounties = options.maxPairCounties ?? 200;
    const out = [];
    for (const [key, entries] of cells) {
        const [year, grade] = JSON.parse(key);
        // Entries by county and by stratum: a county's estimates need only the strata its schools
        // are in (PSUs of other strata add exactly nothing), which keeps large provinces fast.
        const byCounty = new Map();
        const byStratum = new Map();
        for (const e of entries) {
            pushTo(byCounty, String(e.labels[2]), e);
            pushTo(byStratum, e.stratum, e);
        }
        const listed = [...byCounty.keys()];
        const schoolsOf = (c) => new Set(byCounty.get(c).map((e) => e.psu)).size;
        const counties = listed.filter((c) => schoolsOf(c) >= 2);
        const single = listed.filter((c) => !counties.includes(c));
        if (counties.length < 2)
            continue;
        const cell = { ...all, entries };
        const within = (...cs) => {
            const strata = new Set(cs.flatMap((c) => byCounty.get(c).map((e) => e.stratum)));
            return { ...all, entries: [...strata].flatMap((h) => byStratum.get(h)) };
        };
        const province = asMean(designContrast(cell, [{ coefficient: 1, includes: everyone }], { df: dfOf(entries), level }));
        const provinceTotals = domainTotals(cell);
        // Taylor: each stratum's share of the variance of −(province mean), per plausible value;
        // a county − province contrast recomputes only its own strata's shares.
        const stratumShare = new Map();
        const totalShare = new Array(M).fill(0);
        if (!all.replicates) {
            for (const [h, list] of byStratum) {
                const v = designContrast({ ...all, entries: list }, [{ coefficient: -1, includes: everyone, totals: provinceTotals }], { df: Infinity }).pvVariances;
                stratumShare.set(h, v);
                v.forEach((x, m) => (totalShare[m] += x));
            }
        }
        const provinceSD = studentSD(entries, M);
        const means = new Map();
        const perCounty = single.map((county) => {
            const own = byCounty.get(county);
            return {
                county,
                estimable: false,
                reason: 'single_school',
                mean: { ...asMean(designContrast(within(county), [{ coefficient: 1, includes: inCounty(county) }], { df: Infinity, level })), se: NaN, lower: NaN, upper: NaN },
                students: own.reduce((a, e) => a + e.count, 0),
                schools: 1,
                province: null,
                reference: null,
                rank: null,
            };
        });
        // Each county's strata (its own schools and any sharing its strata), found once.
        const subOf = new Map(counties.map((c) => [c, within(c)]));
        for (const county of counties) {
            means.set(county, designContrast(subOf.get(county), [{ coefficient: 1, includes: inCounty(county) }], { df: dfOf(byCounty.get(county)), level }));
        }
        // Ranks with intervals: draws of every county's mean from its design-based sampling
        // distribution (so replicate weights and plausible values count), ranked per draw.
        const ranks = rankIntervals(counties.map((c) => ({ label: c, estimate: means.get(c).estimate, se: means.get(c).se })), { level, replicates: options.replicates ?? 1000, seed: options.seed ?? 20261125 });
        perCounty.unshift(...counties.map((county, k) => {
            const own = byCounty.get(county);
            const mean = means.get(county);
            const sub = subOf.get(county);
            const ownStrata = new Set(own.map((e) => e.stratum));
            const outside = all.replicates ? [] : totalShare.map((t, m) => t - [...ownStrata].reduce((a, h) => a + stratumShare.get(h)[m], 0));
            // The county's own schools dominate the variance of county − province: t on its schools − 1.
            const vs = designContrast(sub, [{ coefficient: 1, includes: inCounty(county) }, { coefficient: -1, includes: everyone, totals: provinceTotals }], { df: Math.max(1, own.length - 1), level, ...(all.replicates ? {} : { outsideVariance: outside }) });
            const vsProvince = comparisonWithTotal(vs);
            return {
                county,
                estimable: true,
                reason: null,
                mean: asMean(mean),
                students: own.reduce((a, e) => a + e.count, 0),
                schools: own.length,
                province: { ...vsProvince, effectSize: provinceSD ? vsProvince.difference / provinceSD : null },
                reference: options.reference ? compareWithReference({ label: county, estimate: mean.estimate, se: mean.se }, options.reference, level) : null,
                rank: ranks[k],
            };
        }));
        // Every pair under the design (independent strata under Taylor; shared replicates and
        // plausible values handled by the contrast), normal reference, Holm over all pairs. With
        // very many counties the pairs are not listed (they would number in the millions).
        const raw = [];
        if (counties.length <= maxPairCounties) {
            for (let i = 0; i < counties.length; i++) {
                for (let j = i + 1; j < counties.length; j++) {
                    const d = designContrast(within(counties[i], counties[j]), [{ coefficient: 1, includes: inCounty(counties[i]) }, { coefficient: -1, includes: inCounty(counties[j]) }], { df: Infinity, level });
                    raw.push({ a: counties[i], b: counties[j], difference: d.estimate, se: d.se, lower: d.lower, upper: d.upper, pValue: d.pValue, adjustedP: d.pValue, effectSize: provinceSD ? d.estimate / provinceSD : null, mark: d.mark });
                }
            }
        }
        const adjusted = holmAdjust(raw.map((d) => d.pValue));
        const pairs = raw.map((d, k) => ({ ...d, adjustedP: adjusted[k], mark: adjusted[k] < 1 - level ? (d.difference > 0 ? 'higher' : 'lower') : 'similar' }));
        out.push({ year, grade, province, provinceSD, counties: perCounty, pairs, pairsOmitted: counties.length > maxPairCounties });
    }
    return {
        subject,
        method: (all.replicates ? `design means with ${design.replicates.method.kind} replicate-weight SEs (survey::svrepdesign)` : 'design means with Taylor-linearised SEs, schools as PSUs within strata (survey::svymean)') +
            (M > 1 ? `; ${M} plausible values combined by Rubin's rules (mitools::MIcombine)` : '') +
            '; county vs province with the overlap in the contrast (svycontrast); rank intervals from 1,000 draws of the county means from their design-based sampling distributions; pairwise differences with Holm-adjusted p',
        design: { variance: all.method?.kind ?? 'taylor', plausibleValues: M, replicates: all.replicates, strata: design.strata },
        usage,
        cells: out,
    };
}
/** Student-level SD of the measure from the entries' full-weight totals, averaged over plausible values. */
function studentSD(entries, M) {
    let n = 0;
    for (const e of entries)
        n += e.count;
    if (n < 2)
        return null;
    let sd = 0;
    for (let m = 0; m < M; m++) {
        let W = 0;
        let S = 0;
        let SS = 0;
        for (const e of entries) {
            W += e.sumWeights[0];
            S += e.sumWY[m * (e.sumWeights.length)];
            SS += e.sumWYY[m];
        }
        const mean = S / W;
        sd += Math.sqrt(((n / (n - 1)) * Math.max(0, SS / W - mean * mean))) / M;
    }
    return sd;
}
//# sourceMappingURL=countyComparisons.js.map