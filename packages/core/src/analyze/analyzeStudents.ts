import { describeAchievement, type AchievementSummary } from '../describe/describeAchievement.js';
import type { DataQuality, StudentData } from '../table/studentTable.js';
import { countyComparisons, type CountyComparisonSummary } from '../survey/countyComparisons.js';
import { availableIndicators, indicatorValues } from '../indicators/indicatorValues.js';
import { domainGap, type DomainGap } from '../survey/domainGap.js';
import { indicatorTrends, type RateAnalysisOptions, type RateSection } from '../rates/indicatorTrends.js';
import { betweenSchoolVariance, type BetweenSchoolOptions, type BetweenSchoolSummary } from '../variance/betweenSchoolVariance.js';

/** Version of the results.json layout; bumped when a field changes meaning. */
export const resultsFormatVersion = 1;

/**
 * Everything `analyze` computes (results.json). It holds only what follows from the data
 * and the options — no file names, paths or times — so the same data in any file format
 * gives byte-identical JSON. Run details (file, encoding, column mapping) go to run.json.
 */
export interface AnalysisResults {
  format: 'jiance-results';
  formatVersion: number;
  data: {
    rowsRead: number;
    rowsKept: number;
    /** Roles found in the data (canonical names; student ids are used only for duplicates). */
    roles: string[];
    subjects: string[];
    weighted: boolean;
  };
  dataQuality: DataQuality;
  /** Achievement summary per subject (学业表现汇总). */
  achievement: AchievementSummary[];
  /** Between-school variance per subject (校间差异). */
  betweenSchool: BetweenSchoolSummary[];
  /** Detection rates, trends and targets (检出率趋势). */
  rates: RateSection;
  /** Counties against the province, a reference and each other, per subject (县域比较). */
  countyComparison: CountyComparisonSummary[];
  /** Counties compared on each detection rate (same machinery as scores). */
  rateComparison: CountyComparisonSummary[];
  /** Gaps inside counties per subject: sex (M − F) and urban/rural (城区 − 乡村) (县内差距). */
  gaps: { subject: string; by: 'sex' | 'locale'; a: string; b: string; cells: DomainGap[] }[];
}

/** Options of {@link analyzeStudents}. */
export interface AnalyzeOptions {
  betweenSchool?: BetweenSchoolOptions;
  rates?: RateAnalysisOptions;
  countyComparison?: { reference?: { label: string; estimate: number; se?: number } };
}

/**
 * Runs every analysis the data supports: the achievement summary and the between-school
 * variance of each subject, and the detection rates with trends and targets of every indicator.
 *
 * @example
 * analyzeStudents(studentTable(parseCsv(text, 'county.csv'))).achievement[0].subject; // => 'math'
 */
export function analyzeStudents(data: StudentData, options: AnalyzeOptions = {}): AnalysisResults {
  return {
    format: 'jiance-results',
    formatVersion: resultsFormatVersion,
    data: {
      rowsRead: data.quality.rowsRead,
      rowsKept: data.quality.rowsKept,
      roles: Object.keys(data.mapping.roles),
      subjects: data.subjects,
      weighted: data.quality.weighted,
    },
    dataQuality: data.quality,
    achievement: data.subjects.map((s) => describeAchievement(data, s)),
    betweenSchool: data.subjects.map((s) => betweenSchoolVariance(data, s, options.betweenSchool)),
    rates: indicatorTrends(data, options.rates),
    countyComparison: data.subjects.map((s) => countyComparisons(data, s, options.countyComparison)),
    rateComparison: availableIndicators(data, options.rates ?? {}).map((indicator) =>
      countyComparisons(data, indicator, { values: indicatorValues(data, indicator, options.rates ?? {}) }),
    ),
    gaps: data.subjects.flatMap((subject) =>
      ([['sex', 'M', 'F'], ['locale', '城区', '乡村']] as const)
        .filter(([by]) => data.table.getChild(by))
        .map(([by, a, b]) => ({ subject, by, a, b, cells: domainGap(data, subject, by, a, b) })),
    ),
  };
}
