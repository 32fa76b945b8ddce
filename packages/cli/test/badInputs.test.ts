import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@jiance/core';
import { withoutNonXmlCharacters } from '@jiance/report';
import { badInputs, countyText } from '../src/badInputs.js';
import { tempDir } from './helpers.js';

// The bad-input corpus (fixtures/bad/, README there) through the CLI as a user runs it: a child
// process per case, two at a time (the machine has two cores), each killed at its time limit so
// a hang fails instead of stalling the suite.

const fixtures = new URL('../../../fixtures/', import.meta.url).pathname;
const corpus = join(fixtures, 'bad');
const bin = new URL('../dist/bin/analyze.js', import.meta.url).pathname;
const county = countyText(readFileSync(join(fixtures, 'county.csv'), 'utf8'));
const cases = badInputs();
const work = tempDir();

interface Outcome {
  code: number | null;
  signal: string | null;
  stderr: string;
  ms: number;
  out: string;
}

function runCli(file: string, args: readonly string[], cwd: string, out: string, seconds: number): Promise<Outcome> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, file, '--out', out, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: seconds * 1000,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => done({ code, signal, stderr, ms: Date.now() - started, out }));
  });
}

/** Every { rowsRead, rowsUsed, excluded } of the results (an analysis's usage), with where it is. */
function usages(value: unknown, at = ''): { at: string; rowsRead: number; rowsUsed: number; excluded: { count: number }[] }[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, k) => usages(v, `${at}[${k}]`));
  const o = value as Record<string, unknown>;
  const here =
    typeof o.rowsRead === 'number' && typeof o.rowsUsed === 'number' && Array.isArray(o.excluded)
      ? [{ at, rowsRead: o.rowsRead, rowsUsed: o.rowsUsed, excluded: o.excluded as { count: number }[] }]
      : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => usages(v, `${at}.${k}`))];
}

/** The largest count of each rule anywhere in the results (usage lists, warnings, data quality). */
function ruleCounts(value: unknown, into: Record<string, number> = {}): Record<string, number> {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.rule === 'string' && typeof o.count === 'number') into[o.rule] = Math.max(into[o.rule] ?? 0, o.count);
    for (const v of Object.values(o)) ruleCounts(v, into);
  }
  return into;
}

const outcomes = new Map<string, Outcome>();
let corpusMs = 0;

beforeAll(async () => {
  const started = Date.now();
  const runnable = cases.filter((c) => c.expect.exit !== null);
  for (const c of runnable.filter((c) => c.generated)) writeFileSync(join(work, c.file), await c.build(county));
  // The config files cases name sit in the corpus; generated cases run in the temporary folder.
  const queue = [...runnable].sort((a, b) => (b.seconds ?? 60) - (a.seconds ?? 60));
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const cwd = c.generated ? work : corpus;
      outcomes.set(c.file, await runCli(c.file, c.args ?? [], cwd, join(work, `out-${c.file}`), c.seconds ?? 60));
    }
  };
  await Promise.all([worker(), worker()]);
  corpusMs = Date.now() - started;
}, 20 * 60_000);

describe('the bad-input corpus (fixtures/bad)', () => {
  it('holds at least 60 files, each written by badInputs() byte for byte (workbooks: present; their zip stores times)', async () => {
    const committed = cases.filter((c) => !c.generated);
    expect(committed.length).toBeGreaterThanOrEqual(60);
    for (const c of committed) {
      const path = join(corpus, c.file);
      expect(existsSync(path), `${c.file} is missing: run pnpm fixtures`).toBe(true);
      if (!c.file.endsWith('.xlsx'))
        expect(Buffer.from(await c.build(county)).equals(readFileSync(path)), `${c.file} differs from badInputs(): run pnpm fixtures`).toBe(true);
    }
  });

  for (const c of cases) {
    if (c.expect.exit === null) continue;
    const e = c.expect;
    it(`${c.file} (${c.what}): ${e.exit === 2 ? 'exit 2 with its message' : `exit 0, ${e.rowsRead} rows read`}`, () => {
      const r = outcomes.get(c.file)!;
      // No hang (killed at the limit), no crash, no stack trace, no internal error.
      expect(r.signal, `${c.file} did not finish in ${c.seconds ?? 60} s`).toBeNull();
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(r.stderr).not.toContain('内部错误');
      expect(r.code, r.stderr).toBe(e.exit);
      if (e.exit === 2) {
        const line = r.stderr.trim();
        expect(line.split('\n')).toHaveLength(1);
        if ('message' in e) expect(line).toBe(`错误：${e.message}`);
        else expect(line.startsWith(`错误：${e.messageStart}`), line).toBe(true);
        expect(existsSync(r.out)).toBe(false);
        return;
      }
      const results = JSON.parse(readFileSync(join(r.out, 'results.json'), 'utf8'));
      const q = results.dataQuality;
      expect(q.rowsRead).toBe(e.rowsRead);
      if (e.rowsExcluded !== undefined) expect(q.rowsExcluded).toBe(e.rowsExcluded);
      // Counts add up: the data quality listing, and every analysis's usage.
      expect(q.rowsKept + q.rowsExcluded).toBe(q.rowsRead);
      expect(q.excludedRows.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(q.rowsExcluded);
      const list = usages(results);
      expect(list.length).toBeGreaterThan(0);
      for (const u of list) expect(u.rowsUsed + u.excluded.reduce((s, x) => s + x.count, 0), `${u.at}: rows read ${u.rowsRead}`).toBe(u.rowsRead);
      if (e.rules) {
        const listed: Record<string, number> = {};
        for (const x of [...q.excludedRows, ...q.invalidValues]) listed[x.rule] = (listed[x.rule] ?? 0) + x.count;
        expect(listed).toEqual(Object.fromEntries(Object.entries(e.rules).filter(([, n]) => n)));
      }
      if (e.blank) expect(q.blankValues).toEqual(e.blank);
      const counts = ruleCounts(results);
      for (const [rule, n] of Object.entries(e.usage ?? {})) expect(counts[rule], rule).toBe(n);
      // Every name from the data is escaped in the report (hostile-names.csv).
      const html = readFileSync(join(r.out, 'report.html'), 'utf8');
      expect(html).not.toContain('<script>alert(1)');
      // No character XML forbids reaches an output (control-characters.csv): Word and resvg refuse them.
      const docx = unzipSync(readFileSync(join(r.out, 'report.docx')));
      for (const [name, text] of [
        ['report.html', html],
        ['word/document.xml', strFromU8(docx['word/document.xml']!)],
        ...(existsSync(join(r.out, 'charts')) ? readdirSync(join(r.out, 'charts')) : []).map((f) => [f, readFileSync(join(r.out, 'charts', f), 'utf8')]),
      ])
        expect(withoutNonXmlCharacters(text!) === text, name).toBe(true);
    });
  }

  it("a folder and a missing file as the input (exit 2, the catalogue's message)", async () => {
    const folder = await runCli('.', [], corpus, join(work, 'out-dir'), 60);
    expect(folder.code).toBe(2);
    expect(folder.stderr.trim()).toBe(`错误：${messages.inputIsDirectory('.').zh}`);
    const missing = await runCli('no-such-file.csv', [], corpus, join(work, 'out-missing'), 60);
    expect(missing.stderr.trim()).toBe(`错误：${messages.fileNotFound('no-such-file.csv').zh}`);
  });

  it('prints what the corpus took', () => {
    const slowest = [...outcomes.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 3);
    const by = (code: number | null) => [...outcomes.values()].filter((o) => o.code === code).length;
    console.log(
      `bad inputs: ${outcomes.size} cases (exit 0: ${by(0)}, exit 2: ${by(2)}) in ${(corpusMs / 1000).toFixed(1)} s; slowest ${slowest.map(([f, o]) => `${f} ${(o.ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    expect(outcomes.size).toBe(cases.filter((c) => c.expect.exit !== null).length);
  });
});
