import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isJianceError, labelsAt, momentsOf, randomSource, rollupMoments } from '@jiance/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { duckdbGroupedMoments, momentsDifference, type EngineSummaries } from '../src/index.js';
import { coreData, coreMoments, expectSameMoments, fixture, fixtureValues, schoolKeys } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));

describe('duckdbGroupedMoments on fixtures/province.csv (clean, 20,052 rows)', () => {
  const province = coreData(fixture('province.csv'));
  let result: EngineSummaries;
  beforeAll(async () => {
    result = await duckdbGroupedMoments(fixture('province.csv'), { keys: schoolKeys, values: fixtureValues });
  });

  test('every value of one GROUP BY equals core groupedMoments per school-year-grade (≤ 1e-9 relative)', () => {
    for (const value of fixtureValues) expectSameMoments(result.moments[value]!, coreMoments(province, schoolKeys, value));
    expect(result.moments.math!.count.length).toBe(848);
  });

  test('groups come ordered by their keys, with numeric year and grade labels', () => {
    const g = result.moments.math!;
    expect(labelsAt(g, 0)).toEqual([2021, 4, '平安县', '平安县第一小学']);
    const compare = (a: unknown[], b: unknown[]): number => {
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return (a[k] as number | string) < (b[k] as number | string) ? -1 : 1;
      return 0;
    };
    for (let i = 1; i < g.count.length; i++) expect(compare(labelsAt(g, i - 1), labelsAt(g, i))).toBe(-1);
  });

  test('a clean CSV is read with typed value columns (one scan)', () => {
    expect(result.sql).toContain("'math': 'DOUBLE'");
    expect(result.sql).not.toContain('all_varchar');
  });

  test('unweighted: true gives weighted and unweighted moments from the same scan, each equal to core', async () => {
    const r = await duckdbGroupedMoments(fixture('province.csv'), { keys: schoolKeys, values: ['math', 'anxiety'], unweighted: true });
    for (const value of ['math', 'anxiety']) {
      expectSameMoments(r.moments[value]!, coreMoments(province, schoolKeys, value));
      expectSameMoments(r.unweighted![value]!, coreMoments(province, schoolKeys, value, null));
    }
  });

  test('compensated (Kahan fsum) sums agree as well', async () => {
    const r = await duckdbGroupedMoments(fixture('province.csv'), { keys: schoolKeys, values: ['math'] }, { compensated: true });
    expect(r.sql).toContain('fsum(');
    expectSameMoments(r.moments.math!, coreMoments(province, schoolKeys, 'math'));
  });

  test('unweighted (weight: null) equals core with weight null', async () => {
    const r = await duckdbGroupedMoments(fixture('province.csv'), { keys: schoolKeys, values: ['math'], weight: null });
    expectSameMoments(r.moments.math!, coreMoments(province, schoolKeys, 'math', null));
    expect(Array.from(r.moments.math!.sumWeights)).toEqual(Array.from(r.moments.math!.count));
  });

  test('coarser keys (county × year) equal core, and equal the exact roll-up of the school groups', async () => {
    const keys = ['county', 'year'];
    const r = await duckdbGroupedMoments(fixture('province.csv'), { keys, values: ['math'] });
    expectSameMoments(r.moments.math!, coreMoments(province, keys, 'math'));
    expectSameMoments(rollupMoments(result.moments.math!, keys), r.moments.math!);
  });

  test('a Parquet copy gives the same summaries (read_parquet)', async () => {
    const parquet = join(dir, 'province.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM read_csv('${fixture('province.csv')}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const r = await duckdbGroupedMoments(parquet, { keys: schoolKeys, values: ['math', 'sleep_hours'] });
    expectSameMoments(r.moments.math!, coreMoments(province, schoolKeys, 'math'));
    expectSameMoments(r.moments.sleep_hours!, coreMoments(province, schoolKeys, 'sleep_hours'));
  });
});

describe('duckdbGroupedMoments finds columns by role', () => {
  test('Chinese headers (监测年份, 区县, 学校名称, 数学, 学生权重 …) resolve through core roleOfHeader', async () => {
    const text = readFileSync(fixture('province.csv'), 'utf8');
    const chinese = '监测年份,省份,区县,学校名称,学生编号,年级,性别,城乡类型,学生权重,数学,左眼裸眼视力,右眼裸眼视力,睡眠时长,焦虑得分,身高,体重,年龄,体质健康总分';
    const path = join(dir, 'province-zh.csv');
    writeFileSync(path, `${chinese}\n${text.slice(text.indexOf('\n') + 1)}`);
    const r = await duckdbGroupedMoments(path, { keys: schoolKeys, values: ['math', 'height_cm'] });
    const province = coreData(fixture('province.csv'));
    expectSameMoments(r.moments.math!, coreMoments(province, schoolKeys, 'math'));
    expectSameMoments(r.moments.height_cm!, coreMoments(province, schoolKeys, 'height_cm'));
  });

  test('`columns` maps a header core does not know (数学期末成绩 → math)', async () => {
    const text = readFileSync(fixture('province.csv'), 'utf8');
    const path = join(dir, 'province-renamed.csv');
    writeFileSync(path, text.replace(',math,', ',数学期末成绩,'));
    const r = await duckdbGroupedMoments(path, { keys: ['county'], values: ['math'], columns: { math: '数学期末成绩' } });
    expectSameMoments(r.moments.math!, coreMoments(coreData(fixture('province.csv')), ['county'], 'math'));
  });

  test('a role with no column is a JianceError naming the role and the columns', async () => {
    const error = await duckdbGroupedMoments(fixture('province.csv'), { keys: ['county'], values: ['chinese'] }).catch((e: unknown) => e);
    expect(isJianceError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('engine-unknown-column');
    expect((error as Error).message).toContain('"chinese"');
  });

  test('a missing file is a JianceError from DuckDB, not a crash', async () => {
    const error = await duckdbGroupedMoments(join(dir, 'nope.csv'), { keys: ['county'], values: ['math'] }).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('engine-duckdb-failed');
  });
});

describe('duckdbGroupedMoments applies core validity rules in SQL', () => {
  test('fixtures/county.csv (缺考, blanks, acuity 7.2, sleep 30 h, height 20 cm, weight −1): equal to core except the school-year with the repeated student id (row 60)', async () => {
    const county = coreData(fixture('county.csv'));
    const r = await duckdbGroupedMoments(fixture('county.csv'), { keys: schoolKeys, values: fixtureValues });
    expect(r.sql).toContain('all_varchar = true'); // 缺考 failed the typed read; read again as text
    for (const value of fixtureValues) {
      const core = coreMoments(county, schoolKeys, value);
      const d = momentsDifference(r.moments[value]!, core);
      expect(d.matched).toBe(core.count.length);
      // core drops the second row of a repeated (year, student id) — row 60 — and SQL does not
      // (deduplicate upstream): exactly that school-year differs, by exactly one student.
      const differing: string[] = [];
      for (let i = 0; i < core.count.length; i++) {
        const j = r.moments[value]!.labels[0]!.findIndex((_, g) => JSON.stringify(labelsAt(r.moments[value]!, g)) === JSON.stringify(labelsAt(core, i)));
        const sql = r.moments[value]!;
        if (sql.count[j] !== core.count[i]) {
          differing.push(JSON.stringify(labelsAt(core, i)));
          expect(sql.count[j]! - core.count[i]!).toBe(1);
        } else {
          expect(Math.abs(sql.m2[j]! - core.m2[i]!) / Math.max(core.m2[i]!, 1e-300)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(sql.mean[j]! - core.mean[i]!) / Math.abs(core.mean[i]!)).toBeLessThanOrEqual(1e-9);
        }
      }
      expect(differing).toEqual(['[2021,4,"青山县","青山县第四小学"]']);
    }
  });
});

describe('duckdbGroupedMoments is numerically stable', () => {
  test('values 1e6 + N(0, 1): shifted sums agree with Welford to 1e-9; the unshifted formula (centre 0) loses ~1e-4', async () => {
    const random = randomSource(7);
    const lines = ['county,school,math'];
    const bySchool = new Map<string, number[]>();
    for (let i = 0; i < 6000; i++) {
      const school = `s${i % 40}`;
      const x = Number((1e6 + (i % 40) * 0.5 + random.normal()).toFixed(6));
      lines.push(`c,${school},${x}`);
      bySchool.set(school, [...(bySchool.get(school) ?? []), x]);
    }
    const path = join(dir, 'large-level.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    // Scores of ±10,000 and beyond are out of range by default: this test widens the range.
    const spec = { keys: ['school'], values: ['math'], ranges: { math: [-1e9, 1e9] as [number, number] } };
    const stable = (await duckdbGroupedMoments(path, spec)).moments.math!;
    const naive = (await duckdbGroupedMoments(path, { ...spec, centres: { math: 0 } })).moments.math!;
    let stableError = 0;
    let naiveError = 0;
    for (let g = 0; g < stable.count.length; g++) {
      const exact = momentsOf(bySchool.get(String(stable.labels[0]![g]))!).m2;
      stableError = Math.max(stableError, Math.abs(stable.m2[g]! - exact) / exact);
      const n = naive.labels[0]!.indexOf(stable.labels[0]![g]!);
      naiveError = Math.max(naiveError, Math.abs(naive.m2[n]! - exact) / exact);
    }
    expect(stableError).toBeLessThanOrEqual(1e-9);
    expect(naiveError).toBeGreaterThan(1e-6);
  });
});
