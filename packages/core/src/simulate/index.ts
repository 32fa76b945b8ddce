// @jiance/core/simulate — synthetic monitoring data with known truth (模拟数据): the generator of
// the bundled fixtures and of the simulation tests. Not part of the statistics; its own entry so
// an analyst's bundle carries none of it.

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
} from './provinceParams.js';
export { generateStudents, simulatedColumns, chineseOrdinal, type SimulatedRecord, type InjectedDefect, type GenerateOptions } from './generateStudents.js';
export { provinceTruth, type ProvinceTruth } from './provinceTruth.js';
export { randomSource, type RandomSource } from '../random.js';
