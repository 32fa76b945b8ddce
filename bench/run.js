// `pnpm bench`: wall time and peak memory of Jiance on 1e5, 1e6 (and with --large, 1e7)
// synthetic students, each case in a child process, against a bare DuckDB GROUP BY (the floor).
//   node bench/run.js [--sizes 1e5,1e6] [--large] [--census] [--cases memory-analyze,memory-moments,streaming,duckdb-jiance,duckdb-floor]
//                     [--heap 16384] [--timeout 1800] [--repeat 1]
// --census (implied by --large) runs the chosen cases but the in-memory ones on a census-shaped
// 1e7 file too: the 1e6 province ten times with new student ids (its 224 counties and
// school-years, ten times the students per school) — 1e7 students of one province, the file
// issue 8's targets are read on (README "Scale"); the generator's own 1e7 is a sample of a whole
// country (2,233 counties), reported beside it.
// The run ends with issue 8's targets that it measured (the whole analysis via DuckDB within 2×
// of the floor; streaming 1e7 under 1 GiB), each said to be met or not, on both 1e7 files.
// With --repeat N each case below 1e7 runs N times and the fastest run is reported (this machine
// is shared); at 1e7 each case runs once.
// Data: fixtures/large/province-<n>.csv (gitignored), written once by the CLI's streaming
// generator (jiance-make-fixtures --students n --seed 1) and reused.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1e5,1e6' },
    large: { type: 'boolean', default: false },
    census: { type: 'boolean', default: false },
    cases: {
      type: 'string',
      default: 'memory-analyze,memory-moments,streaming,duckdb-jiance,analyze-command,analyze-command-memory,duckdb-scan,duckdb-floor',
    },
    heap: { type: 'string', default: '16384' },
    timeout: { type: 'string', default: '1800' },
    repeat: { type: 'string', default: '1' },
  },
});
const sizes = opts.sizes.split(',').map(Number);
if (opts.large && !sizes.includes(1e7)) sizes.push(1e7);
const cases = opts.cases.split(',');

const labels = {
  'memory-analyze': 'Jiance in memory: read + validate + analyzeStudents (all analyses)',
  'memory-moments': 'Jiance in memory: read + validate + grouped moments of every value + ICC',
  streaming: 'Jiance streaming (analyzeBatches, 250k-row batches, every analysis)',
  'duckdb-jiance': 'Jiance via DuckDB: duckdbAnalyze (checks + every summary in SQL + core estimators)',
  'analyze-command': 'analyze, the command: every output (engine as chosen)',
  'analyze-command-memory': 'analyze --engine default: every output, core in memory',
  'duckdb-scan': 'bare DuckDB: read_csv + one GROUP BY (the bare scan)',
  'duckdb-floor': 'bare DuckDB: CSV → table + the same GROUP BYs (floor)',
};

function dataFile(n) {
  const file = join(root, 'fixtures', 'large', `province-${n.toExponential().replace('+', '')}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/dist/bin/make-fixtures.js'), '--students', String(n), '--out', file, '--seed', '1'], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`generating ${file} failed`);
  }
  return file;
}

// The floor replays duckdb-jiance's summary SQL: written once, untimed, from the small province fixture.
const floorSql = join(root, 'fixtures', 'large', 'floor-sql.json');
process.env.JIANCE_FLOOR_SQL = floorSql;
if (cases.includes('duckdb-floor')) {
  mkdirSync(dirname(floorSql), { recursive: true }); // a fresh clone has no fixtures/large yet
  const r = spawnSync(process.execPath, [join(root, 'bench/case.js'), 'floor-sql', join(root, 'fixtures', 'province.csv')], { encoding: 'utf8' });
  if (!existsSync(floorSql)) throw new Error(`writing ${floorSql} failed: ${r.stdout}${r.stderr}`);
}

function runCase(name, file) {
  const started = performance.now();
  // The young generation of `pnpm analyze` (package.json): 64 MB semi-spaces cut the estimators'
  // garbage collection (1e7 via DuckDB: estimators 51.5 s → 41.8 s).
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.heap}`, '--max-semi-space-size=64', join(root, 'bench/case.js'), name, file], {
    encoding: 'utf8',
    timeout: Number(opts.timeout) * 1000,
    maxBuffer: 1 << 20,
  });
  const wall = (performance.now() - started) / 1000;
  const line = r.stdout.trim().split('\n').pop();
  let out;
  try {
    out = JSON.parse(line);
  } catch {
    out = { ok: false, error: r.signal ? `killed (${r.signal}${r.error ? ', timeout' : ''})` : (r.stderr.trim().split('\n').pop() ?? 'no output') };
  }
  return { ...out, wall };
}

/** The 1e6 file ten times over with new student ids (in a function, so the text is freed before the run). */
function writeCensus(source, file) {
  process.stderr.write(`writing ${file} (the 1e6 file ten times, new student ids) …\n`);
  const lines = readFileSync(source, 'utf8').split('\n');
  const header = lines.shift();
  const body = lines.filter((l) => l !== '');
  // The generator's ids are "S" + the 5-digit county number + …: "S0…" below 10,000 counties.
  // The k-th copy's start "Sk…", as the 1e8 census file was made.
  const student = header.split(',').indexOf('student');
  // The first ",S0" of each line must be where the student column starts.
  const bad = student < 1 ? 0 : body.findIndex((l) => l.indexOf(',S0') !== l.split(',', student).join(',').length);
  if (student < 0 || bad >= 0)
    throw new Error(`${source}: line ${bad + 2} has no student id "S0…" in the student column; regenerate it with jiance-make-fixtures`);
  // Written aside and renamed, so an interrupted run never leaves a short file to be reused.
  const out = openSync(`${file}.partial`, 'w');
  writeSync(out, `${header}\n`);
  for (let k = 0; k < 10; k++) writeSync(out, `${body.map((l) => l.replace(',S0', `,S${k}`)).join('\n')}\n`);
  closeSync(out);
  renameSync(`${file}.partial`, file);
}

const fmt = (x, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const rows = [];
const bySize = new Map(); // n → case → result
let census;

/**
 * Runs `names` on `file` (each `repeat` times, the fastest kept), printing progress, and adds
 * their rows with the ratio to the floor: `students` and `suffix` label the rows.
 */
function measure(file, names, repeat, students, suffix = '') {
  const results = {};
  for (const name of names) {
    process.stderr.write(`  ${name} … `);
    let best;
    for (let k = 0; k < repeat; k++) {
      const r = runCase(name, file);
      if (!best || (r.ok && (!best.ok || r.wall < best.wall))) best = r;
      if (!r.ok) break;
    }
    const r = (results[name] = best);
    process.stderr.write(r.ok ? `${fmt(r.wall, 2)} s, ${fmt(r.maxRssKb / 1024, 0)} MiB ${JSON.stringify(r.result)}\n` : `FAILED: ${r.error}\n`);
  }
  const floor = results['duckdb-floor'];
  for (const name of names) {
    const r = results[name];
    const ratio = r.ok && floor?.ok ? `${fmt(r.wall / floor.wall, 1)}× / ${fmt(r.maxRssKb / floor.maxRssKb, 1)}×` : '';
    rows.push([
      students,
      `${labels[name] ?? name}${suffix}`,
      r.ok ? fmt(r.wall, 2) : `failed: ${String(r.error).slice(0, 90)}`,
      r.ok ? fmt(r.ms / 1000, 2) : '',
      r.ok ? fmt(r.maxRssKb / 1024, 0) : '',
      ratio,
    ]);
  }
  return results;
}

for (const n of sizes) {
  const file = dataFile(n);
  process.stderr.write(`\n${n.toExponential()} students (${fmt(statSync(file).size / 1e6, 0)} MB)\n`);
  bySize.set(n, measure(file, cases, n >= 1e7 ? 1 : Number(opts.repeat), n.toExponential()));
}

// --large implies it: the targets show on both 1e7 files.
if ((opts.census || opts.large) && cases.some((name) => !name.startsWith('memory-'))) {
  const source = dataFile(1e6);
  const file = join(root, 'fixtures', 'large', 'province-1e7-census.csv');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(source).mtimeMs) writeCensus(source, file);
  process.stderr.write(`\ncensus-shaped 1e7 (${(statSync(file).size / 1e6).toFixed(0)} MB: the 1e6 province ×10, new student ids)\n`);
  // The in-memory cases cannot read a 1.35 GB text (V8's longest string).
  census = measure(
    file,
    cases.filter((name) => !name.startsWith('memory-')),
    1,
    '1e7 census',
    ', on the 1e6 province ×10',
  );
}

const header = ['students', 'case', 'wall s', 'compute s', 'peak RSS MiB', 'vs floor (time / memory)'];
process.stdout.write(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
// Issue 8's two targets, from this run's figures, on each 1e7 file whose cases ran.
const lines = [];
const counties = (r) => (r?.ok && r.result?.counties ? `${r.result.counties.toLocaleString('en')} counties` : 'counties not reported');
const failed = (r) => `not measured (${r ? `failed: ${String(r.error).slice(0, 90)}` : 'case not run'})`;
const targetsOn = (results, file) => {
  if (!results) return;
  const jiance = results['duckdb-jiance'];
  const floor = results['duckdb-floor'];
  if (cases.includes('duckdb-jiance') && cases.includes('duckdb-floor')) {
    if (jiance?.ok && floor?.ok) {
      // Judged on the figure printed, so "2.00×" is never "NOT met".
      const ratio = fmt(jiance.wall / floor.wall, 2);
      lines.push(
        `${file}, ${counties(jiance)}: the whole analysis via DuckDB within 2× of the floor: ${ratio}× (${fmt(jiance.wall, 1)} s / ${fmt(floor.wall, 1)} s) — ${Number(ratio) <= 2 ? 'met' : 'NOT met'}`,
      );
    } else lines.push(`${file}: the whole analysis via DuckDB within 2× of the floor: ${failed(jiance?.ok ? floor : jiance)}`);
  }
  if (cases.includes('streaming')) {
    const s = results.streaming;
    if (s?.ok) {
      const mib = Math.round(s.maxRssKb / 1024);
      lines.push(
        `${file}, ${counties(s)}, ${s.result.groups.toLocaleString('en')} groups: streaming under 1 GiB: ${mib} MiB — ${mib < 1024 ? 'met' : 'NOT met'}`,
      );
    } else lines.push(`${file}: streaming under 1 GiB: ${failed(s)}`);
  }
};
targetsOn(census, '1e7 students of one province (census-shaped; the file the targets are read on)');
targetsOn(bySize.get(1e7), 'the generator\'s 1e7 (a country\'s sample; for reference, README "Scale")');
if (lines.length) process.stdout.write(`\nIssue 8's targets:\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
// Issue 22's targets: the command with every output against the floor and the bare scan, per size.
const commandLines = [];
const commandTargets = { 1e5: 2.5, 1e6: 2.0, 1e7: 1.5 };
for (const [n, results] of bySize) {
  const command = results['analyze-command'];
  const memory = results['analyze-command-memory'];
  const floor = results['duckdb-floor'];
  const scan = results['duckdb-scan'];
  const target = commandTargets[n];
  if (!command?.ok || !floor?.ok || target === undefined) continue;
  const ratio = fmt(command.wall / floor.wall, 2);
  commandLines.push(
    `${n.toExponential()}: analyze (${command.result.engine}) within ${target}× of the floor: ${ratio}× (${fmt(command.wall, 1)} s / ${fmt(floor.wall, 1)} s) — ${Number(ratio) <= target ? 'met' : 'NOT met'}`,
  );
  if (n === 1e6 && scan?.ok) {
    const r = fmt(command.wall / scan.wall, 2);
    commandLines.push(
      `1e6: analyze within 6× of the bare scan: ${r}× (${fmt(command.wall, 1)} s / ${fmt(scan.wall, 1)} s) — ${Number(r) <= 6 ? 'met' : 'NOT met'}`,
    );
  }
  if (n === 1e6 && memory?.ok) {
    const r = fmt(memory.maxRssKb / floor.maxRssKb, 2);
    commandLines.push(
      `1e6: peak RSS of analyze --engine default ≤ 1.2× the floor's: ${r}× (${fmt(memory.maxRssKb / 1024, 0)} MiB / ${fmt(floor.maxRssKb / 1024, 0)} MiB) — ${Number(r) <= 1.2 ? 'met' : 'NOT met'}`,
    );
  }
}
if (commandLines.length) process.stdout.write(`\nIssue 22's targets (the command with every output):\n${commandLines.map((l) => `- ${l}`).join('\n')}\n`);
process.stdout.write(
  `\nnode ${process.version}, ${(await import('node:os')).cpus().length} cores; wall = child process start to exit; compute = inside the child, module imports included; peak RSS = maxRSS of the child (DuckDB native memory included).\n`,
);
