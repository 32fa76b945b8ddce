import { simulatedIndicators, truePrevalence } from './provinceParams.js';
/**
 * The truth of a synthetic province (模拟真值): what estimators should recover.
 *
 * @example
 * provinceTruth(provinceFixtureParams, 7).counties[0].math['4'].icc; // => 0.05
 */
export function provinceTruth(p, seed) {
    const first = p.years[0];
    return {
        generator: 'jiance-simulate',
        seed,
        province: p.province,
        years: [...p.years],
        anxietyCutoff: p.anxietyCutoff,
        counties: p.counties.map((c) => {
            const math = {};
            for (const g of [4, 8]) {
                const icc = c.icc[g];
                math[String(g)] = {
                    icc,
                    betweenVariance: icc * p.mathSD ** 2,
                    withinVariance: (1 - icc) * p.mathSD ** 2,
                    mean: p.mathMean[g] + c.mathOffset,
                };
            }
            const prevalence = {};
            const trendPerYear = {};
            for (const indicator of simulatedIndicators) {
                prevalence[indicator] = { '4': {}, '8': {} };
                for (const g of [4, 8]) {
                    for (const y of p.years)
                        prevalence[indicator][String(g)][String(y)] = round(truePrevalence(c, indicator, g, y, first));
                }
                trendPerYear[indicator] = c.prevalence[indicator][4].perYear;
            }
            return { county: c.name, schools: { 4: c.primarySchools, 8: c.juniorSchools }, math, prevalence, trendPerYear };
        }),
    };
}
const round = (x) => Math.round(x * 1e10) / 1e10;
//# sourceMappingURL=provinceTruth.js.map