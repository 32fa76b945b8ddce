// One benchmark case in its own process (bench/run.js starts it): prints one JSON line with the
// case's own compute time, its peak resident memory (process.resourceUsage().maxRSS, which
// includes DuckDB's native memory) and a small result fingerprint.
//   node bench/case.js <case> <file.csv>
// Each case imports only what it uses, so no case pays for another's modules.
import { readFile } from 'node:fs/promises';

const [name, file] = process.argv.slice(2);
/** Every numeric value of the synthetic province (scaledProvinceParams). */
const values = ['math', 'va_left', 'va_right', 'sleep_hours', 'anxiety', 'height_cm', 'weight_kg', 'age', 'fitness_score'];
const keys = ['year', 'grade', 'county', 'school'];

async function readValidated() {
  const { decodeText, parseCsv, studentTable } = await import('@jiance/core');
  const { text, encoding } = decodeText(new Uint8Array(await readFile(file)), file);
  return studentTable(parseCsv(text, file, encoding));
}

/** Counties in the results (what the estimators' work and the results' size grow with). */
const countiesOf = (results) => new Set(results.achievement[0]?.counties.map((c) => c.county)).size;

/** Per county × year × grade: the school-level moments as a cluster summary for core's estimators. */
function byCounty(g) {
  const cells = new Map();
  for (let i = 0; i < g.count.length; i++) {
    const key = `${g.labels[0][i]}|${g.labels[1][i]}|${g.labels[2][i]}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { count: [], mean: [], m2: [] }));
    c.count.push(g.count[i]);
    c.mean.push(g.mean[i]);
    c.m2.push(g.m2[i]);
  }
  return cells;
}

async function estimate(unweightedMath) {
  const { iccAnova, iccReml } = await import('@jiance/core');
  let fits = 0;
  let iccSum = 0;
  for (const s of byCounty(unweightedMath).values()) {
    const reml = iccReml(s);
    iccAnova(s);
    if (reml.estimable) {
      fits++;
      iccSum += reml.icc;
    }
  }
  return { countyCells: fits, meanIcc: iccSum / fits };
}

const cases = {
  /** The whole `analyze` computation streamed: CSV read in pieces, batches of 250,000 rows validated, summarised and merged, then every analysis. */
  async streaming() {
    const { analyzeBatches } = await import('@jiance/core');
    const { csvFileBatches } = await import('./csvFileBatches.js');
    const streamed = await analyzeBatches(csvFileBatches(file));
    return {
      rows: streamed.results.dataQuality.rowsKept,
      subjects: streamed.results.achievement.length,
      counties: countiesOf(streamed.results),
      batches: streamed.batches,
      kept: streamed.summaries.kept,
      groups: streamed.summaries.groups,
    };
  },
  /** The current `analyze` path without the report: read, validate, every analysis in core. */
  async 'memory-analyze'() {
    const { analyzeStudents } = await import('@jiance/core');
    const data = await readValidated();
    const results = analyzeStudents(data);
    return { rows: data.quality.rowsKept, subjects: results.achievement.length };
  },
  /** The same read and validation, then only the grouped moments of every value (what the engines compute). */
  async 'memory-moments'() {
    const { groupedMoments } = await import('@jiance/core');
    const data = await readValidated();
    let groups = 0;
    for (const value of values) groups += groupedMoments(data.table, { keys, value }).count.length;
    const fit = await estimate(groupedMoments(data.table, { keys, value: 'math', weight: null }));
    return { rows: data.quality.rowsKept, groups, ...fit };
  },
  /**
   * @jiance/engines: the whole analysis pushed down to DuckDB (duckdbAnalyze): the CSV read once
   * into DuckDB, every cell form checked by core's parsers on DISTINCT values, duplicates found,
   * canonical rows typed once, every summary of analyzeStudents by GROUP BYs (the rest of the
   * rows by core), then core's estimators — the same results.json as memory-analyze.
   */
  async 'duckdb-jiance'() {
    const { duckdbAnalyze } = await import('@jiance/engines');
    const r = await duckdbAnalyze(file);
    const t = r.timings;
    const sql = ['read csv', 'distinct cells', 'duplicate ids', 'typed table'].reduce((n, k) => n + (t[k] ?? 0), 0);
    return {
      rows: r.results.dataQuality.rowsKept,
      subjects: r.results.achievement.length,
      counties: countiesOf(r.results),
      requests: r.summaries.requests,
      queries: r.summaries.queries,
      coreRows: r.rows.core,
      seconds: {
        load: +(sql / 1000).toFixed(2),
        summaries: +(t['summaries (SQL + merge)'] / 1000).toFixed(2),
        summariesSql: +(t['summaries: SQL and fetch'] / 1000).toFixed(2),
        estimators: +(t.estimators / 1000).toFixed(2),
      },
    };
  },
  /**
   * The honest floor: bare DuckDB computing the same summaries — the CSV read once with sniffed
   * types into a table with the same derived indicator columns, then the very GROUP BY and usage
   * queries duckdb-jiance runs (from floor-sql.json), results fetched into JS as duckdb-jiance
   * fetches them (`duckdbColumns`). No validation, no duplicate check, no core, no merging, no
   * estimators.
   */
  async 'duckdb-floor'() {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { derive, summaries } = JSON.parse(await readFile(process.env.JIANCE_FLOOR_SQL, 'utf8'));
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const started = performance.now();
    // Text keys fetched as codes, as duckdb-jiance fetches them (`enum_code`): the floor gets the
    // same trick (its text keys made ENUMs of their distinct values) or, with
    // JIANCE_FLOOR_TEXT=varchar, plain VARCHAR keys fetched as strings.
    const coded = [...new Set(summaries.flatMap((q) => [...q.matchAll(/CAST\(enum_code\("([^"]+)"\) AS INTEGER\)/g)].map((m) => m[1])))];
    const rows = `SELECT CAST(0 AS INTEGER) AS r, TRUE AS ok, * FROM read_csv('${file}')`;
    if (process.env.JIANCE_FLOOR_TEXT === 'varchar' || coded.length === 0) {
      await c.run(`CREATE TEMP TABLE t AS ${derive.replace('{rows}', rows)}`);
      for (let i = 0; i < summaries.length; i++) summaries[i] = summaries[i].replace(/CAST\(enum_code\(("[^"]+")\) AS INTEGER\)/g, '$1');
    } else {
      await c.run(`CREATE TEMP TABLE raw AS ${rows}`);
      for (const k of coded) await c.run(`CREATE TYPE "e_${k}" AS ENUM (SELECT DISTINCT "${k}" FROM raw WHERE "${k}" IS NOT NULL)`);
      const replace = coded.map((k) => `CAST("${k}" AS "e_${k}") AS "${k}"`).join(', ');
      await c.run(`CREATE TEMP TABLE t AS ${derive.replace('{rows}', `SELECT * REPLACE (${replace}) FROM raw`)}`);
      await c.run('DROP TABLE raw');
    }
    const loaded = performance.now();
    let groups = 0;
    // Fetched as duckdb-jiance fetches them (numbers straight from the vectors).
    const { duckdbColumns } = await import('@jiance/engines');
    for (const q of summaries) groups += Object.values(await duckdbColumns(c, q))[0].length;
    const seconds = { load: +((loaded - started) / 1000).toFixed(2), summaries: +((performance.now() - loaded) / 1000).toFixed(2) };
    c.closeSync();
    db.closeSync();
    return { groups, queries: summaries.length + 1, seconds };
  },
  /**
   * The command users run: `analyze <file>` with every output (results.json, run.json, report.html,
   * report.docx, the charts, tables/*.csv, tables.xlsx, ledger.xlsx), the engine chosen as the CLI
   * chooses it (JIANCE_BENCH_ENGINE=default forces core in memory), into a temporary folder that
   * is removed afterwards. The phases are those of run.json, in seconds.
   */
  async 'analyze-command'() {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { analyzeFile } = await import('../packages/cli/dist/index.js');
    const dir = await mkdtemp(join(tmpdir(), 'jiance-bench-'));
    try {
      const engine = process.env.JIANCE_BENCH_ENGINE;
      const { results, run } = await analyzeFile(file, { out: join(dir, 'out'), ...(engine ? { engine } : {}) });
      return {
        rows: results.dataQuality.rowsKept,
        counties: countiesOf(results),
        engine: run.engine.name,
        charts: run.outputs.filter((o) => o.endsWith('.svg')).length,
        seconds: Object.fromEntries(run.phases.map((p) => [p.phase, +(p.ms / 1000).toFixed(2)])),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  /** {@link analyze-command} with `--engine default`: core in memory whatever the file's size. */
  async 'analyze-command-memory'() {
    process.env.JIANCE_BENCH_ENGINE = 'default';
    return cases['analyze-command']();
  },
  /**
   * The bare scan of issue 22: DuckDB reads the CSV (sniffed types) and runs one GROUP BY year ×
   * grade × county × school of count, Σw·x and Σw·x² for the nine measures — no checks, no
   * indicators, no estimators. What no analysis of the file can beat.
   */
  async 'duckdb-scan'() {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const sums = values.map((v) => `sum(weight * "${v}") AS "sw_${v}", sum(weight * "${v}" * "${v}") AS "sww_${v}"`).join(', ');
    const reader = await c.runAndReadAll(
      `SELECT year, grade, county, school, count(*) AS n, sum(weight) AS w, ${sums} FROM read_csv('${file}') GROUP BY year, grade, county, school`,
    );
    const groups = reader.currentRowCount;
    c.closeSync();
    db.closeSync();
    return { groups };
  },
  /** Not timed: writes the summary SQL of duckdb-jiance for the floor (run.js calls it on fixtures/province.csv). */
  async 'floor-sql'() {
    const { writeFile } = await import('node:fs/promises');
    const { duckdbAnalyze } = await import('@jiance/engines');
    const { sql } = await duckdbAnalyze(file);
    await writeFile(process.env.JIANCE_FLOOR_SQL, JSON.stringify(sql));
    return { queries: sql.summaries.length };
  },
};

const run = cases[name];
if (!run) {
  process.stderr.write(`unknown case ${name}; one of ${Object.keys(cases).join(', ')}\n`);
  process.exit(2);
}
const started = performance.now();
try {
  const result = await run();
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ok: true, ms, maxRssKb: process.resourceUsage().maxRSS, result })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, error: String(error?.message ?? error).slice(0, 160) })}\n`,
  );
}
