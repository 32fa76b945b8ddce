// @jiance/core — statistics of education-quality monitoring over Apache Arrow tables.
// Runs in Node and the browser: no Node built-ins anywhere in this package.

export { JianceError, isJianceError } from './errors.js';
export * as messages from './messages.js';
export type { Message, Reason, RuleId } from './messages.js';
export { ruleLabel, ruleFix } from './messages.js';

export { randomSource, type RandomSource } from './random.js';

export {
  roleSpecs,
  roleSpec,
  maxWeight,
  roleNames,
  roleOfHeader,
  normalizeHeader,
  suggestRole,
  closestHeader,
  editDistance,
  type RoleSpec,
  type RoleKind,
} from './roles.js';

export { decodeText, byteOrderMark, looksBinary, type DecodedText } from './io/decodeText.js';
export { parseCsv, detectDelimiter } from './io/parseCsv.js';
export { rawFromRecords, type RawTable, type RawCell, type RawRejection } from './io/raw.js';

export {
  parseNumberCell,
  parseYearCell,
  parseGradeCell,
  parseSexCell,
  parseLocaleCell,
  parseFlagCell,
  parseTextCell,
  isMissingCell,
  cellText,
  parseRoleCell,
  type CellProblem,
  type ValueStatus,
} from './table/parseCell.js';
export {
  resolveColumns,
  parseMapArguments,
  type ColumnMapping,
  type ColumnUse,
  type HeaderMap,
} from './table/resolveColumns.js';
export {
  studentTable,
  valueStatus,
  ruleOfStatus,
  type StudentData,
  type StudentTableOptions,
  type DataQuality,
} from './table/studentTable.js';
export { QualityCollector, type RuleCount, type QualityExample } from './table/qualityCollector.js';
export { analysisUsage, type AnalysisUsage } from './table/analysisUsage.js';
export { readNumbers, readCodes, readKeyCodes, blankKeepingKeys, type Codes, type KeyCodes } from './table/columns.js';

export { emptyMoments, addValue, mergeMoments, mergeMeanM2, momentsOf, sampleVarianceOf, type Moments } from './summary/moments.js';
export {
  groupedMoments,
  mergeGroupedMoments,
  rollupMoments,
  groupCount,
  momentsAt,
  labelsAt,
  type GroupedMoments,
  type GroupedMomentsOptions,
  type KeyLabel,
} from './summary/groupedMoments.js';

export {
  describeAchievement,
  schoolKeys,
  type AchievementSummary,
  type CountyAchievement,
  type SchoolAchievement,
} from './describe/describeAchievement.js';

export { locateHeader } from './io/locateHeader.js';
export { rawFromRows } from './io/rawFromRows.js';
export { rawFromArrow } from './io/rawFromArrow.js';
export { analyzeStudents, analysisPlan, resultsFormatVersion, type AnalysisResults, type LevelSection, type AnalysisSection, type AnalyzeOptions as AnalyzeStudentsOptions } from './analyze/analyzeStudents.js';

export { minimizeBrent, bisect } from './optimize/brent.js';
export { findRootIllinois } from './optimize/illinois.js';
export {
  clusterTotals,
  type ClusterSummary,
  type ClusterTotals,
  type VarianceUnavailable,
  type VarianceUnavailableReason,
} from './variance/clusterSummary.js';
export { iccAnova, type AnovaDecomposition } from './variance/iccAnova.js';
export { iccReml, iccMl, type RandomInterceptFit } from './variance/randomIntercept.js';
export { weightedClusterSummary } from './variance/clusterSummary.js';
export { iccWeighted, type WeightedRandomInterceptFit } from './variance/randomIntercept.js';
export { schoolEffects, type SchoolEffect } from './variance/schoolEffects.js';
export { schoolMeanCV } from './variance/schoolMeanCV.js';
export {
  betweenSchoolVariance,
  type BetweenSchoolOptions,
  type BetweenSchoolSummary,
  type CountyBetweenSchool,
  type DifferenceLevel,
  type ReferenceComparison,
  type PooledShare,
} from './variance/betweenSchoolVariance.js';
export { rateWilson, rateClopperPearson, type RateInterval } from './rates/rateInterval.js';
export { rateClustered, type RateClusters, type ClusteredRate } from './rates/rateClustered.js';
export { cochranArmitage, type TrendTest } from './rates/cochranArmitage.js';
export { wst586Table } from './indicators/wst586.js';
export { wst456Table } from './indicators/wst456.js';
export { bmiCategory, bodyMassIndex, halfYearAge, type BmiCategory } from './indicators/bmiCategory.js';
export { visionGrade, visionPoor, defaultVisionThresholds, type VisionGrade, type VisionThresholds } from './indicators/visionPoor.js';
export { sleepShort, defaultSleepRequirement, type SleepRequirement } from './indicators/sleepShort.js';
export { fitnessBand, type FitnessBand } from './indicators/fitnessBand.js';
export {
  simulatedIndicators,
  nationalPrevalence,
  countyFixtureParams,
  provinceFixtureParams,
  scaledProvinceParams,
  truePrevalence,
  countyFixtureReferences,
  twoProvinceFixtureParams,
  twoProvinceFixtureSeeds,
  type FixtureReferenceRow,
  type SimulatedIndicator,
  type PrevalenceTrend,
  type CountyParams,
  type ProvinceParams,
} from './simulate/provinceParams.js';
export {
  generateStudents,
  simulatedColumns,
  chineseOrdinal,
  type SimulatedRecord,
  type InjectedDefect,
  type GenerateOptions,
} from './simulate/generateStudents.js';
export { provinceTruth, type ProvinceTruth } from './simulate/provinceTruth.js';
export {
  indicatorIds,
  indicatorNames,
  indicatorValues,
  availableIndicators,
  type IndicatorId,
  type IndicatorOptions,
  type IndicatorValues,
} from './indicators/indicatorValues.js';
export { detectionRates, detectionRatesWithClusters, type DetectionRates, type DetectionRateOptions, type RateCell, type RateClusterSums } from './rates/detectionRates.js';
export { rateTrend, type RateTrend, type RateChange, type TrendDirection } from './rates/rateTrend.js';
export { parseTarget, evaluateTarget, type RateTarget, type TargetVerdict } from './rates/targets.js';
export { indicatorTrends, type IndicatorTrend, type CountyTrend, type RateSection, type RateAnalysisOptions } from './rates/indicatorTrends.js';
export { designSlope, designSlopeOf, type SlopeCluster, type SlopeClusterColumns, type DesignSlope } from './rates/designSlope.js';
export { tQuantileCached } from './survey/quantiles.js';
export { combinePlausibleValues, type CombinedEstimate } from './survey/rubinsRules.js';
export { replicateVariance, type ReplicateMethod } from './survey/replicateVariance.js';
export { compareWithTotal, type ComparisonCluster, type ComparisonWithTotal, type ComparisonMark } from './survey/compareWithTotal.js';
export { assessable, comparisonMark, type NotAssessableReason } from './survey/comparisonMark.js';
export { compareWithReference, pairwiseComparisons, holmAdjust, type GroupEstimate, type Difference } from './survey/compareGroups.js';
export { rankIntervals, rankInto, type RankInterval } from './survey/rankIntervals.js';
export { stratifiedVariance } from './survey/stratifiedVariance.js';
export { designMean, type DesignCluster, type DesignMean } from './survey/designMean.js';
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
export { stratumIds } from './survey/stratumIds.js';
export {
  referenceTable,
  referencesFromList,
  referenceApplies,
  referencesForCell,
  legacyReference,
  legacyIccReference,
  type ReferenceValue,
  type ReferenceScope,
  type ReferenceStatistic,
} from './references/referenceValues.js';
export { referenceDifference, type ReferenceDifference } from './references/referenceDifference.js';
export { unusedReferences, type ReferenceUnused } from './references/unusedReferences.js';
export { subjectBands, scoreLevel, cutsOfGrade, defaultLevelNames, type LevelOptions, type BalancedOptions, type SubjectBands } from './levels/levelBands.js';
export { levelShares, type LevelSummary, type LevelCell, type LevelTrend, type ShareEstimate, type LevelShareOptions } from './levels/levelShares.js';
export { balancedChecks, type BalancedCheck, type ConditionStatus } from './levels/balancedCheck.js';
export { designTrend, type DesignTrend } from './survey/designTrend.js';
export { cellDegreesOfFreedom, replicateRank } from './survey/cellDesign.js';
export { healthMeans, availableHealthMeasures, healthMeasureIds, healthMeasureNames, type HealthMeasureId, type HealthMeasureSummary, type HealthSection, type DomainMean } from './health/healthMeans.js';
export { kornGraubard } from './rates/kornGraubard.js';
export { domainGap, domainGapUsage, type DomainGap } from './survey/domainGap.js';
export { surveyDesign, designSubjects, simpleDesign, type SurveyDesign, type SurveyDesignOptions } from './survey/surveyDesign.js';
export { designEntries, designEntriesOf, withReplicateUsage, type DesignEntries } from './survey/designEntries.js';
export { designContrast, domainTotals, type ContrastTerm, type DesignEstimate, type DomainTotals } from './survey/designContrast.js';
export { analyzeBatches, batchProvider, type StreamedAnalysis, type BatchProviderOptions } from './analyze/analyzeBatches.js';
export { analyzeFrom, tableProvider, type SummaryProvider, type SummaryAnswers, type SummaryLookup, type SummaryRequests, type Summary, type ProvidedAnalysis } from './analyze/analyzeFrom.js';
export { tableSource, measureValues, derivedInputs, asSource, summarySource, recordingSource, answer, mergeUsage, requestKey, hasColumn, type SummarySource, type SourceInfo, type SummaryRequest, type MomentsRequest, type EntriesRequest, type UsageRequest, type Measure, type ScoreBand, type DerivedId } from './summary/summarySource.js';
export { deriveFrom, deriveSummary } from './summary/derivedSummaries.js';
export { groupCells, type Cell } from './summary/groupCells.js';
export { StudentIdIndex } from './table/studentIdIndex.js';
export { mergeDataQuality, canonicalOrder } from './table/studentTable.js';
export { CsvBatcher, batchesOf } from './io/csvBatches.js';

export { rectificationLedger, ledgerStatus, parseLedgerTarget, ledgerStatistic, resultYears, type Ledger, type LedgerItem, type LedgerFinding, type LedgerRule, type LedgerStatus, type LedgerStatistic, type LedgerTargetSpec, type LedgerValue } from './findings/ledger.js';
export { findings, findingId, type Finding, type FindingDomain, type FindingKind, type FindingPolarity } from './findings/findings.js';
