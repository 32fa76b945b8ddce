/**
 * Seeded fuzz test (issue 20, part 4): samples of fixtures/county.csv (header + 40–200 rows, one
 * case in ten 1–39), each with 1–4 mutations of its bytes, cells, rows and header, go through
 * the library (decodeText → parseCsv → studentTable → analyzeStudents → findings →
 * rectificationLedger); one case in four is also streamed, and one in 40 goes through the
 * CLI's main() in-process as well (fuzzCases.ts builds the cases and holds the oracle).
 *
 * Cases: 2,000 by default (about 3 minutes here); JIANCE_FUZZ_CASES=100000 runs more (the
 * "flag"; about 0.1 s a case on average, most of it the CLI cases' Word reports).
 * JIANCE_FUZZ_FROM=k starts at case k, so a long run can be split into shards (cases
 * k … k + JIANCE_FUZZ_CASES − 1, e.g. on two machines or sessions).
 * JIANCE_FUZZ_SEED changes the master seed (default 20261203); JIANCE_FUZZ_ONLY=17,873 runs
 * only those cases. Case k's input is a pure function of (master seed, k) — its own seed is
 * caseSeed(master, k) — so a failure is reproduced alone with JIANCE_FUZZ_ONLY=k; the failure
 * message gives the seed, the mutations and the path of the case's input file.
 *
 * What must hold, every case:
 * - Library: analyzeStudents returns results, or a JianceError (isJianceError) is thrown.
 *   Anything else thrown (TypeError, RangeError…) is a failure. The results serialise
 *   (JSON.stringify does not throw), their rows add up, no difference is claimed with SE 0, and
 *   their nulls and non-finite numbers are explained (all below).
 * - CLI (1 in 40, with --out a temporary folder; 3 in 10 of them with --batch-rows): exit 0
 *   or 2, never 70 (internal error), no stack trace on stderr, an "错误：" / "Error: " message on
 *   exit 2; exit 0 exactly when the library gave results (2 exactly when it threw), with the
 *   library's message on stderr. On exit 0: results.json and run.json exist and parse, rows add
 *   up, the nulls of results.json are explained; without --batch-rows results.json is
 *   byte-identical to the library's results (JSON.stringify(results, null, 2)), with it the
 *   dataQuality section is the same.
 * - Streamed (1 in 4 library cases): the CLI's large-file reader (readBatches, with its own
 *   encoding sniffing) on the same bytes reads what decodeText + parseCsv read, or refuses them
 *   with the same error code; the decoded text pushed into a CsvBatcher in random pieces with a
 *   small pieceChars (so it is cut and parsed many times) gives, joined, parseCsv's table; and
 *   analyzeBatches on those batches gives analyzeStudents' outcome (the same error code, or
 *   results with the same dataQuality, rows adding up, nulls explained).
 * - No case slower than 10 s (library) or 60 s (CLI; the CLI is awaited under a 60 s race, the
 *   synchronous library cannot be interrupted, so its wall time is measured); no unhandled
 *   promise rejection during the run.
 *
 * No verdict without uncertainty: an object with a `mark` other than 'not-assessable' (against
 * the province or nation, a pair, a reference figure, a gap) has a positive finite `se`, and a
 * 'not-assessable' one says why (`reason`).
 *
 * Rows add up: dataQuality.rowsRead = rowsKept + rowsExcluded, rowsExcluded = Σ excludedRows;
 * every usage object anywhere in the results (achievement[].usage, betweenSchool[].usage,
 * rates.indicators[].usage, countyComparison[].usage, gaps[].usage, health…, levels…) has
 * rowsRead = dataQuality.rowsRead = rowsUsed + Σ excluded[].count, counts positive integers.
 *
 * The null / NaN rule. JSON.stringify writes NaN and ±Infinity as null, so results.json cannot
 * tell a deliberate null from a failed computation. A value v at key K, held by object O, that
 * is null or a non-finite number is explained only by
 *   (S) a stated reason: O, or an object between O and the nearest array element holding it
 *       (the record it belongs to, e.g. a county of a cell), has `estimable: false`,
 *       `suppressed: true`, a non-empty string `reason` or `note`, or `status: 'not-assessable'`;
 *   (C) a documented condition on O for that key (fuzzCases.ts `conditions`), e.g. `sd`,
 *       `meanSE` with students < 2; `designEffect` with the rate 0 or 1; `lower`/`upper` of a
 *       design mean with df = 0; `rank`/`vsProvince`/`vsNation` with fewer than two estimable
 *       areas in the list; a trend's `firstToLast`/`annualChange`/`cochranArmitage`/
 *       `designAdjusted` with no changes (fewer than two usable years); `cv` with fewer than two
 *       schools; `level` with the REML fit not estimable; `weighted` without a weight column;
 *       a rate cell's `se` with one school; `effectSize` with the province's (nation's) SD null
 *       or 0; `provinceSD`/`nationSD` with fewer than 2 students; a domain mean with fewer than
 *       two schools; the 优质均衡 check's `mean`/`share`/`icc` when not assessable (or not the
 *       definition used) and `shareLine` with the 'mean' definition; `better` for BMI;
 *   (O) for null only (never NaN/Infinity): a field documented as "not applicable / not given /
 *       pooled" (fuzzCases.ts `optional`): grouping labels (province, county, year, grade,
 *       domain, rate-cell keys), `reason: null`, `indicator`/`share` of a score comparison,
 *       design.strata/replicates, reference figures' blank columns, `valueSE` of a figure
 *       published without an SE, `trend`/`lowest`/`pass` DesignTrends (fewer than two years or a
 *       year with one school), a trend's per-year `rates[k]` of a withheld year, Finding
 *       `against`/`figures`, the ledger's baseline fields without --baseline.
 * Anything else is a failure. The rule is applied to the in-memory results (where NaN/Infinity
 * can still be seen) and to every results.json the CLI writes. The unmutated fixture passes it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvBatcher,
  analyzeBatches,
  analyzeStudents,
  decodeText,
  findings,
  isJianceError,
  parseCsv,
  rectificationLedger,
  referenceTable,
  studentTable,
  type AnalysisResults,
  type AnalyzeStudentsOptions,
  type RawTable,
} from '@jiance/core';
import { main } from '../src/analyze.js';
import { readBatches } from '../src/readBatches.js';
import { claimProblems, countProblems, county, countyReferences, makeCase, unexplainedValues, type FuzzCase } from './fuzzCases.js';

const total = Number(process.env.JIANCE_FUZZ_CASES ?? 2000);
const from = Number(process.env.JIANCE_FUZZ_FROM ?? 0);
const master = Number(process.env.JIANCE_FUZZ_SEED ?? 20261203);
const only = process.env.JIANCE_FUZZ_ONLY?.split(',').map(Number);
const libraryBudgetMs = 10_000;
const cliBudgetMs = 60_000;

const references = referenceTable(parseCsv(decodeText(new Uint8Array(countyReferences), 'county.references.csv').text, 'county.references.csv'));
/** The levels' cut scores of the library cases; the CLI cases give the same in their config. */
const levels = { cuts: { math: { '*': [420, 500, 580] } } };

type Outcome = { kind: 'results'; results: AnalysisResults } | { kind: 'error'; code: string; text: string };

const optionsOf = (c: FuzzCase): AnalyzeStudentsOptions => ({ ...(c.options.levels ? { levels } : {}), ...(c.options.references ? { references } : {}) });

/** The library path. Throws whatever the library throws that is not a JianceError. */
function library(c: FuzzCase): Outcome {
  const options = optionsOf(c);
  try {
    const { text, encoding } = decodeText(c.bytes, 'fuzz.csv');
    const data = studentTable(parseCsv(text, 'fuzz.csv', encoding));
    const results = analyzeStudents(data, options);
    // As the CLI does after the analysis.
    results.findings = findings(results);
    results.ledger = rectificationLedger(results, [], results.findings, null);
    return { kind: 'results', results };
  } catch (error) {
    if (isJianceError(error)) return { kind: 'error', code: error.code, text: error.text(c.options.lang) };
    throw error;
  }
}

/** A thrown value as an outcome: a JianceError's code, or rethrown. */
function caught(error: unknown): { kind: 'error'; code: string; text: string } {
  if (isJianceError(error)) return { kind: 'error', code: error.code, text: error.message };
  throw error;
}

/** The raw tables of a batch stream joined back into one (row indexes of rejections made global). */
function joined(batches: RawTable[]): unknown {
  let offset = 0;
  const rejected: unknown[] = [];
  for (const b of batches) {
    rejected.push(...b.rejected.map((x) => ({ ...x, index: x.index + offset })));
    offset += b.rowNumbers.length;
  }
  const headers = batches[0]?.headers ?? [];
  return {
    headers,
    columns: headers.map((_, j) => batches.flatMap((b) => b.columns[j] ?? [])),
    rowNumbers: batches.flatMap((b) => [...b.rowNumbers]),
    blankRows: batches.reduce((s, b) => s + b.blankRows, 0),
    rejected,
  };
}

/**
 * The streamed library path of a case with `stream`: the decoded text pushed into a CsvBatcher
 * in pieces, then analyzeBatches. The batches joined must equal parseCsv's table (or both throw
 * the same JianceError), and the analysis must give the whole text's outcome: the same error
 * code, or results with the same dataQuality whose rows add up and whose nulls are explained.
 */
async function streamProblems(c: FuzzCase, whole: Outcome, dir: string): Promise<string[]> {
  const s = c.stream!;
  const problems: string[] = [];
  // The CLI's reader of large files (readBatches: its own encoding sniffing, CsvBatcher) on the
  // same bytes must read what decodeText + parseCsv read, or refuse them with the same error.
  const path = join(dir, 'fuzz.csv');
  writeFileSync(path, c.bytes);
  let read: RawTable[] | { kind: 'error'; code: string } = [];
  try {
    const out: RawTable[] = [];
    for await (const b of readBatches(path, { batchRows: s.batchRows }).batches) out.push(b);
    read = out;
  } catch (error) {
    read = caught(error);
  }
  let wholeRaw: RawTable | { kind: 'error'; code: string };
  try {
    const d = decodeText(c.bytes, 'fuzz.csv');
    wholeRaw = parseCsv(d.text, 'fuzz.csv', d.encoding);
  } catch (error) {
    wholeRaw = caught(error);
  }
  const readTag = `readBatches (batchRows ${s.batchRows})`;
  if (!Array.isArray(read) || 'kind' in wholeRaw) {
    const a = Array.isArray(read) ? 'batches' : read.code;
    const b = 'kind' in wholeRaw ? wholeRaw.code : 'a table';
    if (a !== b) problems.push(`${readTag} gave ${a}, decodeText + parseCsv ${b}`);
  } else if (JSON.stringify(joined(read)) !== JSON.stringify(joined([wholeRaw]))) problems.push(`${readTag}: the batches joined differ from parseCsv's table`);
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decodeText(c.bytes, 'fuzz.csv'));
  } catch {
    return problems; // not text: nothing more to stream
  }
  let batches: RawTable[] | { kind: 'error'; code: string } = [];
  try {
    const csv = new CsvBatcher('fuzz.csv', s.batchRows, encoding, s.pieceChars);
    const out: RawTable[] = [];
    for (let at = 0, k = 0; at < text.length; k++) {
      const n = s.chunks[k % s.chunks.length]!;
      out.push(...csv.push(text.slice(at, at + n)));
      at += n;
    }
    out.push(...csv.end());
    batches = out;
  } catch (error) {
    batches = caught(error);
  }
  let raw: RawTable | { kind: 'error'; code: string };
  try {
    raw = parseCsv(text, 'fuzz.csv', encoding);
  } catch (error) {
    raw = caught(error);
  }
  const tag = `streamed (CsvBatcher batchRows ${s.batchRows}, pieceChars ${s.pieceChars})`;
  if (!Array.isArray(batches) || 'kind' in raw) {
    const a = Array.isArray(batches) ? 'batches' : batches.code;
    const b = 'kind' in raw ? raw.code : 'a table';
    if (a !== b) problems.push(`${tag}: CsvBatcher gave ${a}, parseCsv ${b}`);
    return problems;
  }
  if (JSON.stringify(joined(batches)) !== JSON.stringify(joined([raw]))) {
    problems.push(
      `${tag}: the batches joined differ from parseCsv's table (${batches.length} batches, ${batches.reduce((n, b) => n + b.rowNumbers.length, 0)} rows vs ${raw.rowNumbers.length})`,
    );
    return problems;
  }
  let streamed: Outcome;
  try {
    const r = await analyzeBatches(batches, optionsOf(c));
    streamed = { kind: 'results', results: r.results };
  } catch (error) {
    try {
      streamed = caught(error);
    } catch {
      return [`${tag}: analyzeBatches threw ${(error as Error)?.stack ?? String(error)}`];
    }
  }
  const a = streamed.kind === 'results' ? 'results' : streamed.code;
  const b = whole.kind === 'results' ? 'results' : whole.code;
  if (a !== b) problems.push(`${tag}: analyzeBatches gave ${a}, analyzeStudents ${b}`);
  else if (streamed.kind === 'results' && whole.kind === 'results') {
    if (JSON.stringify(streamed.results.dataQuality) !== JSON.stringify(whole.results.dataQuality))
      problems.push(`${tag}: dataQuality differs from the whole text's`);
    problems.push(...resultProblems(streamed.results as unknown as Record<string, unknown>, 'streamed results'));
  }
  return problems;
}

/** Problems of a results object (in memory, or parsed from results.json). */
function resultProblems(results: Record<string, unknown>, where: string): string[] {
  const unexplained = unexplainedValues(results);
  return [
    ...claimProblems(results)
      .slice(0, 4)
      .map((p) => `${where}: verdict without uncertainty ${p}`),
    ...countProblems(results).map((p) => `${where}: ${p}`),
    ...unexplained.slice(0, 8).map((u) => `${where}: unexplained ${u.value} at ${u.path}`),
    ...(unexplained.length > 8 ? [`${where}: … ${unexplained.length - 8} more unexplained values`] : []),
  ];
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });

/** The CLI path; returns the problems found (none: fine) and the exit code. */
async function cli(c: FuzzCase, lib: Outcome, dir: string): Promise<{ code: number | 'timeout'; problems: string[] }> {
  const file = join(dir, 'fuzz.csv');
  writeFileSync(file, c.bytes);
  const out = join(dir, 'out');
  const args = [file, '--out', out, '--lang', c.options.lang];
  if (c.options.levels)
    args.push('--config', join(dir, 'jiance.json')), writeFileSync(join(dir, 'jiance.json'), JSON.stringify({ levels: { math: [420, 500, 580] } }));
  if (c.options.references) args.push('--reference', join(dir, 'county.references.csv')), writeFileSync(join(dir, 'county.references.csv'), countyReferences);
  if (c.options.batchRows) args.push('--batch-rows', String(c.options.batchRows));
  let stdout = '';
  let stderr = '';
  const code = await withTimeout(
    main(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), signals: false, progress: { step() {}, tick() {}, done() {} } }),
    cliBudgetMs,
  );
  const problems: string[] = [];
  const prefix = c.options.lang === 'zh' ? '错误：' : 'Error: ';
  if (code === 'timeout') return { code, problems: [`CLI did not finish within ${cliBudgetMs} ms`] };
  if (code !== 0 && code !== 2) problems.push(`CLI exit ${code}: ${stderr.trim()}`);
  if (/\n\s+at /.test(stderr)) problems.push(`stack trace on stderr: ${stderr}`);
  if (code === 2 && !stderr.startsWith(prefix)) problems.push(`exit 2 without a "${prefix}" message: ${stderr}`);
  if (lib.kind === 'results' && code !== 0) problems.push(`library gave results, CLI exit ${code}: ${stderr.trim()}`);
  if (lib.kind === 'error' && code !== 2) problems.push(`library threw ${lib.code}, CLI exit ${code}`);
  if (lib.kind === 'error' && code === 2 && !c.options.batchRows && stderr !== `${prefix}${lib.text}\n`)
    problems.push(`CLI message differs from the library's ${lib.code}: ${stderr.trim()}`);
  if (code === 0) {
    const path = join(out, 'results.json');
    if (!existsSync(path) || !existsSync(join(out, 'run.json'))) return { code, problems: [...problems, 'exit 0 without results.json and run.json'] };
    const text = readFileSync(path, 'utf8');
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text);
      JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    } catch (error) {
      return { code, problems: [...problems, `results.json or run.json does not parse: ${(error as Error).message}`] };
    }
    problems.push(...resultProblems(json, 'results.json'));
    if (lib.kind === 'results') {
      if (!c.options.batchRows) {
        if (text.trimEnd() !== JSON.stringify(lib.results, null, 2)) problems.push('results.json differs from the library results');
      } else if (JSON.stringify(json.dataQuality) !== JSON.stringify(lib.results.dataQuality))
        problems.push('streamed dataQuality differs from the whole-file one');
    }
  }
  return { code, problems };
}

interface Failure {
  c: FuzzCase;
  problems: string[];
}

function describeFailure(f: Failure, inputs: string): string {
  const { c } = f;
  const file = join(inputs, `case-${c.index}.csv`);
  writeFileSync(file, c.bytes);
  const options = [
    c.options.levels ? 'levels' : '',
    c.options.references ? 'references' : '',
    `lang ${c.options.lang}`,
    c.options.batchRows ? `--batch-rows ${c.options.batchRows}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `case ${c.index} (seed ${c.seed}, master ${master}, ${c.path}; ${options})`,
    ...f.problems.map((p) => `  ${p.length > 2000 ? `${p.slice(0, 2000)}…` : p}`),
    `  mutations: ${c.mutations.join('; ')}`,
    `  input: ${file}`,
    `  reproduce: JIANCE_FUZZ_ONLY=${c.index}${master === 20261203 ? '' : ` JIANCE_FUZZ_SEED=${master}`} node_modules/.bin/vitest run packages/cli/test/fuzz.test.ts`,
  ].join('\n');
}

describe('fuzz: mutated county files through the library and the CLI', () => {
  it('the unmutated fixture passes the oracle (the null rule and the counts)', () => {
    const text = readFileSync(new URL('../../../fixtures/county.csv', import.meta.url), 'utf8');
    expect(text.split('\n').length - 2).toBe(county.rows.length);
    for (const options of [{}, { levels, references }]) {
      const results = analyzeStudents(studentTable(parseCsv(text, 'county.csv')), options);
      results.findings = findings(results);
      results.ledger = rectificationLedger(results, [], results.findings, null);
      expect(unexplainedValues(results)).toEqual([]);
      expect(unexplainedValues(JSON.parse(JSON.stringify(results)))).toEqual([]);
      expect(countProblems(results)).toEqual([]);
      expect(claimProblems(results)).toEqual([]);
    }
  });

  it(
    `${only ? only.length : total} seeded cases: only results or JianceErrors, rows add up, nulls explained`,
    async () => {
      const indices = only ?? Array.from({ length: total }, (_, k) => from + k);
      const outcomes = new Map<string, number>();
      const exits = new Map<string, number>();
      const failures: Failure[] = [];
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown): void => void rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      const work = mkdtempSync(join(tmpdir(), 'jiance-fuzz-'));
      let slowest = { ms: 0, index: -1, path: '' };
      let libraryCases = 0;
      let streamedCases = 0;
      let cliCases = 0;
      const started = performance.now();
      try {
        for (const k of indices) {
          const c = makeCase(k, master);
          const problems: string[] = [];
          const t = performance.now();
          let lib: Outcome | undefined;
          try {
            lib = library(c);
          } catch (error) {
            problems.push(`library threw ${(error as Error)?.stack ?? String(error)}`);
          }
          const libraryMs = performance.now() - t;
          libraryCases++;
          if (libraryMs > libraryBudgetMs) problems.push(`library took ${Math.round(libraryMs)} ms (budget ${libraryBudgetMs})`);
          const key = !lib ? 'failure' : lib.kind === 'results' ? 'results' : lib.code;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          if (lib?.kind === 'results') {
            try {
              JSON.stringify(lib.results);
              problems.push(...resultProblems(lib.results as unknown as Record<string, unknown>, 'results'));
            } catch (error) {
              problems.push(`results do not serialise: ${(error as Error).message}`);
            }
          }
          if (c.stream && lib) {
            streamedCases++;
            try {
              const dir = mkdtempSync(join(work, `stream-${k}-`));
              try {
                problems.push(...(await streamProblems(c, lib, dir)));
              } finally {
                rmSync(dir, { recursive: true, force: true });
              }
            } catch (error) {
              problems.push(`streamed path threw ${(error as Error)?.stack ?? String(error)}`);
            }
          }
          if (c.path === 'cli' && lib) {
            cliCases++;
            const dir = mkdtempSync(join(work, `case-${k}-`));
            try {
              const r = await cli(c, lib, dir);
              exits.set(String(r.code), (exits.get(String(r.code)) ?? 0) + 1);
              problems.push(...r.problems);
            } catch (error) {
              problems.push(`main() rejected: ${(error as Error)?.stack ?? String(error)}`);
            } finally {
              rmSync(dir, { recursive: true, force: true });
            }
          }
          const ms = performance.now() - t;
          if (ms > slowest.ms) slowest = { ms, index: k, path: c.path };
          if (problems.length) failures.push({ c, problems });
        }
      } finally {
        process.off('unhandledRejection', onRejection);
      }
      const totalMs = performance.now() - started;
      const errors = [...outcomes].filter(([k]) => k !== 'results' && k !== 'failure').sort((a, b) => b[1] - a[1]);
      const summary =
        `fuzz: ${indices.length} cases${only ? '' : ` from ${from}`} (master seed ${master}): ${libraryCases} library (${streamedCases} of them streamed too), ${cliCases} CLI; ` +
        `outcomes: results ${outcomes.get('results') ?? 0}, JianceError ${errors.reduce((s, [, n]) => s + n, 0)} (${errors.map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
        `failures ${failures.length}; CLI exits ${
          [...exits]
            .sort()
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ') || 'none'
        }; ` +
        `slowest case ${slowest.index} (${slowest.path}) ${Math.round(slowest.ms)} ms; total ${Math.round(totalMs)} ms`;
      // Failures by kind (numbers and indexes blanked), for the summary.
      const kinds = new Map<string, { n: number; cases: number[] }>();
      for (const f of failures) {
        for (const kind of new Set(
          f.problems.map((p) =>
            p
              .split('\n')[0]!
              .replace(/\[\d+\]/g, '[]')
              .replace(/\d+(\.\d+)?/g, 'N')
              .slice(0, 160),
          ),
        )) {
          const entry = kinds.get(kind) ?? { n: 0, cases: [] };
          entry.n++;
          if (entry.cases.length < 3) entry.cases.push(f.c.index);
          kinds.set(kind, entry);
        }
      }
      const byKind = [...kinds]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, { n, cases }]) => `  ${n} × ${k} (cases ${cases.join(', ')}${n > cases.length ? ', …' : ''})`);
      console.log([summary, ...(byKind.length ? ['failing cases by kind of problem:', ...byKind] : [])].join('\n'));
      const report = [
        ...(byKind.length ? [`failing cases by kind of problem:\n${byKind.join('\n')}`] : []),
        ...failures.slice(0, 25).map((f) => describeFailure(f, work)),
      ];
      if (failures.length > 25) report.push(`… and ${failures.length - 25} more failing cases`);
      if (rejections.length) report.push(`unhandled rejections: ${rejections.map((r) => (r as Error)?.stack ?? String(r)).join('\n')}`);
      if (!failures.length && !rejections.length) rmSync(work, { recursive: true, force: true });
      expect(report.join('\n\n'), summary).toBe('');
    },
    3_600_000 + total * 500,
  );
});
