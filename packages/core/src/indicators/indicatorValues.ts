import { JianceError } from '../errors.js';
import { anxietyCutoffRequired } from '../messages.js';
import { analysisUsage, type AnalysisUsage } from '../table/analysisUsage.js';
import { readCodes, readNumbers } from '../table/columns.js';
import type { StudentData } from '../table/studentTable.js';
import { bmiCategory } from './bmiCategory.js';
import { fitnessBand } from './fitnessBand.js';
import { sleepShort, defaultSleepRequirement, type SleepRequirement } from './sleepShort.js';
import { visionPoor, defaultVisionThresholds, type VisionThresholds } from './visionPoor.js';

/** The detection-rate indicators (检出率指标). */
export const indicatorIds = [
  'vision_poor',
  'sleep_short',
  'anxiety',
  'overweight',
  'obese',
  'overweight_obese',
  'thin',
  'fitness_pass',
  'fitness_good',
] as const;

/** One of {@link indicatorIds}. */
export type IndicatorId = (typeof indicatorIds)[number];

/** Chinese names of the indicators, as reports use them. */
export const indicatorNames: Record<IndicatorId, { zh: string; en: string }> = {
  vision_poor: { zh: '视力不良检出率', en: 'Poor vision' },
  sleep_short: { zh: '睡眠不足比例', en: 'Insufficient sleep' },
  anxiety: { zh: '焦虑检出率', en: 'Anxiety' },
  overweight: { zh: '超重率', en: 'Overweight' },
  obese: { zh: '肥胖率', en: 'Obesity' },
  overweight_obese: { zh: '超重肥胖率', en: 'Overweight or obese' },
  thin: { zh: '消瘦率', en: 'Thinness' },
  fitness_pass: { zh: '体质健康达标率', en: 'Fitness pass rate' },
  fitness_good: { zh: '体质健康优良率', en: 'Fitness good-or-excellent rate' },
};

/** Thresholds of the indicator definitions (DESIGN.md defaults; all configurable). */
export interface IndicatorOptions {
  /** Anxiety score at or above which a student is anxious; required for the anxiety score. */
  anxietyCutoff?: number;
  sleep?: SleepRequirement;
  vision?: VisionThresholds;
}

/** An indicator's value per kept row (1, 0, or NaN when it cannot be determined). */
export interface IndicatorValues {
  indicator: IndicatorId;
  values: Float64Array;
  /** The columns it was computed from. */
  fields: string[];
  usage: AnalysisUsage;
}

/** Anything that knows its columns: a validated table or a summary source. */
type WithColumns = StudentData | { info: { columns: readonly string[] } };
const has = (data: WithColumns, role: string): boolean => ('table' in data ? data.table.getChild(role) !== null : data.info.columns.includes(role));

/** The columns an indicator is computed from, or undefined when the data cannot give it. */
function inputsOf(data: WithColumns, indicator: IndicatorId, options: IndicatorOptions): string[] | undefined {
  switch (indicator) {
    case 'vision_poor':
      return has(data, 'vision_poor') ? ['vision_poor'] : has(data, 'va_left') && has(data, 'va_right') ? ['va_left', 'va_right'] : undefined;
    case 'sleep_short':
      return has(data, 'sleep_hours') && has(data, 'grade') ? ['sleep_hours', 'grade'] : undefined;
    case 'anxiety':
      if (has(data, 'anxiety_flag')) return ['anxiety_flag'];
      if (!has(data, 'anxiety')) return undefined;
      return options.anxietyCutoff === undefined ? undefined : ['anxiety'];
    case 'overweight':
    case 'obese':
    case 'overweight_obese':
    case 'thin':
      return ['height_cm', 'weight_kg', 'age', 'sex'].every((r) => has(data, r)) ? ['height_cm', 'weight_kg', 'age', 'sex'] : undefined;
    case 'fitness_pass':
    case 'fitness_good':
      return has(data, 'fitness_score') ? ['fitness_score'] : undefined;
  }
}

/**
 * The indicators the data can give (an anxiety score without a cut-off is left out: there is
 * no universal cut-off, and Jiance does not guess one).
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * availableIndicators(data, {}); // => ['vision_poor', 'sleep_short', 'overweight', …]
 */
export function availableIndicators(data: WithColumns, options: IndicatorOptions = {}): IndicatorId[] {
  return indicatorIds.filter((id) => inputsOf(data, id, options) !== undefined);
}

/**
 * Computes an indicator for every kept row (检出指标): 视力不良 (either eye < 5.0, or a ready
 * flag), 睡眠不足 (below 10/9/8 h by stage), 焦虑 (score ≥ the configured cut-off, or a flag),
 * 超重/肥胖/消瘦 (WS/T 586-2018, WS/T 456-2014 by sex and half-year age), 体质达标/优良
 * (total ≥ 60 / ≥ 80). Throws a JianceError for anxiety from a score without a cut-off.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * indicatorValues(data, 'vision_poor').usage.rowsUsed; // => 3263
 */
export function indicatorValues(data: StudentData, indicator: IndicatorId, options: IndicatorOptions = {}): IndicatorValues {
  if (indicator === 'anxiety' && !has(data, 'anxiety_flag') && has(data, 'anxiety') && options.anxietyCutoff === undefined) {
    throw new JianceError(anxietyCutoffRequired());
  }
  const fields = inputsOf(data, indicator, options);
  if (!fields) throw new RangeError(`the data have no columns for indicator ${indicator}`);
  const n = data.quality.rowsKept;
  const values = new Float64Array(n).fill(NaN);
  const num = (role: string): Float64Array => readNumbers(data.table, role);
  const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
  switch (indicator) {
    case 'vision_poor': {
      if (fields[0] === 'vision_poor') {
        values.set(num('vision_poor'));
        break;
      }
      const left = num('va_left');
      const right = num('va_right');
      const t = options.vision ?? defaultVisionThresholds;
      for (let i = 0; i < n; i++) values[i] = visionPoor(orNull(left[i]!), orNull(right[i]!), t) ?? NaN;
      break;
    }
    case 'sleep_short': {
      const hours = num('sleep_hours');
      const grade = num('grade');
      const r = options.sleep ?? defaultSleepRequirement;
      for (let i = 0; i < n; i++) values[i] = sleepShort(orNull(hours[i]!), orNull(grade[i]!), r) ?? NaN;
      break;
    }
    case 'anxiety': {
      if (fields[0] === 'anxiety_flag') {
        values.set(num('anxiety_flag'));
        break;
      }
      const score = num('anxiety');
      for (let i = 0; i < n; i++) values[i] = Number.isNaN(score[i]!) ? NaN : score[i]! >= options.anxietyCutoff! ? 1 : 0;
      break;
    }
    case 'overweight':
    case 'obese':
    case 'overweight_obese':
    case 'thin': {
      const h = num('height_cm');
      const w = num('weight_kg');
      const age = num('age');
      const sex = readCodes(data.table, 'sex');
      for (let i = 0; i < n; i++) {
        const s = sex.codes[i]! < 0 ? null : (sex.labels[sex.codes[i]!] as 'M' | 'F');
        if (s === null || Number.isNaN(h[i]!) || Number.isNaN(w[i]!) || Number.isNaN(age[i]!)) continue;
        const c = bmiCategory(h[i]!, w[i]!, age[i]!, s);
        if (c === null) continue;
        if (indicator === 'thin' && age[i]! >= 18) continue; // WS/T 456 stops at 17.5
        values[i] = indicator === 'overweight_obese' ? (c === 'overweight' || c === 'obese' ? 1 : 0) : c === indicator ? 1 : 0;
      }
      break;
    }
    case 'fitness_pass':
    case 'fitness_good': {
      const score = num('fitness_score');
      for (let i = 0; i < n; i++) {
        const band = fitnessBand(orNull(score[i]!));
        if (band === null) continue;
        values[i] = indicator === 'fitness_pass' ? (band === 'fail' ? 0 : 1) : band === 'good' || band === 'excellent' ? 1 : 0;
      }
      break;
    }
  }
  const defined = Uint8Array.from(values, (v) => (Number.isNaN(v) ? 0 : 1));
  const { usage } = analysisUsage(data, `rate.${indicator}`, fields, defined);
  return { indicator, values, fields, usage };
}
