import { pushTo } from '../summary/pushTo.js';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { asSource } from '../summary/summarySource.js';
import { groupCount } from '../summary/groupedMoments.js';
import { weightedClusterSummary } from './clusterSummary.js';
import { iccAnova } from './iccAnova.js';
import { iccMl, iccReml, iccWeighted } from './randomIntercept.js';
import { schoolEffects } from './schoolEffects.js';
import { schoolMeanCV } from './schoolMeanCV.js';
function slice(g, rows) {
    return {
        count: Float64Array.from(rows, (i) => g.count[i]),
        mean: Float64Array.from(rows, (i) => g.mean[i]),
        m2: Float64Array.from(rows, (i) => g.m2[i]),
        sumWeights: Float64Array.from(rows, (i) => g.sumWeights[i]),
    };
}
/**
 * Between-school variance of a subject (校间差异) per county × year × grade: REML, ML, ANOVA
 * with n₀, and the weighted pseudo-likelihood estimate when the data carry sampling weights;
 * school means with SEs and empirical-Bayes means; the
 * 差异系数; and a verdict: 较大 when ICC ≥ 0.15 (the 优质均衡 line), 较小 below 0.10, else 适中,
 * plus comparisons with the province (pooled schools) and any reference share given.
 * All from per-school summaries of one scan (unweighted, and weighted when there are weights).
 *
 * The verdict uses REML also when there are weights: its profile-likelihood interval covers
 * the true ICC in 94–96% of simulated counties (8–40 schools, ICC 0.05–0.5, test/variance),
 * and it is what lme4 reports; the weighted estimate is shown beside it, but its jackknife
 * interval covered only 84–98% in the same simulations (worst with 12 schools and ICC 0.05).
 *
 * @example
 * betweenSchoolVariance(data, 'math').counties[0].reml.icc; // => 0.18…
 */
export function betweenSchoolVariance(data, subject, options = {}) {
    const source = asSource(data);
    const columns = options.design?.plausibleValues[subject] ?? [subject];
    const usage = source.usage({ analysis: `betweenSchool.${subject}`, fields: columns });
    if (columns.length === 1)
        return betweenSchoolOf(source, subject, usage, options, { column: subject });
    // Plausible values: the decomposition of each over the same students, combined by Rubin's rules.
    return combineOverPlausibleValues(columns.map((_, pv) => betweenSchoolOf(source, subject, usage, options, { columns, pv })), options);
}
function betweenSchoolOf(source, subject, usage, options, measure) {
    const large = options.largeThreshold ?? 0.15;
    const small = options.smallThreshold ?? 0.1;
    const level = options.level ?? 0.95;
    const keys = ['county', 'year', 'grade', 'school'];
    const plain = source.moments({ keys, measure, weighted: false });
    const weightedMoments = source.info.quality.weighted ? source.moments({ keys, measure, weighted: true }) : undefined;
    // School groups per county × year × grade (both scans meet groups in the same order).
    const cells = new Map();
    const byYearGrade = new Map();
    for (let g = 0; g < groupCount(plain); g++) {
        const key = JSON.stringify([plain.labels[0][g], plain.labels[1][g], plain.labels[2][g]]);
        pushTo(cells, key, g);
        const yg = JSON.stringify([plain.labels[1][g], plain.labels[2][g]]);
        pushTo(byYearGrade, yg, g);
    }
    const counties = new Set(plain.labels[0]);
    const province = [];
    const provinceIcc = new Map();
    if (counties.size > 1) {
        for (const [yg, rows] of byYearGrade) {
            const [year, grade] = JSON.parse(yg);
            const f = iccReml(slice(plain, rows), level);
            province.push({ year, grade, icc: f.estimable ? f.icc : null, iccCI: f.estimable ? f.iccCI : null, schools: rows.length });
            if (f.estimable)
                provinceIcc.set(yg, f.icc);
        }
    }
    const results = [];
    for (const [key, rows] of cells) {
        const [county, year, grade] = JSON.parse(key);
        const s = slice(plain, rows);
        const reml = iccReml(s, level);
        const ml = iccMl(s, level);
        const anova = iccAnova(s, level);
        const weighted = weightedMoments ? iccWeighted(weightedClusterSummary(slice(weightedMoments, rows)), level) : null;
        const primaryFit = reml;
        const references = [];
        const compare = (label, icc) => {
            if (!primaryFit.estimable)
                return;
            const [lo, hi] = primaryFit.iccCI;
            references.push({ label, icc, comparison: lo > icc ? 'higher' : hi < icc ? 'lower' : 'similar' });
        };
        const prov = provinceIcc.get(JSON.stringify([year, grade]));
        if (prov !== undefined)
            compare('province', prov);
        if (options.reference)
            compare(options.reference.label, options.reference.icc);
        const effects = reml.estimable ? schoolEffects(s, reml) : [];
        let students = 0;
        for (const r of rows)
            students += plain.count[r];
        results.push({
            county,
            year,
            grade,
            schools: rows.length,
            students,
            primary: 'REML',
            reml,
            ml,
            anova,
            weighted,
            cv: schoolMeanCV(weightedMoments ? slice(weightedMoments, rows) : s),
            level: primaryFit.estimable ? (primaryFit.icc >= large ? 'large' : primaryFit.icc < small ? 'small' : 'moderate') : null,
            references,
            schoolsDetail: effects.map((e, i) => ({ school: String(plain.labels[3][rows[i]]), ...e })),
        });
    }
    return {
        subject,
        method: 'REML/ML of y = μ + u_school + e profiled exactly from per-school n, mean, SS (matches lme4::lmer); ANOVA with n0 and F-based CI (Searle 1971; Donner 1986); weighted: pseudo-ML with scaled weights (Rabe-Hesketh & Skrondal 2006), jackknife CI; REML CI: profile likelihood',
        thresholds: { large, small },
        usage,
        counties: results,
        province,
    };
}
/**
 * Combines the between-school summaries of M plausible values (似真值合并): every numeric
 * figure is averaged (Rubin's point estimate); the ICC interval and the SEs use Rubin's total
 * variance T = Ū + (1 + 1/M)B, with Ū from each fit's interval half-width on the ICC scale and
 * B the variance of the M ICCs; the verdict and comparisons are redone on the combined figures.
 * A cell not estimable for any plausible value is not estimable.
 */
export function combineOverPlausibleValues(fits, options = {}) {
    const M = fits.length;
    const large = options.largeThreshold ?? 0.15;
    const small = options.smallThreshold ?? 0.1;
    const first = fits[0];
    const combineFit = (list) => {
        const bad = list.find((f) => !f.estimable);
        if (bad)
            return bad;
        const out = { ...list[0] };
        for (const [k, v] of Object.entries(list[0])) {
            if (typeof v === 'number')
                out[k] = list.reduce((a, f) => a + f[k], 0) / M;
        }
        if (list[0].iccCI) {
            const iccs = list.map((f) => f.icc);
            const mean = iccs.reduce((a, b) => a + b, 0) / M;
            const z = normalQuantile(1 - (1 - (list[0].level ?? 0.95)) / 2, 0, 1);
            const within = list.reduce((a, f) => a + ((f.iccCI[1] - f.iccCI[0]) / (2 * z)) ** 2, 0) / M;
            const between = iccs.reduce((a, x) => a + (x - mean) ** 2, 0) / (M - 1);
            // Widen each PV's own interval by the ratio of Rubin's total SD to the within SD, so the
            // asymmetry of the profile interval is kept.
            const lower = list.reduce((a, f) => a + f.iccCI[0], 0) / M;
            const upper = list.reduce((a, f) => a + f.iccCI[1], 0) / M;
            const widen = within > 0 ? Math.sqrt((within + (1 + 1 / M) * between) / within) : 1;
            out.iccCI = [Math.max(0, mean - (mean - lower) * widen), Math.min(1, mean + (upper - mean) * widen)];
            out.plausibleValues = { count: M, icc: iccs, betweenVariance: between };
        }
        if ('interceptSE' in out) {
            const ses = list.map((f) => f);
            const mu = ses.reduce((a, f) => a + f.intercept, 0) / M;
            const u = ses.reduce((a, f) => a + f.interceptSE ** 2, 0) / M;
            const b = ses.reduce((a, f) => a + (f.intercept - mu) ** 2, 0) / (M - 1);
            out.interceptSE = Math.sqrt(u + (1 + 1 / M) * b);
        }
        return out;
    };
    const counties = first.counties.map((c, k) => {
        const reml = combineFit(fits.map((f) => f.counties[k].reml));
        const province = first.province.length ? fits.map((f) => f.province) : [];
        const references = c.references.map((r) => {
            const icc = r.label === 'province' ? province.map((p) => p.find((x) => x.year === c.year && x.grade === c.grade).icc).reduce((a, b) => a + b, 0) / M : r.icc;
            const [lo, hi] = reml.iccCI;
            return { label: r.label, icc, comparison: lo > icc ? 'higher' : hi < icc ? 'lower' : 'similar' };
        });
        return {
            ...c,
            reml,
            ml: combineFit(fits.map((f) => f.counties[k].ml)),
            anova: combineFit(fits.map((f) => f.counties[k].anova)),
            weighted: c.weighted ? combineFit(fits.map((f) => f.counties[k].weighted)) : null,
            cv: c.cv === null ? null : fits.reduce((a, f) => a + f.counties[k].cv, 0) / M,
            level: reml.estimable ? (reml.icc >= large ? 'large' : reml.icc < small ? 'small' : 'moderate') : null,
            references,
            schoolsDetail: c.schoolsDetail.map((s, j) => {
                const all = fits.map((f) => f.counties[k].schoolsDetail[j]);
                const avg = (key) => all.reduce((a, x) => a + x[key], 0) / M;
                const shrunkenMean = avg('shrunkenMean');
                const u = all.reduce((a, x) => a + x.posteriorSD ** 2, 0) / M;
                const b = all.reduce((a, x) => a + (x.shrunkenMean - shrunkenMean) ** 2, 0) / (M - 1);
                const mean = avg('mean');
                const ses = all.map((x) => x.meanSE);
                const meanSE = ses.every((x) => x !== null)
                    ? Math.sqrt(ses.reduce((a, x) => a + x ** 2, 0) / M + ((1 + 1 / M) * all.reduce((a, x) => a + (x.mean - mean) ** 2, 0)) / (M - 1))
                    : null;
                return { ...s, mean, meanSE, shrunkenMean, posteriorSD: Math.sqrt(u + (1 + 1 / M) * b) };
            }),
        };
    });
    return {
        ...first,
        method: `${first.method}; ${M} plausible values: each decomposed, figures averaged, ICC interval widened by Rubin's between-PV variance`,
        counties,
        province: first.province.map((p, k) => {
            const list = fits.map((f) => f.province[k]);
            if (list.some((x) => x.icc === null))
                return { ...p, icc: null, iccCI: null };
            const combined = combineFit(list.map((x) => ({ estimable: true, icc: x.icc, iccCI: x.iccCI, level: options.level ?? 0.95 })));
            return { ...p, icc: combined.icc, iccCI: combined.iccCI };
        }),
    };
}
//# sourceMappingURL=betweenSchoolVariance.js.map