import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeText, groupedMoments, parseCsv, studentTable, type GroupedMoments, type StudentData } from '@jiance/core';
import { expect } from 'vitest';
import { momentsDifference } from '../src/index.js';

/** Absolute path of a file under the repository's fixtures/. */
export const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

/** The file read and validated by core, as `analyze` does. */
export function coreData(path: string): StudentData {
  const { text, encoding } = decodeText(readFileSync(path), path);
  return studentTable(parseCsv(text, path, encoding));
}

/** Every numeric value column of the fixtures. */
export const fixtureValues = ['math', 'va_left', 'va_right', 'sleep_hours', 'anxiety', 'height_cm', 'weight_kg', 'age', 'fitness_score'];
export const schoolKeys = ['year', 'grade', 'county', 'school'];

/** The agreement required of an engine with core's groupedMoments. */
export const tolerance = 1e-9;

/** Asserts that an engine's summary equals core's, group by group, within `tolerance` relative. */
export function expectSameMoments(engine: GroupedMoments, core: GroupedMoments): void {
  const d = momentsDifference(engine, core);
  expect(d.onlyInFirst).toEqual([]);
  expect(d.onlyInSecond).toEqual([]);
  expect(d.matched).toBe(core.count.length);
  expect(d.count).toBe(0);
  for (const s of ['sumWeights', 'sumWeights2', 'mean', 'm2'] as const) expect(d[s], s).toBeLessThanOrEqual(tolerance);
}

/** Core's grouped moments of one value of a validated table. */
export function coreMoments(data: StudentData, keys: readonly string[], value: string, weight?: string | null): GroupedMoments {
  return groupedMoments(data.table, weight === undefined ? { keys, value } : { keys, value, weight });
}
