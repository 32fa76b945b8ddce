import { simulatedIndicators, truePrevalence, type ProvinceParams } from './provinceParams.js';

/** The true parameters of a synthetic province, as written beside a fixture (*.truth.json). */
export interface ProvinceTruth {
  generator: 'jiance-simulate';
  seed: number;
  province: string;
  years: number[];
  anxietyCutoff: number;
  counties: {
    county: string;
    schools: { 4: number; 8: number };
    /** Per grade: ICC, σ²_b, σ²_w and the population mean of math. */
    math: Record<'4' | '8', { icc: number; betweenVariance: number; withinVariance: number; mean: number }>;
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
export function provinceTruth(p: ProvinceParams, seed: number): ProvinceTruth {
  const first = p.years[0]!;
  return {
    generator: 'jiance-simulate',
    seed,
    province: p.province,
    years: [...p.years],
    anxietyCutoff: p.anxietyCutoff,
    counties: p.counties.map((c) => {
      const math = {} as ProvinceTruth['counties'][number]['math'];
      for (const g of [4, 8] as const) {
        const icc = c.icc[g];
        math[String(g) as '4' | '8'] = {
          icc,
          betweenVariance: icc * p.mathSD ** 2,
          withinVariance: (1 - icc) * p.mathSD ** 2,
          mean: p.mathMean[g] + c.mathOffset,
        };
      }
      const prevalence: ProvinceTruth['counties'][number]['prevalence'] = {};
      const trendPerYear: Record<string, number> = {};
      for (const indicator of simulatedIndicators) {
        prevalence[indicator] = { '4': {}, '8': {} };
        for (const g of [4, 8] as const) {
          for (const y of p.years) prevalence[indicator][String(g) as '4' | '8'][String(y)] = round(truePrevalence(c, indicator, g, y, first));
        }
        trendPerYear[indicator] = c.prevalence[indicator][4].perYear;
      }
      return { county: c.name, schools: { 4: c.primarySchools, 8: c.juniorSchools }, math, prevalence, trendPerYear };
    }),
  };
}

const round = (x: number): number => Math.round(x * 1e10) / 1e10;
