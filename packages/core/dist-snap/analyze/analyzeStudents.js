import { describeAchievement } from '../describe/describeAchievement.js';
import { countyComparisons } from '../survey/countyComparisons.js';
import { availableIndicators } from '../indicators/indicatorValues.js';
import { asSource, hasColumn } from '../summary/summarySource.js';
import { domainGap, domainGapUsage } from '../survey/domainGap.js';
import { designSubjects, surveyDesign } from '../survey/surveyDesign.js';
import { indicatorTrends } from '../rates/indicatorTrends.js';
import { betweenSchoolVariance } from '../variance/betweenSchoolVariance.js';
/** Version of the results.json layout; bumped when a field changes meaning. */
export const resultsFormatVersion = 1;
/**
 * Runs every analysis the data supports under the data's survey design ({@link surveyDesign}):
 * the achievement summary, between-school variance, county comparisons and gaps of each subject
 * (plausible values combined by Rubin's rules), and the detection rates with trends, targets and
 * county comparisons of every indicator.
 *
 * @example
 * analyzeStudents(studentTable(parseCsv(text, 'county.csv'))).achievement[0].subject; // => 'math'
 */
export function analyzeStudents(data, options = {}) {
    const rates = options.rates ?? {};
    const source = asSource(data, rates);
    const { info } = source;
    const design = surveyDesign(source, options.design);
    const subjects = designSubjects(source, design);
    const rateOptions = { ...rates, design };
    return {
        format: 'jiance-results',
        formatVersion: resultsFormatVersion,
        data: {
            rowsRead: info.quality.rowsRead,
            rowsKept: info.quality.rowsKept,
            roles: Object.keys(info.mapping.roles),
            subjects: subjects.map((s) => s.subject),
            weighted: info.quality.weighted,
            design: {
                weight: design.weight,
                strata: design.strata,
                plausibleValues: design.plausibleValues,
                replicates: design.replicates ? { count: design.replicates.columns.length, method: design.replicates.method } : null,
                shadowedColumns: subjects.filter((s) => s.shadowed).map((s) => s.subject),
            },
        },
        dataQuality: info.quality,
        achievement: subjects.map((s) => describeAchievement(source, s.subject, { design })),
        betweenSchool: subjects.map((s) => betweenSchoolVariance(source, s.subject, { ...options.betweenSchool, design })),
        rates: indicatorTrends(source, rateOptions),
        countyComparison: subjects.map((s) => countyComparisons(source, s.subject, { ...options.countyComparison, design })),
        rateComparison: availableIndicators(source, rates).map((indicator) => countyComparisons(source, indicator, { design, indicator })),
        gaps: subjects.flatMap(({ subject }) => [['sex', 'M', 'F'], ['locale', '城区', '乡村']]
            .filter(([by]) => hasColumn(source, by))
            .map(([by, a, b]) => ({ subject, by, a, b, usage: domainGapUsage(source, subject, by, design), cells: domainGap(source, subject, by, a, b, { design }) }))),
    };
}
//# sourceMappingURL=analyzeStudents.js.map