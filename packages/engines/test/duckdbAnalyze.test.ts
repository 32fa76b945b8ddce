import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages as coreMessages, momentsOf, randomSource, type AnalyzeStudentsOptions } from '@jiance/core';
import { describe, expect, it } from 'vitest';
import { duckdbAnalyze, duckdbDialect } from '../src/index.js';
import { firstDifference, fixture, handMadeCsv, inMemory, json, twoProvinceReferences } from './helpers.js';

async function expectSame(path: string, options: AnalyzeStudentsOptions = {}): Promise<Awaited<ReturnType<typeof duckdbAnalyze>>> {
  const expected = inMemory(path, options);
  const got = await duckdbAnalyze(path, options);
  expect(firstDifference(expected, json(got.results))).toBeUndefined();
  return got;
}

describe('duckdbAnalyze: the whole analysis in DuckDB gives the results of the in-memory analysis', () => {
  it('province fixture (with a reference and a vision target)', async () => {
    await expectSame(fixture('province.csv'), {
      countyComparison: { reference: { label: '全国', estimate: 500 } },
      rates: { targets: { vision_poor: '-1pp per year from 2022' } },
    });
  });
  it('two provinces with same-named counties and schools, with reference figures: counties within their province, provinces against the nation', async () => {
    const got = await expectSame(fixture('two-provinces.csv'), { references: twoProvinceReferences });
    expect(got.results.countyComparison[0]!.nation).toHaveLength(4);
    expect(got.results.countyComparison[0]!.cells.filter((c) => c.province === '吉林省').every((c) => c.counties.every((x) => x.references.length === 2))).toBe(
      true,
    );
    // A blank 省份 is one unnamed province, kept in every summary.
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    const blank = join(dir, 'blank.csv');
    writeFileSync(blank, readFileSync(fixture('two-provinces.csv'), 'utf8').replaceAll(',吉林省,', ',,'));
    const unnamed = await expectSame(blank);
    expect(unnamed.results.countyComparison[0]!.nation[0]!.provinces.map((p) => p.province)).toEqual(['北京市', null]);
  });
  it('a file with a line DuckDB would drop (over 2 MiB) is refused with a message pointing to the default engine, not read short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    try {
      const [header, first, ...rest] = readFileSync(fixture('province.csv'), 'utf8').split('\n');
      const path = join(dir, 'long-line.csv');
      writeFileSync(path, [header, `${first}${'x'.repeat(3 * 2 ** 20)}`, ...rest.slice(0, 400)].join('\n'));
      await expect(duckdbAnalyze(path)).rejects.toMatchObject({ code: 'engine-duckdb-csv', zh: expect.stringContaining('请用默认引擎分析') });
      // A line of 400 KB (under the 512 KB the scan flags) is read.
      const near = join(dir, 'near-end.csv');
      writeFileSync(near, [header, ...rest.slice(0, 400), `${first}${'x'.repeat(400 << 10)}`].join('\n'));
      expect((await expectSame(near)).results.dataQuality.rowsRead).toBe(401);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('county fixture (typos, units, duplicates, out-of-range values)', async () => {
    await expectSame(fixture('county.csv'));
  });
  it('performance levels from cut scores: the score bands summarised in SQL', async () => {
    const got = await expectSame(fixture('province.csv'), { levels: { cuts: { math: { '4': [420, 500, 580], '8': [430, 510, 590] } } } });
    expect(got.results.levels.subjects[0]!.cells).toHaveLength(40);
  });
  it('plausible values with JK2 replicate weights', async () => {
    const got = await expectSame(fixture('design/pv-jk2.csv'), {
      design: { replicates: { kind: 'JK2' } },
      levels: { cuts: { math: { '*': [420, 500, 580] } } },
    });
    expect(got.results.levels.subjects[0]!.design.plausibleValues).toBe(5);
    expect(got.results.countyComparison[0]!.design).toMatchObject({ variance: 'JK2', plausibleValues: 5, replicates: 10 });
  });
  it('plausible values with Fay replicate weights', async () => {
    const got = await expectSame(fixture('design/pv-fay.csv'), { design: { replicates: { kind: 'BRR', fay: 0.5 } } });
    expect(got.results.countyComparison[0]!.design.replicates).toBeGreaterThan(0);
  });
  it('a hand-made file with every form only core reads: those rows go to core, the results are the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    const path = join(dir, 'defects.csv');
    writeFileSync(path, handMadeCsv());
    const got = await expectSame(path, { rates: { anxietyCutoff: 60 } });
    expect(got.rows.core).toBeGreaterThan(25);
    expect(got.rows.sql).toBeGreaterThan(150);
    const rules = got.results.dataQuality.excludedRows.map((r) => r.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['field_count', 'missing_county', 'missing_school', 'invalid_year', 'invalid_grade', 'invalid_weight', 'duplicate_student']),
    );
    // The same file with a byte-order mark and CRLF line ends.
    const crlf = join(dir, 'defects-crlf.csv');
    writeFileSync(crlf, `\ufeff${handMadeCsv().replace(/\n/g, '\r\n')}`);
    await expectSame(crlf, { rates: { anxietyCutoff: 60 } });
  });
  it('blank lines above the title line, a tab-separated file and a file without a student column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    const text = handMadeCsv();
    const blankAbove = join(dir, 'blank-above.csv');
    writeFileSync(blankAbove, `\n\n${text}`);
    await expectSame(blankAbove, { rates: { anxietyCutoff: 60 } });
    const tsv = join(dir, 'tabs.csv');
    writeFileSync(
      tsv,
      text
        .split('\n')
        .map((l) => l.replace(/"([^"]*)"/g, '$1').replaceAll(',', '\t'))
        .join('\n'),
    );
    await expectSame(tsv, { rates: { anxietyCutoff: 60 } });
    const noIds = join(dir, 'no-ids.csv');
    writeFileSync(
      noIds,
      text
        .split('\n')
        .map((l) =>
          l
            .split(',')
            .filter((_, i) => i !== 3)
            .join(','),
        )
        .join('\n'),
    );
    await expectSame(noIds);
  });
  it('a header-only file and a row with very many surplus fields stop with a message, as core does or naming the default engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    writeFileSync(join(dir, 'header.csv'), 'county,school,math\n');
    await expect(duckdbAnalyze(join(dir, 'header.csv'))).rejects.toThrow(coreMessages.noDataRows('header.csv', 3).en);
    writeFileSync(join(dir, 'wide.csv'), 'county,school,math\n甲,a,500\n甲,b,510,1,2,3,4,5,6,7,8\n');
    await expect(duckdbAnalyze(join(dir, 'wide.csv'))).rejects.toThrow(/default engine/);
  });
  it('text keys as ENUMs: a column blank in every row, one sex only, a county name with a quote and a backslash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-enum-'));
    const [header, ...rows] = readFileSync(fixture('county.csv'), 'utf8').trimEnd().split('\n');
    const col = (name: string): number => header!.split(',').indexOf(name);
    const edited = rows.map((line) => {
      const cells = line.split(',');
      cells[col('province')] = '';
      cells[col('sex')] = '女';
      if (cells[col('county')] === '青山县') cells[col('county')] = "青山县'\\";
      return cells.join(',');
    });
    const path = join(dir, 'enum.csv');
    writeFileSync(path, [header, ...edited, ''].join('\n'));
    const got = await expectSame(path);
    expect(JSON.stringify(got.results)).toContain("青山县'\\\\");
  });
  it('a GB18030 file (as Excel saves CSV on Chinese Windows) is converted and gives the same results', async () => {
    const got = await expectSame(fixture('county-gb18030.csv'));
    expect(got.encoding).toBe('gb18030');
  });
  it('a UTF-16 file is refused with a message that points to the default engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    writeFileSync(join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('county,school,math\n甲,a,1\n', 'utf16le')]));
    await expect(duckdbAnalyze(join(dir, 'utf16.csv'))).rejects.toThrow(/default engine/);
  });
});

describe('duckdbAnalyze is numerically stable', () => {
  it('scores 9,000 + N(0, 0.01²): within-school variances as Welford gives them (shifted sums), where unshifted sums would lose about 1e-4', async () => {
    // Ported from the summaries the engines had before analyzeFrom (issue 21): the SQL sums are
    // shifted by a centre (the mean of the first 10,000 rows), so a large level does not cancel.
    const random = randomSource(7);
    const lines = ['county,school,math'];
    const bySchool = new Map<string, number[]>();
    for (let i = 0; i < 6000; i++) {
      const school = `s${i % 40}`;
      const x = Number((9000 + (i % 40) * 0.005 + 0.01 * random.normal()).toFixed(6));
      lines.push(`c,${school},${x}`);
      bySchool.set(school, [...(bySchool.get(school) ?? []), x]);
    }
    const dir = mkdtempSync(join(tmpdir(), 'jiance-duckdb-'));
    const path = join(dir, 'large-level.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const got = await expectSame(path);
    const within = [...bySchool.values()].reduce((s, xs) => s + momentsOf(xs).m2, 0) / (6000 - 40);
    const fit = got.results.betweenSchool[0]!.counties[0]!.anova;
    if (!('withinVariance' in fit)) throw new Error('ANOVA not estimable');
    expect(Math.abs(fit.withinVariance - within) / within).toBeLessThanOrEqual(1e-9);
    // What the sums would give unshifted (centre 0), for the record: the error the shift avoids.
    let s1 = 0;
    let s2 = 0;
    for (const x of bySchool.get('s0')!) (s1 += x), (s2 += x * x);
    const n = bySchool.get('s0')!.length;
    expect(Math.abs(s2 - (s1 * s1) / n - momentsOf(bySchool.get('s0')!).m2) / momentsOf(bySchool.get('s0')!).m2).toBeGreaterThan(1e-6);
  });
});

describe('duckdbDialect.string', () => {
  it('keeps a backslash of a path as DuckDB reads string literals (no escaping)', () => {
    expect(duckdbDialect.string("C:\\data\\a'b.csv")).toBe("'C:\\data\\a''b.csv'");
  });
});
