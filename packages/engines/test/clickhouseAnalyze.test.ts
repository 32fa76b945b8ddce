import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeStudents, isJianceError, type AnalyzeStudentsOptions, type StudentData } from '@jiance/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickhouseAnalyze,
  clickhouseColumns,
  clickhouseRequest,
  clickhouseServerPath,
  loadStudentTable,
  startLocalCluster,
  stopLocalCluster,
  type ClickhouseConnection,
  type LocalCluster,
} from '../src/index.js';
import { coreData, firstDifference, fixture, handMadeCsv, json, twoProvinceReferences } from './helpers.js';

const installed = clickhouseServerPath() !== undefined;
if (!installed) {
  console.warn(
    'SKIPPED: clickhouse-server is not installed, so the ClickHouse whole-analysis tests did not run. Install it (Debian: apt-get install -y clickhouse-server); .ci/run does.',
  );
}

/** The error code of a rejected promise (a JianceError), and its English text. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isJianceError(error), String(error)).toBe(true);
  return { code: (error as { code: string }).code, message: (error as Error).message };
}

describe.skipIf(!installed)('clickhouseAnalyze: the whole analysis on a two-shard cluster gives the in-memory results', () => {
  let cluster: LocalCluster;
  let shards: ClickhouseConnection[];
  let tables = 0;

  /** Loads core's validated table into a new sharded table; returns its (Distributed) name. */
  async function load(data: StudentData): Promise<string> {
    const name = `t${++tables}`;
    await loadStudentTable(shards, cluster.name, data, { local: `${name}_local`, distributed: name });
    return name;
  }

  /** Loads a file, analyses the table through one shard (the load's report found beside it) and compares with analyzeStudents(data). */
  async function expectSame(path: string, options: AnalyzeStudentsOptions = {}): Promise<Awaited<ReturnType<typeof clickhouseAnalyze>>> {
    const data = coreData(path);
    const table = await load(data);
    // 120 s a query: the JK2 query (every replicate total as a column) took over 30 s on this 2-core machine while other tests ran.
    const got = await clickhouseAnalyze(cluster.connection(tables % 2, 120_000), table, options);
    expect(firstDifference(json(analyzeStudents(data, options)), json(got.results))).toBeUndefined();
    return got;
  }

  beforeAll(async () => {
    cluster = await startLocalCluster({ shards: 2, password: 'jiance-test' });
    shards = [cluster.connection(0), cluster.connection(1)];
  });
  afterAll(async () => {
    if (cluster) await stopLocalCluster(cluster, { remove: true, graceMs: 0 });
  });

  test('province fixture, with a reference and a vision target: every summary aggregated on the shards, few queries', async () => {
    const got = await expectSame(fixture('province.csv'), {
      countyComparison: { reference: { label: '全国', estimate: 500 } },
      rates: { targets: { vision_poor: '-1pp per year from 2022' } },
    });
    // describe, check, centres, one GROUP BY per key list, usages: far fewer queries than the 66 requests.
    expect(got.summaries.requests).toBeGreaterThan(50);
    expect(got.summaries.queries).toBeLessThanOrEqual(10);
    const grouped = got.sql.filter((q) => q.includes('GROUP BY'));
    expect(grouped.length).toBeGreaterThan(0);
    // Aggregates at the top level over the Distributed table: a subquery would ship every row to one server.
    for (const q of grouped) expect(q.match(/\bFROM\b/g)).toHaveLength(1);
  });

  test('two provinces with same-named counties and schools, with a blank province and reference figures: counties within their province, provinces against the nation', async () => {
    const got = await expectSame(fixture('two-provinces.csv'), { references: twoProvinceReferences });
    expect(got.results.countyComparison[0]!.nation).toHaveLength(4);
    const dir = mkdtempSync(join(tmpdir(), 'jiance-ch-blank-'));
    const blank = join(dir, 'blank.csv');
    writeFileSync(blank, readFileSync(fixture('two-provinces.csv'), 'utf8').replaceAll(',吉林省,', ',,'));
    const unnamed = await expectSame(blank);
    expect(unnamed.results.countyComparison[0]!.nation[0]!.provinces.map((p) => p.province)).toEqual(['北京市', null]);
  });

  test('county fixture (typos, units, duplicates, out-of-range values): checked at load, the report carried through', async () => {
    const got = await expectSame(fixture('county.csv'), { levels: { cuts: { math: { '4': [420, 500, 580], '8': [420, 500, 580] } } } });
    expect(got.results.dataQuality.rowsExcluded).toBeGreaterThan(0);
  });

  test('plausible values with JK2 and with Fay replicate weights', async () => {
    await expectSame(fixture('design/pv-jk2.csv'), { design: { replicates: { kind: 'JK2' } }, levels: { cuts: { math: { '*': [420, 500, 580] } } } });
    await expectSame(fixture('design/pv-fay.csv'), { design: { replicates: { kind: 'BRR', fay: 0.5 } } });
  }, 300_000);

  test('a hand-made file with every form core reads (units, 四年级, NA, full-width digits, duplicates), and GB18030', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-ch-'));
    const path = join(dir, 'hand.csv');
    writeFileSync(path, handMadeCsv());
    await expectSame(path, { rates: { anxietyCutoff: 60 } });
    await expectSame(fixture('county-gb18030.csv'));
  });

  test('without the load report: the same estimates; data quality describes the table', async () => {
    const data = coreData(fixture('province.csv'));
    const table = await load(data);
    for (const shard of shards) await clickhouseRequest(shard, `DROP TABLE ${table}__load`);
    const got = await clickhouseAnalyze(shards[1]!, table);
    const expected = json(analyzeStudents(data)) as Record<string, unknown>;
    const results = json(got.results) as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      if (key === 'dataQuality' || key === 'data') continue; // the file's columns and findings are the load's
      expect(firstDifference(expected[key], results[key], key)).toBeUndefined();
    }
    expect(got.results.dataQuality.rowsKept).toBe(data.quality.rowsKept);
    expect(got.results.dataQuality.blankValues).toEqual(data.quality.blankValues);
  });

  test('a table with Chinese column names is mapped as core maps headers (the load report passed in)', async () => {
    const data = coreData(fixture('province.csv'));
    const source = await load(data);
    const renames: Record<string, string> = {
      county: '区县',
      school: '学校名称',
      year: '年份',
      grade: '年级',
      math: '数学成绩',
      sleep_hours: '睡眠时间',
      weight: '学生权重',
    };
    const select = data.table.schema.fields.map((f) => `"${f.name}" AS "${renames[f.name] ?? f.name}"`).join(', ');
    for (const shard of shards) {
      await clickhouseRequest(shard, `CREATE TABLE cn_local ENGINE = MergeTree() ORDER BY tuple() AS SELECT ${select}, "__row" FROM ${source}_local`);
      await clickhouseRequest(shard, `CREATE TABLE cn AS cn_local ENGINE = Distributed(${cluster.name}, currentDatabase(), cn_local, rand())`);
    }
    const got = await clickhouseAnalyze(shards[0]!, 'cn', { loaded: { mapping: data.mapping, quality: data.quality } });
    expect(firstDifference(json(analyzeStudents(data)), json(got.results))).toBeUndefined();
    expect(got.sql.some((q) => q.includes('"数学成绩"'))).toBe(true);
  });

  test('a table that breaks the contract is refused with the column, the rule and the count', async () => {
    const data = coreData(fixture('province.csv'));
    const table = await load(data);
    await clickhouseRequest(
      shards[0]!,
      `INSERT INTO ${table}_local (county, school, year, grade, height_cm, weight, "__row") VALUES ('', '一小', 2023, 4, 140, 1, 90001), ('青山县', '一小', 2023, 4, 14.2, 1, 90002), ('青山县', '一小', 2023, 4, 1420, 1, 90003)`,
    );
    const bad = await refusal(clickhouseAnalyze(shards[1]!, table));
    expect(bad.code).toBe('engine-unchecked-rows');
    expect(bad.message).toContain('1 rows with a blank value in "county"');
    expect(bad.message).toContain('2 rows with a value outside 60–230 in "height_cm"');

    const good = await load(data);
    const mismatch = await refusal(clickhouseAnalyze(shards[0]!, good, { loaded: { mapping: data.mapping, quality: { ...data.quality, rowsKept: 5 } } }));
    expect(mismatch.code).toBe('engine-load-mismatch');

    await clickhouseRequest(
      shards[0]!,
      `CREATE TABLE typed_local ENGINE = MergeTree() ORDER BY tuple() AS SELECT county, school, toString(math) AS math, "__row" FROM ${good}_local`,
    );
    const type = await refusal(clickhouseAnalyze(shards[0]!, 'typed_local'));
    expect(type.code).toBe('engine-column-type');
    expect(type.message).toContain('"math"');

    await clickhouseRequest(shards[0]!, `CREATE TABLE norow_local ENGINE = MergeTree() ORDER BY tuple() AS SELECT county, school, math FROM ${good}_local`);
    const norow = await refusal(clickhouseAnalyze(shards[0]!, 'norow_local'));
    expect(norow.code).toBe('engine-no-row-column');
    expect(norow.message).toContain('rowColumn');
  });
});

describe.skipIf(!installed)('clickhouseColumns: answers streamed as TabSeparated, read exactly', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ shards: 1, password: 'jiance-test' });
  });
  afterAll(async () => {
    if (cluster) await stopLocalCluster(cluster, { remove: true, graceMs: 0 });
  });

  test('escaped text, NULLs, 64-bit integers, non-finite and shortest round-trip numbers; an answer of 300,000 rows in chunks', async () => {
    const c = cluster.connection(0);
    const got = await clickhouseColumns(
      c,
      "SELECT 'a\\tb\\\\c\\nd''e' AS s, CAST(NULL AS Nullable(Float64)) AS n, toUInt64(9007199254740993) AS big, 0.1 + 0.2 AS x, 1 / 0 AS inf, NULL AS nothing, '数学' AS zh",
    );
    expect(got.columns).toEqual({
      s: ["a\tb\\c\nd'e"],
      n: [null],
      big: [9007199254740992],
      x: [0.30000000000000004],
      inf: [Infinity],
      nothing: [null],
      zh: ['数学'],
    });
    const many = await clickhouseColumns(c, 'SELECT number AS i, number / 7 AS x, toString(number) AS s FROM system.numbers LIMIT 300000');
    expect(many.columns.i).toHaveLength(300_000);
    expect(many.columns.x![299_999]).toBe(299_999 / 7);
    expect(many.columns.s![123_456]).toBe('123456');
    const failed = await refusal(clickhouseColumns(c, 'SELECT throwIf(number = 250000) FROM system.numbers LIMIT 300000'));
    expect(failed.code).toBe('engine-query-failed');
  });
});
