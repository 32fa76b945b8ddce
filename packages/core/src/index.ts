// @jiance/core — statistics of education-quality monitoring over Apache Arrow tables.
// Runs in Node and the browser: no Node built-ins anywhere in this package.
// Synthetic data with known truth: '@jiance/core/simulate'.

// Analyses: one driver over any provider of summaries; analyzeStudents runs them all on a table.
export {
  analyzeStudents,
  analysisPlan,
  resultsFormatVersion,
  type AnalysisResults,
  type LevelSection,
  type AnalysisSection,
  type AnalyzeOptions as AnalyzeStudentsOptions,
} from './analyze/analyzeStudents.js';
export {
  analyzeFrom,
  tableProvider,
  type SummaryProvider,
  type SummaryAnswers,
  type SummaryLookup,
  type SummaryRequests,
  type Summary,
  type ProvidedAnalysis,
  type AnalyzePhase,
  type AnalyzeFromHooks,
} from './analyze/analyzeFrom.js';
export { stepTimer, type StepTimer } from './analyze/stepTimer.js';
export { analyzeBatches, batchProvider, type StreamedAnalysis, type BatchProviderOptions } from './analyze/analyzeBatches.js';

// Reading: bytes → text → raw cells → a validated student table, and the column roles.
export { decodeText, byteOrderMark, looksBinary, type DecodedText } from './io/decodeText.js';
export { parseCsv, detectDelimiter } from './io/parseCsv.js';
export { CsvBatcher, batchesOf } from './io/csvBatches.js';
export { locateHeader } from './io/locateHeader.js';
export { rawFromRecords, type RawTable, type RawCell, type RawRejection } from './io/raw.js';
export { rawFromRows } from './io/rawFromRows.js';
export { rawFromArrow } from './io/rawFromArrow.js';
export { rawFromArquero, isArqueroTable, type ArqueroTable } from './io/rawFromArquero.js';
export { roleSpecs, roleSpec, maxWeight, minWeight, roleNames, roleOfHeader, normalizeHeader, suggestRole, type RoleSpec, type RoleKind } from './roles.js';
export { resolveColumns, parseMapArguments, type ColumnMapping, type ColumnUse, type HeaderMap } from './table/resolveColumns.js';
export {
  parseNumberCell,
  parseYearCell,
  parseGradeCell,
  parseSexCell,
  parseLocaleCell,
  parseFlagCell,
  parseTextCell,
  parseRoleCell,
  valueStatus,
  type ValueStatus,
} from './table/parseCell.js';
export {
  studentTable,
  rawTableOf,
  mergeDataQuality,
  ruleOfStatus,
  type StudentData,
  type StudentInput,
  type StudentTableOptions,
  type DataQuality,
} from './table/studentTable.js';
export type { RuleCount, QualityExample } from './table/qualityCollector.js';
export { analysisUsage, type AnalysisUsage } from './table/analysisUsage.js';
export { readNumbers, readCodes, blankKeepingKeys, type Codes } from './table/columns.js';

// Summaries: what every estimator reads (per-group moments, design totals, row usage), and the
// requests a provider answers.
export { emptyMoments, addValue, mergeMoments, mergeMeanM2, momentsOf, sampleVarianceOf, type Moments } from './summary/moments.js';
export {
  groupedMoments,
  mergeGroupedMoments,
  rollupMoments,
  labelsAt,
  type GroupedMoments,
  type GroupedMomentsOptions,
  type KeyLabel,
} from './summary/groupedMoments.js';
export { designEntries, designEntriesOf, type DesignEntries } from './survey/designEntries.js';
export {
  tableSource,
  summarySource,
  recordingSource,
  answer,
  requestKey,
  measureValues,
  mergeUsage,
  derivedInputs,
  type SummarySource,
  type SourceInfo,
  type SummaryRequest,
  type MomentsRequest,
  type EntriesRequest,
  type UsageRequest,
  type Measure,
  type ScoreBand,
  type DerivedId,
} from './summary/summarySource.js';

// Between-school differences (校间差异): ANOVA, REML/ML and weighted ICC, school effects.
export {
  betweenSchoolVariance,
  primaryFit,
  type BetweenSchoolOptions,
  type BetweenSchoolSummary,
  type CountyBetweenSchool,
  type DifferenceLevel,
  type ReferenceComparison,
  type PooledShare,
} from './variance/betweenSchoolVariance.js';
export { iccAnova, type AnovaDecomposition } from './variance/iccAnova.js';
export { iccReml, iccMl, iccWeighted, type RandomInterceptFit, type WeightedRandomInterceptFit } from './variance/randomIntercept.js';
export {
  clusterTotals,
  weightedClusterSummary,
  type ClusterSummary,
  type ClusterTotals,
  type VarianceUnavailable,
  type VarianceUnavailableReason,
} from './variance/clusterSummary.js';
export { schoolEffects, type SchoolEffect } from './variance/schoolEffects.js';
export { schoolMeanCV } from './variance/schoolMeanCV.js';
export { describeAchievement, type AchievementSummary, type CountyAchievement, type SchoolAchievement } from './describe/describeAchievement.js';

// Detection rates and trends (检出率与趋势), targets.
export {
  detectionRates,
  detectionRatesWithClusters,
  type DetectionRates,
  type DetectionRateOptions,
  type RateCell,
  type RateClusterSums,
} from './rates/detectionRates.js';
export { rateWilson, rateClopperPearson, type RateInterval } from './rates/rateInterval.js';
export { rateClustered, type RateClusters, type ClusteredRate } from './rates/rateClustered.js';
export { kornGraubard } from './rates/kornGraubard.js';
export { cochranArmitage, type TrendTest } from './rates/cochranArmitage.js';
export { rateTrend, type RateTrend, type RateChange, type TrendDirection } from './rates/rateTrend.js';
export { designSlope, designSlopeOf, type SlopeCluster, type SlopeClusterColumns, type DesignSlope } from './rates/designSlope.js';
export { parseTarget, evaluateTarget, type RateTarget, type TargetVerdict } from './rates/targets.js';
export { indicatorTrends, type IndicatorTrend, type CountyTrend, type RateSection, type RateAnalysisOptions } from './rates/indicatorTrends.js';

// Survey design and comparisons (抽样设计与县域比较): Taylor and replicate SEs, plausible values,
// county against province and nation, gaps, ranks, references.
export { surveyDesign, designSubjects, simpleDesign, type SurveyDesign, type SurveyDesignOptions } from './survey/surveyDesign.js';
export { designContrast, domainTotals, type ContrastTerm, type DesignEstimate, type DomainTotals } from './survey/designContrast.js';
export { designMean, type DesignCluster, type DesignMean } from './survey/designMean.js';
export { designTrend, type DesignTrend } from './survey/designTrend.js';
export { combinePlausibleValues, type CombinedEstimate } from './survey/rubinsRules.js';
export { replicateVariance, type ReplicateMethod } from './survey/replicateVariance.js';
export { stratifiedVariance } from './survey/stratifiedVariance.js';
export {
  countyComparisons,
  type CountyComparison,
  type CountyComparisonOptions,
  type CountyComparisonSummary,
  type YearGradeComparison,
  type ProvinceComparison,
  type NationComparison,
  type ComparisonWithPart,
} from './survey/countyComparisons.js';
export { compareWithTotal, type ComparisonCluster, type ComparisonWithTotal, type ComparisonMark } from './survey/compareWithTotal.js';
export { compareWithReference, pairwiseComparisons, holmAdjust, type GroupEstimate, type Difference } from './survey/compareGroups.js';
export { assessable, comparisonMark, type NotAssessableReason } from './survey/comparisonMark.js';
export { rankIntervals, type RankInterval } from './survey/rankIntervals.js';
export { domainGap, domainGapUsage, type DomainGap } from './survey/domainGap.js';
export { referenceTable, referencesFromList, type ReferenceValue, type ReferenceScope, type ReferenceStatistic } from './references/referenceValues.js';
export { referenceDifference, type ReferenceDifference } from './references/referenceDifference.js';
export { unusedReferences, type ReferenceUnused } from './references/unusedReferences.js';

// Indicators and levels (指标与学业水平): vision, sleep, BMI (WS/T 586, WS/T 456), fitness, health means.
export {
  indicatorIds,
  indicatorNames,
  indicatorValues,
  availableIndicators,
  type IndicatorId,
  type IndicatorOptions,
  type IndicatorValues,
} from './indicators/indicatorValues.js';
export { visionGrade, visionPoor, defaultVisionThresholds, type VisionGrade, type VisionThresholds } from './indicators/visionPoor.js';
export { sleepShort, defaultSleepRequirement, type SleepRequirement } from './indicators/sleepShort.js';
export { bmiCategory, bodyMassIndex, halfYearAge, type BmiCategory } from './indicators/bmiCategory.js';
export { wst586Table } from './indicators/wst586.js';
export { wst456Table } from './indicators/wst456.js';
export { fitnessBand, type FitnessBand } from './indicators/fitnessBand.js';
export {
  healthMeans,
  availableHealthMeasures,
  healthMeasureIds,
  healthMeasureNames,
  type HealthMeasureId,
  type HealthMeasureSummary,
  type HealthSection,
  type DomainMean,
} from './health/healthMeans.js';
export { subjectBands, scoreLevel, cutsOfGrade, defaultLevelNames, type LevelOptions, type BalancedOptions, type SubjectBands } from './levels/levelBands.js';
export { levelShares, type LevelSummary, type LevelCell, type LevelTrend, type ShareEstimate, type LevelShareOptions } from './levels/levelShares.js';
export { balancedChecks, type BalancedCheck, type ConditionStatus } from './levels/balancedCheck.js';

// Findings and the rectification ledger (主要发现与整改台账).
export { findings, findingId, type Finding, type FindingDomain, type FindingKind, type FindingPolarity } from './findings/findings.js';
export {
  rectificationLedger,
  rateLedgerTargets,
  ledgerStatus,
  parseLedgerTarget,
  ledgerStatistic,
  resultYears,
  type Ledger,
  type LedgerItem,
  type LedgerFinding,
  type LedgerRule,
  type LedgerStatus,
  type LedgerStatistic,
  type LedgerTargetSpec,
  type LedgerValue,
} from './findings/ledger.js';

// Errors and messages (one catalogue, zh and en), and a seeded random source.
export { JianceError, isJianceError } from './errors.js';
export * as messages from './messages.js';
export type { Message, Reason, RuleId } from './messages.js';
export { ruleLabel, ruleFix } from './messages.js';
export { randomSource, type RandomSource } from './random.js';
