import { pushTo } from '../summary/pushTo.js';
import { availableIndicators } from '../indicators/indicatorValues.js';
import { asSource, hasColumn } from '../summary/summarySource.js';
import { detectionRatesWithClusters } from './detectionRates.js';
import { rateTrend } from './rateTrend.js';
import { evaluateTarget, parseTarget } from './targets.js';
/**
 * Detection rates, trends and target verdicts (检出率、趋势与目标) of every indicator the data
 * support, per county × grade across years.
 *
 * @example
 * indicatorTrends(data, { targets: { fitness_pass: '>= 95%' } }).indicators[0].trends[0].trend.direction; // => 'stable'
 */
export function indicatorTrends(data, options = {}) {
    const source = asSource(data, options);
    // Each grouping is one scan of the indicator into per-school sums.
    const targets = Object.entries(options.targets ?? {}).map(([indicator, text]) => parseTarget(indicator, text));
    const indicators = [];
    for (const indicator of availableIndicators(source, options)) {
        const trendsBy = (by) => {
            const { rates, clusters } = detectionRatesWithClusters(source, indicator, { ...options, by });
            const clusterOf = new Map(rates.cells.map((cell, i) => [cell, clusters[i]]));
            const groups = new Map();
            for (const cell of rates.cells) {
                const key = JSON.stringify([cell.keys.county, cell.keys.grade ?? null]);
                pushTo(groups, key, cell);
            }
            const trends = [...groups].map(([key, cells]) => {
                const [county, grade] = JSON.parse(key);
                const trend = rateTrend(cells, { clusters: clusterOf, ...(options.level === undefined ? {} : { level: options.level }) });
                return { county, grade, trend, targets: targets.filter((t) => t.indicator === indicator).map((t) => evaluateTarget(t, cells, trend)) };
            });
            return { rates, trends };
        };
        const byGrade = trendsBy(['county', 'year', 'grade']);
        const byCounty = trendsBy(['county', 'year']);
        indicators.push({ indicator, rates: byGrade.rates, trends: byGrade.trends, countyRates: byCounty.rates, countyTrends: byCounty.trends });
    }
    const skipped = hasColumn(source, 'anxiety') && !hasColumn(source, 'anxiety_flag') && options.anxietyCutoff === undefined
        ? [{ indicator: 'anxiety', reason: 'anxiety-cutoff-missing' }]
        : [];
    return { indicators, skipped };
}
//# sourceMappingURL=indicatorTrends.js.map