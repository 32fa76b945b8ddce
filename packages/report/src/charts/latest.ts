import type { BetweenSchoolSummary, CountyBetweenSchool } from '@jiance/core';

/** The latest year of each county × grade: the caterpillars the report shows. */
export function latestCells(summary: BetweenSchoolSummary): CountyBetweenSchool[] {
  const latest = new Map<string, CountyBetweenSchool>();
  for (const c of summary.counties) {
    const key = JSON.stringify([c.province, c.county, c.grade]);
    const seen = latest.get(key);
    if (!seen || (c.year ?? 0) > (seen.year ?? 0)) latest.set(key, c);
  }
  return [...latest.values()];
}

/** The latest year of each grade (of each province, where the cells have one): what the report shows of a comparison. */
export function latestYearGrades<T extends { year: unknown; grade: unknown; province?: unknown }>(cells: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const c of cells) {
    const key = JSON.stringify([c.province ?? null, c.grade]);
    const seen = latest.get(key);
    if (!seen || Number(c.year) > Number(seen.year)) latest.set(key, c);
  }
  return [...latest.values()];
}
