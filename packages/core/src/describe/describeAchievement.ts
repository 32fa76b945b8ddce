import type { AnalysisUsage } from '../table/analysisUsage.js';
import { requireSource, type Measure, type SummarySource } from '../summary/summarySource.js';
import { QualityCollector, type RuleCount } from '../table/qualityCollector.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import { groupCount, momentsAt, rollupMoments, type KeyLabel } from '../summary/groupedMoments.js';
import { sampleVarianceOf } from '../summary/moments.js';

/** Achievement of one county in one year and grade. */
export interface CountyAchievement {
  /** The county's province (null: no 省份 in the data, or blank). A county is (province, county). */
  province: string | null;
  county: string | null;
  year: number | null;
  grade: number | null;
  students: number;
  schools: number;
  mean: number;
  /** Weighted sample SD; null for fewer than 2 students. */
  sd: number | null;
}

/** Achievement of one school in one year and grade (校级汇总). */
export interface SchoolAchievement {
  province: string | null;
  county: string | null;
  year: number | null;
  grade: number | null;
  school: string;
  students: number;
  sumWeights: number;
  mean: number;
  sd: number | null;
}

/** The achievement summary section of results.json. */
export interface AchievementSummary {
  subject: string;
  method: string;
  usage: AnalysisUsage;
  counties: CountyAchievement[];
  schools: SchoolAchievement[];
  /** Findings that do not exclude rows, e.g. single-student schools. */
  warnings: RuleCount[];
}

/** Key columns of the school-level summary, outermost first. */
export const schoolKeys = ['province', 'county', 'year', 'grade', 'school'] as const;

/**
 * Achievement summary (学业表现汇总) of one subject per county × year × grade and per
 * school (a county is (province, county), a school (province, county, school)): students, schools, weighted mean and SD — from one scan into per-school moments,
 * rolled up exactly to counties.
 *
 * mean = Σ wᵢxᵢ / Σ wᵢ; sd = √( n/(n − 1) · Σ wᵢ(xᵢ − mean)² / Σ wᵢ ), R's
 * `survey::svymean`/`svyvar` point estimates (with all weights 1: `mean()` and `sd()`).
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * describeAchievement(source, 'math').counties[0]; // => { province: '示例省', county: '青山县', year: 2021, grade: 4, students: 489, schools: 19, mean: 482.17…, sd: 100.03… }
 */
export function describeAchievement(source: SummarySource, subject: string, options: { design?: SurveyDesign } = {}): AchievementSummary {
  requireSource(source, 'describeAchievement');
  const columns = options.design?.plausibleValues[subject] ?? [subject];
  const usage = source.usage({ analysis: `describe.${subject}`, fields: columns });
  if (columns.length === 1) return { subject, method, usage, ...describeValues(source, { column: subject }) };
  // Plausible values: each summarised over the same students, then averaged (Rubin's point estimate).
  const perPv = columns.map((_, pv) => describeValues(source, { columns, pv }));
  const avg = <T extends { mean: number; sd: number | null }>(rows: T[][]): T[] =>
    rows[0]!.map((row, k) => ({
      ...row,
      mean: rows.reduce((a, r) => a + r[k]!.mean, 0) / rows.length,
      sd: row.sd === null ? null : rows.reduce((a, r) => a + r[k]!.sd!, 0) / rows.length,
    }));
  return {
    subject,
    method: `${method}; ${columns.length} plausible values, each summarised and the results averaged`,
    usage,
    counties: avg(perPv.map((p) => p.counties)),
    schools: avg(perPv.map((p) => p.schools)),
    warnings: perPv[0]!.warnings,
  };
}

const method = 'weighted mean and SD (survey::svymean / svyvar point estimates); per-school moments merged exactly (Chan et al. 1979)';

function describeValues(source: SummarySource, measure: Measure): Pick<AchievementSummary, 'counties' | 'schools' | 'warnings'> {
  const bySchool = source.moments({ keys: [...schoolKeys], measure, weighted: true });
  const byCounty = rollupMoments(bySchool, ['province', 'county', 'year', 'grade']);
  const schoolsPerCounty = new Map<string, number>();
  for (let g = 0; g < groupCount(bySchool); g++) {
    const key = JSON.stringify([bySchool.labels[0]![g], bySchool.labels[1]![g], bySchool.labels[2]![g], bySchool.labels[3]![g]]);
    schoolsPerCounty.set(key, (schoolsPerCounty.get(key) ?? 0) + 1);
  }
  const sd = (v: number): number | null => (Number.isNaN(v) ? null : Math.sqrt(v));
  const counties: CountyAchievement[] = [];
  for (let g = 0; g < groupCount(byCounty); g++) {
    const m = momentsAt(byCounty, g);
    const [province, county, year, grade] = byCounty.labels.map((l) => l[g]!) as [string | null, string | null, KeyLabel, KeyLabel];
    counties.push({
      province,
      county,
      year: year as number | null,
      grade: grade as number | null,
      students: m.count,
      schools: schoolsPerCounty.get(JSON.stringify([province, county, year, grade]))!,
      mean: m.mean,
      sd: sd(sampleVarianceOf(m)),
    });
  }
  const schools: SchoolAchievement[] = [];
  // Single-student schools, listed with the row of their one student (the group's first row).
  const single = new QualityCollector();
  for (let g = 0; g < groupCount(bySchool); g++) {
    const m = momentsAt(bySchool, g);
    const [province, county, year, grade, school] = bySchool.labels.map((l) => l[g]!) as [string | null, string | null, KeyLabel, KeyLabel, string];
    if (m.count === 1) single.add('single_student_school', 'school', bySchool.firstRow![g]!, String(school));
    schools.push({
      province,
      county,
      year: year as number | null,
      grade: grade as number | null,
      school,
      students: m.count,
      sumWeights: m.sumWeights,
      mean: m.mean,
      sd: sd(sampleVarianceOf(m)),
    });
  }
  return { counties, schools, warnings: single.list() };
}
