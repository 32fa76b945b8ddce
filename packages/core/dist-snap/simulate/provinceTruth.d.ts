import { type ProvinceParams } from './provinceParams.js';
/** The true parameters of a synthetic province, as written beside a fixture (*.truth.json). */
export interface ProvinceTruth {
    generator: 'jiance-simulate';
    seed: number;
    province: string;
    years: number[];
    anxietyCutoff: number;
    counties: {
        county: string;
        schools: {
            4: number;
            8: number;
        };
        /** Per grade: ICC, σ²_b, σ²_w and the population mean of math. */
        math: Record<'4' | '8', {
            icc: number;
            betweenVariance: number;
            withinVariance: number;
            mean: number;
        }>;
        /** indicator → grade → year → true prevalence */
        prevalence: Record<string, Record<'4' | '8', Record<string, number>>>;
        /** indicator → change per year (proportion) */
        trendPerYear: Record<string, number>;
    }[];
}
/**
 * The truth of a synthetic province (模拟真值): what estimators should recover.
 *
 * @example
 * provinceTruth(provinceFixtureParams, 7).counties[0].math['4'].icc; // => 0.05
 */
export declare function provinceTruth(p: ProvinceParams, seed: number): ProvinceTruth;
//# sourceMappingURL=provinceTruth.d.ts.map