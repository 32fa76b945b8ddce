import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isJianceError } from '@jiance/core';
import {
  clickhouseGroupedMoments,
  clickhouseQuery,
  clickhouseRequest,
  clickhouseServerPath,
  duckdbGroupedMoments,
  loadCsvIntoCluster,
  momentsDifference,
  startLocalCluster,
  stopLocalCluster,
  stopShard,
  type LocalCluster,
} from '../src/index.js';
import { coreData, coreMoments, expectSameMoments, fixture, fixtureValues, schoolKeys, tolerance } from './helpers.js';

const installed = clickhouseServerPath() !== undefined;
if (!installed) {
  console.warn('SKIPPED: clickhouse-server is not installed, so the ClickHouse cluster tests did not run. Install it (Debian: apt-get install -y clickhouse-server clickhouse-client); .ci/run does.');
}

/** The code of a rejected promise's JianceError, and how long it took to fail. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; ms: number }> {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isJianceError(error), String(error)).toBe(true);
  return { code: (error as { code: string }).code, message: (error as Error).message, ms: Date.now() - started };
}

describe.skipIf(!installed)('clickhouseGroupedMoments on a local two-shard cluster', () => {
  let cluster: LocalCluster;
  let rowsPerShard: number[];
  const province = coreData(fixture('province.csv'));

  beforeAll(async () => {
    cluster = await startLocalCluster({ shards: 2, password: 'jiance-test' });
    rowsPerShard = await loadCsvIntoCluster([cluster.connection(0), cluster.connection(1)], cluster.name, fixture('province.csv'));
  });
  afterAll(async () => {
    if (cluster) await stopLocalCluster(cluster, { remove: true, graceMs: 0 });
  });

  test('the fixture is split across the shards: each local table holds half, the Distributed table all', async () => {
    expect(rowsPerShard).toEqual([10026, 10026]);
    for (const i of [0, 1]) expect((await clickhouseQuery(cluster.connection(i), 'SELECT count() FROM students_local')).data).toEqual([['10026']]);
    expect((await clickhouseQuery(cluster.connection(1), 'SELECT count() FROM students')).data).toEqual([['20052']]);
  });

  test('one summary query over the Distributed table equals core groupedMoments for every value (≤ 1e-9 relative)', async () => {
    const result = await clickhouseGroupedMoments(cluster.connection(0), 'students', { keys: schoolKeys, values: fixtureValues });
    expect(result.sql.match(/\bFROM\b/g)).toHaveLength(1); // one scan, all values
    for (const value of fixtureValues) expectSameMoments(result.moments[value]!, coreMoments(province, schoolKeys, value));
  });

  test('equals DuckDB over the same file, and either shard can start the query', async () => {
    const spec = { keys: ['county', 'year', 'grade'], values: ['math', 'sleep_hours'] };
    const viaShard2 = await clickhouseGroupedMoments(cluster.connection(1), 'students', spec);
    const duck = await duckdbGroupedMoments(fixture('province.csv'), spec);
    for (const value of spec.values) {
      const d = momentsDifference(viaShard2.moments[value]!, duck.moments[value]!);
      expect(d.matched).toBe(duck.moments[value]!.count.length);
      expect(Math.max(d.count, d.sumWeights, d.mean, d.m2)).toBeLessThanOrEqual(tolerance);
    }
  });

  test('fixtures/county.csv with its defects (缺考 → NULL at load, ranges in SQL) equals core except the repeated student id', async () => {
    await loadCsvIntoCluster([cluster.connection(0), cluster.connection(1)], cluster.name, fixture('county.csv'), { local: 'county_local', distributed: 'county' });
    const result = await clickhouseGroupedMoments(cluster.connection(0), 'county', { keys: ['year', 'grade', 'school'], values: ['math', 'va_left', 'sleep_hours', 'height_cm', 'weight_kg'] });
    const county = coreData(fixture('county.csv'));
    for (const value of ['math', 'va_left', 'sleep_hours', 'height_cm', 'weight_kg']) {
      const core = coreMoments(county, ['year', 'grade', 'school'], value);
      const sql = result.moments[value]!;
      const total = (g: typeof sql): number => g.count.reduce((a, b) => a + b, 0);
      expect(total(sql) - total(core)).toBe(1); // core drops the repeated student id of row 60
    }
  });

  test('unweighted: true adds the unweighted moments to the same query', async () => {
    const r = await clickhouseGroupedMoments(cluster.connection(0), 'students', { keys: schoolKeys, values: ['math'], unweighted: true });
    expectSameMoments(r.moments.math!, coreMoments(province, schoolKeys, 'math'));
    expectSameMoments(r.unweighted!.math!, coreMoments(province, schoolKeys, 'math', null));
  });

  test('unweighted summaries and a given centre', async () => {
    const r = await clickhouseGroupedMoments(cluster.connection(0), 'students', { keys: ['school'], values: ['math'], weight: null, centres: { math: 500 } });
    expect(r.centres.math).toBe(500);
    expectSameMoments(r.moments.math!, coreMoments(province, ['school'], 'math', null));
  });

  test('wrong password: engine-auth naming the user, at once', async () => {
    const f = await failure(clickhouseGroupedMoments({ ...cluster.connection(0), password: 'Pa55-not-this' }, 'students', { keys: ['county'], values: ['math'] }));
    expect(f.code).toBe('engine-auth');
    expect(f.message).toContain('"jiance"');
    expect(f.message).not.toContain('Pa55-not-this'); // the password never appears in errors
    expect(f.ms).toBeLessThan(5000);
  });

  test('missing table: engine-missing-table naming it', async () => {
    const f = await failure(clickhouseGroupedMoments(cluster.connection(0), 'students_2030', { keys: ['county'], values: ['math'] }));
    expect(f.code).toBe('engine-missing-table');
    expect(f.message).toContain('students_2030');
  });

  test('missing column: engine-unknown-column listing the columns', async () => {
    const f = await failure(clickhouseGroupedMoments(cluster.connection(0), 'students', { keys: ['county'], values: ['chinese'] }));
    expect(f.code).toBe('engine-unknown-column');
    expect(f.message).toContain('math');
  });

  test('no server at the address: engine-unreachable', async () => {
    const f = await failure(clickhouseGroupedMoments({ url: 'http://127.0.0.1:9', timeoutMs: 3000 }, 'students', { keys: ['county'], values: ['math'] }));
    expect(f.code).toBe('engine-unreachable');
  });

  test('a query slower than timeoutMs is cancelled: engine-timeout after ~1 s, not a hang', async () => {
    const f = await failure(clickhouseRequest({ ...cluster.connection(0), timeoutMs: 1000 }, 'SELECT sleep(3)'));
    expect(f.code).toBe('engine-timeout');
    expect(f.ms).toBeLessThan(2500);
  });

  test('a hung shard (SIGSTOP) ends in engine-timeout within the time limit', async () => {
    const shard = cluster.shards[1]!;
    process.kill(shard.pid, 'SIGSTOP');
    try {
      const f = await failure(clickhouseGroupedMoments({ ...cluster.connection(0), timeoutMs: 2000 }, 'students', { keys: ['county'], values: ['math'], centres: { math: 500 } }));
      expect(f.code).toBe('engine-timeout');
      expect(f.ms).toBeLessThan(4000);
    } finally {
      process.kill(shard.pid, 'SIGCONT');
    }
  });

  test('a shard that is down: engine-shard-unavailable, quickly, never a partial result', async () => {
    await stopShard(cluster.shards[1]!, 0);
    const f = await failure(clickhouseGroupedMoments({ ...cluster.connection(0), timeoutMs: 20_000 }, 'students', { keys: ['county'], values: ['math'] }));
    expect(f.code).toBe('engine-shard-unavailable');
    expect(f.ms).toBeLessThan(10_000);
  });
});
