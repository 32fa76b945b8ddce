import { asSource } from '../summary/summarySource.js';
import { QualityCollector } from '../table/qualityCollector.js';
import { groupCount, momentsAt, rollupMoments } from '../summary/groupedMoments.js';
import { sampleVarianceOf } from '../summary/moments.js';
/** Key columns of the school-level summary, outermost first. */
export const schoolKeys = ['county', 'year', 'grade', 'school'];
/**
 * Achievement summary (学业表现汇总) of one subject per county × year × grade and per
 * school: students, schools, weighted mean and SD — from one scan into per-school moments,
 * rolled up exactly to counties.
 *
 * mean = Σ wᵢxᵢ / Σ wᵢ; sd = √( n/(n − 1) · Σ wᵢ(xᵢ − mean)² / Σ wᵢ ), R's
 * `survey::svymean`/`svyvar` point estimates (with all weights 1: `mean()` and `sd()`).
 *
 * @example
 * describeAchievement(data, 'math').counties[0]; // => { county: '青山县', year: 2021, grade: 4, students: 412, … }
 */
export function describeAchievement(data, subject, options = {}) {
    const source = asSource(data);
    const columns = options.design?.plausibleValues[subject] ?? [subject];
    const usage = source.usage({ analysis: `describe.${subject}`, fields: columns });
    if (columns.length === 1)
        return { subject, method, usage, ...describeValues(source, { column: subject }) };
    // Plausible values: each summarised over the same students, then averaged (Rubin's point estimate).
    const perPv = columns.map((_, pv) => describeValues(source, { columns, pv }));
    const avg = (rows) => rows[0].map((row, k) => ({
        ...row,
        mean: rows.reduce((a, r) => a + r[k].mean, 0) / rows.length,
        sd: row.sd === null ? null : rows.reduce((a, r) => a + r[k].sd, 0) / rows.length,
    }));
    return {
        subject,
        method: `${method}; ${columns.length} plausible values, each summarised and the results averaged`,
        usage,
        counties: avg(perPv.map((p) => p.counties)),
        schools: avg(perPv.map((p) => p.schools)),
        warnings: perPv[0].warnings,
    };
}
const method = 'weighted mean and SD (survey::svymean / svyvar point estimates); per-school moments merged exactly (Chan et al. 1979)';
function describeValues(source, measure) {
    const bySchool = source.moments({ keys: [...schoolKeys], measure, weighted: true });
    const byCounty = rollupMoments(bySchool, ['county', 'year', 'grade']);
    const schoolsPerCounty = new Map();
    for (let g = 0; g < groupCount(bySchool); g++) {
        const key = JSON.stringify([bySchool.labels[0][g], bySchool.labels[1][g], bySchool.labels[2][g]]);
        schoolsPerCounty.set(key, (schoolsPerCounty.get(key) ?? 0) + 1);
    }
    const sd = (v) => (Number.isNaN(v) ? null : Math.sqrt(v));
    const counties = [];
    for (let g = 0; g < groupCount(byCounty); g++) {
        const m = momentsAt(byCounty, g);
        const [county, year, grade] = byCounty.labels.map((l) => l[g]);
        counties.push({
            county,
            year: year,
            grade: grade,
            students: m.count,
            schools: schoolsPerCounty.get(JSON.stringify([county, year, grade])),
            mean: m.mean,
            sd: sd(sampleVarianceOf(m)),
        });
    }
    const schools = [];
    // Single-student schools, listed with the row of their one student (the group's first row).
    const single = new QualityCollector();
    for (let g = 0; g < groupCount(bySchool); g++) {
        const m = momentsAt(bySchool, g);
        const [county, year, grade, school] = bySchool.labels.map((l) => l[g]);
        if (m.count === 1)
            single.add('single_student_school', 'school', bySchool.firstRow[g], String(school));
        schools.push({
            county,
            year: year,
            grade: grade,
            school,
            students: m.count,
            sumWeights: m.sumWeights,
            mean: m.mean,
            sd: sd(sampleVarianceOf(m)),
        });
    }
    return { counties, schools, warnings: single.list() };
}
//# sourceMappingURL=describeAchievement.js.map