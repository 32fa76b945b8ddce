import type { Finding } from '../findings/findingTypes.js';
import type { Ledger } from '../findings/ledgerTypes.js';
import { describeAchievement, type AchievementSummary } from '../describe/describeAchievement.js';
import { studentTable, type DataQuality, type StudentData, type StudentInput } from '../table/studentTable.js';
import { countyComparisons, type CountyComparisonSummary } from '../survey/countyComparisons.js';
import { availableIndicators } from '../indicators/indicatorValues.js';
import { asSource, hasColumn, type SummarySource } from '../summary/summarySource.js';
import { domainGap, domainGapUsage, type DomainGap } from '../survey/domainGap.js';
import { designSubjects, surveyDesign, type SurveyDesignOptions } from '../survey/surveyDesign.js';
import type { ReplicateMethod } from '../survey/replicateVariance.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import { indicatorTrends, type RateAnalysisOptions, type RateSection } from '../rates/indicatorTrends.js';
import { betweenSchoolVariance, type BetweenSchoolOptions, type BetweenSchoolSummary } from '../variance/betweenSchoolVariance.js';
import { legacyIccReference, legacyReference, type ReferenceValue } from '../references/referenceValues.js';
import { unusedReferences, type ReferenceUnused } from '../references/unusedReferences.js';
import type { LevelOptions } from '../levels/levelBands.js';
import { levelShares, type LevelSummary } from '../levels/levelShares.js';
import { balancedChecks, type BalancedCheck } from '../levels/balancedCheck.js';
import { healthMeans, type HealthSection } from '../health/healthMeans.js';

/** Version of the results.json layout; bumped when a field changes meaning (2: a county is (province, county); references; levels). */
export const resultsFormatVersion = 2;

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
    /** The survey design the SEs follow. */
    design: {
      weight: string | null;
      strata: string | null;
      /** Subject → its plausible-value columns (combined by Rubin's rules). */
      plausibleValues: Record<string, string[]>;
      replicates: { count: number; method: ReplicateMethod } | null;
      /** Point-score columns not analysed because the subject's plausible values are (e.g. math beside math_pv1…5). */
      shadowedColumns: string[];
    };
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
  gaps: { subject: string; by: 'sex' | 'locale'; a: string; b: string; usage: AnalysisUsage; cells: DomainGap[] }[];
  /** The reference figures given (参照值; comparisons name them by index), and those no cell of the data could use, with why. */
  references: { values: ReferenceValue[]; unused: ReferenceUnused[] };
  /** Performance levels (学业水平) of the subjects with cut scores, and the 优质均衡 check. */
  levels: LevelSection;
  /** The mean levels of the health measures (焦虑水平、睡眠时间…), compared and trended like achievement. */
  health: HealthSection;
  /** The findings the results support (主要发现; {@link findings}); set by the CLI after the analysis, so an engine's results get them alike. */
  findings?: Finding[];
  /** The rectification ledger (整改台账; {@link rectificationLedger}). */
  ledger?: Ledger;
}

/** The performance-level section of results.json. */
export interface LevelSection {
  /** Subjects with cut scores in the options, analysed. */
  subjects: LevelSummary[];
  /** Subjects of the data without cut scores (levels need the cuts: there are no official defaults). */
  withoutCuts: string[];
  /** The 优质均衡 check of every county × year × grade of the subjects with levels. */
  balanced: BalancedCheck[];
  /** How the check was read (the official formula is not published). */
  balancedDefinition: { definition: 'mean' | 'share'; level: number; shareLine: number | null; iccLine: number };
}

/** Options of {@link analyzeStudents}. */
export interface AnalyzeOptions {
  betweenSchool?: BetweenSchoolOptions;
  rates?: RateAnalysisOptions;
  countyComparison?: { reference?: { label: string; estimate: number; se?: number } };
  /** Reference figures of the province and the nation (参照值: the feedback report's), compared with every county. */
  references?: readonly ReferenceValue[];
  /** Strata and replicate-weight method (the rest of the design is read from the columns). */
  design?: SurveyDesignOptions;
  /** Cut scores of the performance levels per subject and grade (no defaults: the official cuts are not public). */
  levels?: LevelOptions;
}

/** One section of the results (a subject's or an indicator's analysis), computed on its own. */
export interface AnalysisSection {
  /** 'achievement', 'betweenSchool', 'rates', 'countyComparison', 'rateComparison:<indicator>' or 'gaps'. */
  name: string;
  run: () => unknown;
}

/**
 * The analyses of {@link analyzeStudents} as named sections that can be computed separately —
 * in another order, or some of them in another thread on a source with the same summaries —
 * and then assembled into the results. Each section depends only on the source and the
 * options, so the assembled results are the same however the sections were run.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * analysisPlan(data).sections.map((s) => s.name); // => ['achievement', 'betweenSchool', 'rates', 'countyComparison', 'rateComparison:vision_poor', …, 'health', 'levels', 'gaps']
 */
export function analysisPlan(
  data: StudentData | SummarySource,
  options: AnalyzeOptions = {},
): { sections: AnalysisSection[]; assemble(values: ReadonlyMap<string, unknown>): AnalysisResults } {
  const rates = options.rates ?? {};
  const source = asSource(data, rates);
  const { info } = source;
  const design = surveyDesign(source, options.design);
  const subjects = designSubjects(source, design);
  const rateOptions = { ...rates, design };
  // The indicator definitions are the source's (a source given here was built with its own).
  const indicators = availableIndicators(source, source.info.indicatorOptions);
  // One list of reference figures, the older one-figure forms included, so every comparison names a figure by its index.
  const { reference: iccReference, ...betweenSchool } = options.betweenSchool ?? {};
  const references: ReferenceValue[] = [
    ...(options.references ?? []),
    ...(options.countyComparison?.reference ? [legacyReference(options.countyComparison.reference)] : []),
    ...(iccReference ? [legacyIccReference(iccReference)] : []),
  ];
  const sections: AnalysisSection[] = [
    { name: 'achievement', run: () => subjects.map((s) => describeAchievement(source, s.subject, { design })) },
    { name: 'betweenSchool', run: () => subjects.map((s) => betweenSchoolVariance(source, s.subject, { ...betweenSchool, references, design })) },
    { name: 'rates', run: () => indicatorTrends(source, rateOptions) },
    { name: 'countyComparison', run: () => subjects.map((s) => countyComparisons(source, s.subject, { references, design })) },
    ...indicators.map((indicator) => ({
      name: `rateComparison:${indicator}`,
      run: () => countyComparisons(source, indicator, { references, design, indicator }),
    })),
    {
      name: 'health',
      run: () => healthMeans(source, { design, references }),
    },
    {
      name: 'levels',
      run: () =>
        options.levels
          ? subjects
              .map((s) =>
                levelShares(source, s.subject, {
                  levels: options.levels!,
                  design,
                  references,
                  ...(rates.minCell === undefined ? {} : { minCell: rates.minCell }),
                }),
              )
              .filter((x): x is LevelSummary => x !== null)
          : [],
    },
    {
      name: 'gaps',
      run: () =>
        subjects.flatMap(({ subject }) =>
          (
            [
              ['sex', 'M', 'F'],
              ['locale', '城区', '乡村'],
            ] as const
          )
            .filter(([by]) => hasColumn(source, by))
            .map(([by, a, b]) => ({
              subject,
              by,
              a,
              b,
              usage: domainGapUsage(source, subject, by, design),
              cells: domainGap(source, subject, by, a, b, { design }),
            })),
        ),
    },
  ];
  const assemble = (values: ReadonlyMap<string, unknown>): AnalysisResults => {
    const value = <T>(name: string): T => {
      if (!values.has(name)) throw new RangeError(`analysisPlan: section ${name} was not computed`);
      return values.get(name) as T;
    };
    const countyComparison = value<CountyComparisonSummary[]>('countyComparison');
    const rateComparison = indicators.map((indicator) => value<CountyComparisonSummary>(`rateComparison:${indicator}`));
    const between = value<BetweenSchoolSummary[]>('betweenSchool');
    const levels = value<LevelSummary[]>('levels');
    const health = value<HealthSection>('health');
    const balanced = options.levels?.balanced ?? {};
    const balancedDefinition = {
      definition: balanced.definition ?? 'mean',
      level: balanced.level ?? 2,
      shareLine: balanced.definition === 'share' ? (balanced.shareLine ?? 0.5) : null,
      iccLine: balanced.iccLine ?? 0.15,
    } as const;
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
      achievement: value('achievement'),
      betweenSchool: between,
      rates: value('rates'),
      countyComparison,
      rateComparison,
      gaps: value('gaps'),
      references: {
        values: references,
        unused: unusedReferences(
          references,
          [
            ...countyComparison,
            ...rateComparison,
            ...levels.flatMap((l) => [l.comparisons.pass, l.comparisons.lowest]),
            ...health.measures.map((m) => m.comparison),
          ],
          between,
        ),
      },
      health,
      levels: {
        subjects: levels,
        withoutCuts: subjects.map((s) => s.subject).filter((s) => !levels.some((l) => l.subject === s)),
        balanced: balancedChecks(countyComparison, between, levels, balancedDefinition),
        balancedDefinition,
      },
    };
  };
  return { sections, assemble };
}

/**
 * Runs every analysis the data supports under the data's survey design ({@link surveyDesign}):
 * the achievement summary, between-school variance, county comparisons and gaps of each subject
 * (plausible values combined by Rubin's rules), and the detection rates with trends, targets and
 * county comparisons of every indicator — the sections of {@link analysisPlan}, in order.
 * Data not yet validated — a parsed CSV, an Arrow table, an arquero table — is validated first
 * by {@link studentTable} with its defaults (columns recognised by their names); call
 * studentTable yourself to map columns or set ranges.
 *
 * @example
 * const text = readFileSync('fixtures/county.csv', 'utf8');
 * analyzeStudents(studentTable(parseCsv(text, 'county.csv'))).achievement[0].subject; // => 'math'
 * analyzeStudents(aq.fromCSV(text, { autoType: false })).achievement[0].subject; // => 'math'
 */
export function analyzeStudents(data: StudentData | SummarySource | StudentInput, options: AnalyzeOptions = {}): AnalysisResults {
  const validated = 'moments' in data || ('quality' in data && 'status' in data) ? data : studentTable(data);
  const plan = analysisPlan(validated, options);
  return plan.assemble(new Map(plan.sections.map((s) => [s.name, s.run()])));
}
