import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText, parseCsv, studentTable } from '@jiance/core';
import { clickhouseServerPath, loadStudentTable, startLocalCluster, stopLocalCluster, type LocalCluster } from '@jiance/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/index.js';
import { put, resultsOf, run, tempDir } from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

/** Numbers equal to 1e-9 relative (DuckDB adds in another order), everything else exactly. */
function expectClose(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${path}: ${a} vs ${b}`).toBe(true);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    expect(b.length, `${path}.length`).toBe(a.length);
    a.forEach((x, i) => expectClose(x, b[i], `${path}[${i}]`));
  } else if (a && typeof a === 'object' && b && typeof b === 'object') {
    expect(Object.keys(b), path).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(b, path).toEqual(a);
}

describe('analyze --engine duckdb', () => {
  const dir = tempDir();
  it('writes the results of the default engine for the county fixture (defects included), and says so in run.json', async () => {
    const a = await run([fixture('county.csv'), '--out', join(dir, 'default')]);
    const b = await run([fixture('county.csv'), '--out', join(dir, 'duckdb'), '--engine', 'duckdb']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expectClose(resultsOf(join(dir, 'default')), resultsOf(join(dir, 'duckdb')));
    const runA = JSON.parse(readFileSync(join(dir, 'default', 'run.json'), 'utf8'));
    const runB = JSON.parse(readFileSync(join(dir, 'duckdb', 'run.json'), 'utf8'));
    expect(runB.input).toEqual({ ...runA.input, engine: 'duckdb' });
    expect(runB.columns).toEqual(runA.columns);
    expect(readFileSync(join(dir, 'duckdb', 'report.html'), 'utf8').length).toBeGreaterThan(10_000);
    expect(b.out).toBe(a.out.replaceAll(join(dir, 'default'), join(dir, 'duckdb')));
  });
  it('reads a GB18030 file as the default engine does (encoding recorded in run.json)', async () => {
    const a = await run([fixture('county-gb18030.csv'), '--out', join(dir, 'gb-default')]);
    const b = await run([fixture('county-gb18030.csv'), '--out', join(dir, 'gb-duckdb'), '--engine', 'duckdb']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expectClose(resultsOf(join(dir, 'gb-default')), resultsOf(join(dir, 'gb-duckdb')));
    const runA = JSON.parse(readFileSync(join(dir, 'gb-default', 'run.json'), 'utf8'));
    const runB = JSON.parse(readFileSync(join(dir, 'gb-duckdb', 'run.json'), 'utf8'));
    expect(runB.input).toEqual({ ...runA.input, engine: 'duckdb' });
  });
  it('refuses a UTF-16 file with a message that points to the default engine', async () => {
    const path = put(dir, 'utf16.csv', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('county,school,math\n甲,a,1\n', 'utf16le')])));
    const r = await run([path, '--out', join(dir, 'u16'), '--engine', 'duckdb']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/默认引擎/);
  });
  it('refuses an unknown engine', async () => {
    const r = await run([put(dir, 'a.csv', 'county,school,math\n甲,a,1\n'), '--out', join(dir, 'x'), '--engine', 'spark']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--engine/);
  });
});

describe('analyze chooses the engine by the file, and says so in run.json', () => {
  const dir = tempDir();
  const runInfo = (out: string) => JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  const utf16 = () =>
    put(dir, 'utf16.csv', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('区县,学校,数学\n甲,a,1\n甲,b,3\n', 'utf16le')])));

  it('a small CSV (every fixture) stays in memory; --verbose prints the engine and the phases, which run.json holds and which add up', async () => {
    const r = await run([fixture('county.csv'), '--out', join(dir, 'small'), '--verbose']);
    expect(r.code).toBe(0);
    const info = runInfo(join(dir, 'small'));
    expect(info.engine).toEqual({ name: 'memory', chosen: 'auto', reason: 'CSV of 0.4 MiB < 16.0 MiB: core in memory' });
    const names = info.phases.map((x: { phase: string }) => x.phase);
    expect(names).toEqual([
      'baseline and references',
      'read',
      'validate',
      'analysis.open',
      'analysis.plan',
      'analysis.summaries',
      'analysis.estimators',
      'findings and ledger',
      'load report modules',
      'tables',
      'write tables and xlsx',
      'write results.json',
      'charts (waited for)',
      'chart font',
      'report sections',
      'report.html',
      'write charts and report.html',
      'report.docx',
      'write report.docx and PNGs',
    ]);
    expect(info.phases.every((x: { ms: number }) => x.ms >= 0)).toBe(true);
    expect(r.err).toMatch(/^引擎：memory（自动选择：CSV of 0\.4 MiB < 16\.0 MiB: core in memory）\n各阶段用时：\n {2}baseline and references/);
    for (const name of names) expect(r.err).toContain(`  ${name} `);
    const total = info.phases.reduce((sum: number, x: { ms: number }) => sum + x.ms, 0);
    expect(r.err).toContain(`${Math.round(total).toLocaleString('en')} ms`);
    expect((await run([fixture('county.xlsx'), '--out', join(dir, 'xlsx')])).code).toBe(0);
    expect(runInfo(join(dir, 'xlsx')).engine).toEqual({ name: 'memory', chosen: 'auto', reason: 'not a CSV file: core in memory' });
  });

  it('a CSV from the size limit goes to DuckDB, with the results of core in memory (to 1e-9)', async () => {
    await analyzeFile(fixture('county.csv'), { out: join(dir, 'auto'), duckdbAbove: 0 });
    const info = runInfo(join(dir, 'auto'));
    expect(info.engine).toEqual({ name: 'duckdb', chosen: 'auto', reason: 'CSV of 0.4 MiB ≥ 0.0 MiB: DuckDB (the same results, faster)' });
    expect(info.input.engine).toBe('duckdb');
    expect(info.phases.map((x: { phase: string }) => x.phase).slice(0, 5)).toEqual([
      'baseline and references',
      'analysis.open',
      'analysis.plan',
      'analysis.summaries',
      'analysis.estimators',
    ]);
    expect((await run([fixture('county.csv'), '--out', join(dir, 'memory')])).code).toBe(0);
    expectClose(resultsOf(join(dir, 'memory')), resultsOf(join(dir, 'auto')));
  });

  it('--engine default and --batch-rows keep core whatever the size', async () => {
    await analyzeFile(fixture('county.csv'), { out: join(dir, 'asked'), duckdbAbove: 0, engine: 'default' });
    expect(runInfo(join(dir, 'asked')).engine).toEqual({ name: 'memory', chosen: 'option', reason: '--engine default' });
    await analyzeFile(fixture('county.csv'), { out: join(dir, 'batches'), duckdbAbove: 0, batchRows: 1000 });
    expect(runInfo(join(dir, 'batches')).engine).toEqual({ name: 'streaming', chosen: 'option', reason: '--batch-rows' });
  });

  it('a file DuckDB refuses (UTF-16) is read by core, and run.json says why', async () => {
    const path = utf16();
    await analyzeFile(path, { out: join(dir, 'refused'), duckdbAbove: 0 });
    const info = runInfo(join(dir, 'refused'));
    expect(info.engine).toEqual({
      name: 'memory',
      chosen: 'auto',
      reason: 'DuckDB gave way (engine-duckdb-encoding): core in memory',
    });
    expect(info.phases.map((x: { phase: string }) => x.phase).slice(0, 3)).toEqual(['baseline and references', 'duckdb (gave way)', 'read']);
    expect((await run([path, '--out', join(dir, 'u16-memory')])).code).toBe(0);
    expect(resultsOf(join(dir, 'refused'))).toEqual(resultsOf(join(dir, 'u16-memory')));
  });
});

const clickhouseInstalled = clickhouseServerPath() !== undefined;
if (!clickhouseInstalled) console.warn('SKIPPED: clickhouse-server is not installed, so analyze --engine clickhouse was not tested (.ci/run installs it).');

describe.skipIf(!clickhouseInstalled)('analyze <table> --engine clickhouse', () => {
  const dir = tempDir();
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ shards: 2, password: 'jiance-cli-test' });
    const { text, encoding } = decodeText(readFileSync(fixture('county.csv')), 'county.csv');
    await loadStudentTable([cluster.connection(0), cluster.connection(1)], cluster.name, studentTable(parseCsv(text, 'county.csv', encoding)));
  });
  afterAll(async () => {
    if (cluster) await stopLocalCluster(cluster, { remove: true, graceMs: 0 });
  });

  it('writes the results of the default engine for the county file loaded into a two-shard cluster (its defects reported from the load)', async () => {
    const config = put(
      dir,
      'ch.json',
      JSON.stringify({ clickhouse: { url: cluster.shards[1]!.url, user: cluster.user, passwordEnv: 'JIANCE_TEST_CH_PASSWORD' } }),
    );
    process.env.JIANCE_TEST_CH_PASSWORD = 'jiance-cli-test';
    const a = await run([fixture('county.csv'), '--out', join(dir, 'default')]);
    const b = await run(['students', '--out', join(dir, 'clickhouse'), '--engine', 'clickhouse', '-c', config]);
    expect([a.code, b.code, b.err]).toEqual([0, 0, '']);
    expectClose(resultsOf(join(dir, 'default')), resultsOf(join(dir, 'clickhouse')));
    const runB = JSON.parse(readFileSync(join(dir, 'clickhouse', 'run.json'), 'utf8'));
    expect(runB.input).toEqual({ path: 'students', format: 'clickhouse', engine: 'clickhouse', url: cluster.shards[1]!.url });
    expect(readFileSync(join(dir, 'clickhouse', 'report.html'), 'utf8')).toContain(`ClickHouse ${cluster.shards[1]!.url}`);

    process.env.JIANCE_TEST_CH_PASSWORD = 'wrong';
    const denied = await run(['students', '--out', join(dir, 'denied'), '--engine', 'clickhouse', '-c', config]);
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/^错误：.*用户名或密码错误/);
    delete process.env.JIANCE_TEST_CH_PASSWORD;
  });

  it('says what is missing: no "clickhouse" in the config, a password in the config, a table that does not exist', async () => {
    const none = await run(['students', '--out', join(dir, 'none'), '--engine', 'clickhouse']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/"clickhouse"/);
    const leaked = await run([
      'students',
      '--out',
      join(dir, 'leak'),
      '--engine',
      'clickhouse',
      '-c',
      put(dir, 'pw.json', JSON.stringify({ clickhouse: { url: 'http://127.0.0.1:1', password: 'x' } })),
    ]);
    expect(leaked.code).toBe(2);
    expect(leaked.err).toMatch(/passwordEnv/);
    process.env.JIANCE_CLICKHOUSE_PASSWORD = 'jiance-cli-test';
    const missing = await run([
      'nope',
      '--out',
      join(dir, 'nope'),
      '--engine',
      'clickhouse',
      '-c',
      put(dir, 'ok.json', JSON.stringify({ clickhouse: { url: cluster.shards[0]!.url, user: cluster.user } })),
    ]);
    delete process.env.JIANCE_CLICKHOUSE_PASSWORD;
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/没有表 nope/);
  });
});
