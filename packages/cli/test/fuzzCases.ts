/**
 * The cases of the seeded fuzz test (fuzz.test.ts): mutations of the bytes, cells, rows and
 * header of a sample of fixtures/county.csv. Everything here is a pure function of the case
 * seed, so a case can be rebuilt alone (makeCase(k, masterSeed)) and its input written out.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { randomSource, type RandomSource } from '@jiance/core';

const fixtures = new URL('../../../fixtures/', import.meta.url);

/** The county fixture as header cells and data lines (no quotes in it: a comma splits fields). */
export const county = (() => {
  const text = readFileSync(new URL('county.csv', fixtures), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0]!.split(',');
  // The Chinese headers of the GB18030 copy, in the same column order (Excel on Chinese Windows).
  const gb = new TextDecoder('gb18030').decode(readFileSync(new URL('county-gb18030.csv', fixtures)));
  const chinese = gb.slice(0, gb.indexOf('\r\n')).split(',');
  if (chinese.length !== header.length) throw new Error('county-gb18030.csv: not the same columns as county.csv');
  return { header, chinese, rows: lines.slice(1).map((l) => l.split(',')) };
})();

/** The reference figures of the county fixture (--reference), as bytes. */
export const countyReferences = readFileSync(new URL('county.references.csv', fixtures));

/** One fuzz case: its input and how it was made. */
export interface FuzzCase {
  index: number;
  seed: number;
  /** 'library': decodeText → parseCsv → studentTable → analyzeStudents; 'cli': main() as well. */
  path: 'library' | 'cli';
  /** Data rows sampled from the fixture (before the mutations). */
  rows: number;
  /** What was done, in order, each with its position and value (enough to redo it by hand). */
  mutations: string[];
  /** Analysis options used (levels cuts, reference figures). */
  options: { levels: boolean; references: boolean; lang: 'zh' | 'en'; batchRows?: number };
  /**
   * One library case in four is also streamed: its text pushed into a CsvBatcher in pieces of
   * these lengths (small pieceChars, so that the text is cut and parsed many times) and analysed
   * with analyzeBatches; it must give what the whole text gives.
   */
  stream?: { batchRows: number; pieceChars: number; chunks: number[] };
  bytes: Uint8Array;
}

/** The seed of case k under a master seed (splitmix-style mixing: nearby k, unrelated seeds). */
export function caseSeed(master: number, k: number): number {
  let z = (master ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

type Rng = RandomSource;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.integer(0, list.length - 1)]!;
const show = (s: string): string => (s.length > 40 ? `${JSON.stringify(s.slice(0, 20))}…(${s.length} chars)` : JSON.stringify(s));

/** A table being mutated: header and rows as raw field texts (already in CSV form), plus a log. */
interface Grid {
  header: string[] | null;
  rows: string[][];
  log: string[];
}

/** Replacement values of a cell (raw CSV field text). */
const cellValues: readonly string[] = [
  '',
  ' ',
  '   ',
  'NA',
  'N/A',
  '-',
  '—',
  '999999',
  '-1',
  '0',
  '-0',
  '1e308',
  '-1e308',
  '1e-320',
  'Infinity',
  '-Infinity',
  'NaN',
  '0x1F',
  '５２０',
  '３．５',
  '５．０',
  '=1+1',
  '"',
  '"a\nb"',
  '"1,5"',
  '"quoted ""x"""',
  '<script>alert(1)</script>',
  '😀',
  '👨‍👩‍👧',
  '缺考',
  '缺',
  '男',
  '女',
  'M',
  '四年级',
  '八年级',
  '4年级',
  '十三年级',
  '2024年',
  '1900',
  '3000',
  '99999999999999999999',
  '10000',
  '10000.5',
  '-10000',
  '1e12',
  '1.0000001e12',
  '5.0e1',
  '  512  ',
  '1.5.2',
  '١٢٣',
  '\u00a0',
  '\u200b',
  'null',
  'undefined',
  'true',
  '#N/A',
  '#DIV/0!',
  '0.0000001',
  '1/2',
];

const longString = (rng: Rng): string => 'x'.repeat(10_000 + rng.integer(0, 100));

/** Columns where a bad value matters most (keys of the design, the weight, the subject). */
const keyColumns = ['year', 'province', 'county', 'school', 'student', 'grade', 'sex', 'locale', 'weight', 'math'];

function columnIndex(grid: Grid, rng: Rng): number {
  const width = grid.header?.length ?? county.header.length;
  if (rng.uniform() < 0.6) {
    const i = county.header.indexOf(pick(rng, keyColumns));
    if (i >= 0 && i < width) return i;
  }
  return rng.integer(0, Math.max(0, width - 1));
}

const cellMutations: ((g: Grid, rng: Rng) => void)[] = [
  // a cell replaced by one of the listed values (a key column more often)
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const c = columnIndex(g, rng);
    const v = rng.uniform() < 0.05 ? longString(rng) : pick(rng, cellValues);
    const row = g.rows[r]!;
    if (c < row.length) row[c] = v;
    g.log.push(`cell row ${r} col ${c} := ${show(v)}`);
  },
  // the same value in one column of many rows (a whole column blank, invalid or constant)
  (g, rng) => {
    const c = columnIndex(g, rng);
    const v = rng.uniform() < 0.5 ? pick(rng, ['', 'NA', '0', '-1', 'abc', '1e308']) : (g.rows[0]?.[c] ?? '');
    const share = pick(rng, [1, 1, 0.5, 0.9]);
    let n = 0;
    for (const row of g.rows) if (c < row.length && rng.uniform() < share) (row[c] = v), n++;
    g.log.push(`column ${c} := ${show(v)} in ${n} rows`);
  },
  // a student moved to another (or a new) school
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const c = county.header.indexOf('school');
    const v = rng.uniform() < 0.5 ? pick(rng, county.rows)[c]! : pick(rng, ['新学校', '青山县第一小学 ', '青山县第一小学（分校）', 'X']);
    if (c < g.rows[r]!.length) g.rows[r]![c] = v;
    g.log.push(`school of row ${r} := ${show(v)}`);
  },
  // a student id repeated (same year or not)
  (g, rng) => {
    if (g.rows.length < 2) return;
    const a = rng.integer(0, g.rows.length - 1);
    const b = rng.integer(0, g.rows.length - 1);
    const c = county.header.indexOf('student');
    const y = county.header.indexOf('year');
    if (c < g.rows[a]!.length && c < g.rows[b]!.length) g.rows[b]![c] = g.rows[a]![c]!;
    const sameYear = rng.uniform() < 0.5;
    if (sameYear && y < g.rows[a]!.length && y < g.rows[b]!.length) g.rows[b]![y] = g.rows[a]![y]!;
    g.log.push(`student id of row ${a} copied to row ${b}${sameYear ? ' (same year)' : ''}`);
  },
  // a numeric cell nudged to a boundary of its plausible range
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const c = rng.integer(8, county.header.length - 1);
    const v = pick(rng, ['0', '0.0001', '-0.0001', '1000', '3.0', '5.3', '7.2', '24', '100', '0.5', '3', '3.01', '250', '18', '6']);
    if (c < g.rows[r]!.length) g.rows[r]![c] = v;
    g.log.push(`cell row ${r} col ${c} := ${show(v)} (boundary)`);
  },
];

const rowMutations: ((g: Grid, rng: Rng) => void)[] = [
  // duplicate a row
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const to = rng.integer(0, g.rows.length);
    g.rows.splice(to, 0, [...g.rows[r]!]);
    g.log.push(`row ${r} duplicated at ${to}`);
  },
  // delete rows
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const n = rng.uniform() < 0.8 ? 1 : rng.integer(1, g.rows.length);
    g.rows.splice(r, n);
    g.log.push(`rows ${r}..${r + n - 1} deleted`);
  },
  // drop a field of a row
  (g, rng) => {
    if (!g.rows.length) return;
    const r = rng.integer(0, g.rows.length - 1);
    const c = rng.integer(0, Math.max(0, g.rows[r]!.length - 1));
    g.rows[r]!.splice(c, 1);
    g.log.push(`field ${c} of row ${r} dropped`);
  },
  // add fields to a row (or to the header)
  (g, rng) => {
    const n = rng.integer(1, 3);
    const values = Array.from({ length: n }, () => pick(rng, ['', 'x', '1', '备注']));
    if (g.header && rng.uniform() < 0.3) {
      g.header.push(...values.map((v, i) => (v === '' ? '' : `extra${i}`)));
      g.log.push(`header +${n} fields`);
    } else if (g.rows.length) {
      const r = rng.integer(0, g.rows.length - 1);
      g.rows[r]!.push(...values);
      g.log.push(`row ${r} +${n} fields ${show(values.join(','))}`);
    }
  },
  // swap two columns' header names
  (g, rng) => {
    if (!g.header || g.header.length < 2) return;
    const a = rng.integer(0, g.header.length - 1);
    const b = rng.integer(0, g.header.length - 1);
    [g.header[a], g.header[b]] = [g.header[b]!, g.header[a]!];
    g.log.push(`header names ${a} and ${b} swapped`);
  },
  // delete the header
  (g) => {
    if (!g.header) return;
    g.header = null;
    g.log.push('header deleted');
  },
  // the header repeated mid-file
  (g, rng) => {
    const at = rng.integer(0, g.rows.length);
    g.rows.splice(at, 0, [...(g.header ?? county.header)]);
    g.log.push(`header repeated at row ${at}`);
  },
  // blank lines (empty, spaces, only commas)
  (g, rng) => {
    const n = rng.integer(1, 5);
    for (let k = 0; k < n; k++) {
      const at = rng.integer(0, g.rows.length);
      const blank = pick(rng, [[''], ['   '], Array.from({ length: county.header.length }, () => ''), ['\t']]);
      g.rows.splice(at, 0, blank);
    }
    g.log.push(`${n} blank lines`);
  },
  // keep very few rows (1–3) or one school only
  (g, rng) => {
    if (rng.uniform() < 0.5) {
      const n = rng.integer(1, 3);
      g.rows = g.rows.slice(0, n);
      g.log.push(`only the first ${n} rows kept`);
    } else if (g.rows.length) {
      const c = county.header.indexOf('school');
      const school = g.rows[rng.integer(0, g.rows.length - 1)]![c];
      g.rows = g.rows.filter((r) => r[c] === school);
      g.log.push(`only school ${show(school ?? '')} kept`);
    }
  },
];

const headerMutations: ((g: Grid, rng: Rng) => void)[] = [
  // misspell a header (one character replaced, added or removed; case; padding)
  (g, rng) => {
    if (!g.header) return;
    const c = rng.integer(0, g.header.length - 1);
    const h = g.header[c]!;
    const k = rng.integer(0, Math.max(0, h.length - 1));
    const v = pick(rng, [
      h.slice(0, k) + h.slice(k + 1),
      h.slice(0, k) + pick(rng, ['x', '_', ' ', '名', 'Ａ']) + h.slice(k + 1),
      h.toUpperCase(),
      ` ${h} `,
      `${h}\u3000`,
      `"${h}"`,
      h + h,
    ]);
    g.header[c] = v;
    g.log.push(`header ${c} ${show(h)} -> ${show(v)}`);
  },
  // duplicate a header
  (g, rng) => {
    if (!g.header) return;
    const a = rng.integer(0, g.header.length - 1);
    const b = rng.integer(0, g.header.length - 1);
    g.header[b] = g.header[a]!;
    g.log.push(`header ${b} := header ${a} ${show(g.header[a]!)}`);
  },
  // Chinese header names (the GB18030 copy's), all or some; sometimes Chinese grade / sex values too
  (g, rng) => {
    if (!g.header) return;
    const all = rng.uniform() < 0.6;
    g.header = g.header.map((h, i) => (all || rng.uniform() < 0.5 ? (county.chinese[county.header.indexOf(h)] ?? county.chinese[i] ?? h) : h));
    let values = '';
    if (rng.uniform() < 0.5) {
      const gi = county.header.indexOf('grade');
      const si = county.header.indexOf('sex');
      for (const row of g.rows) {
        if (row[gi] === '4') row[gi] = '四年级';
        else if (row[gi] === '8') row[gi] = '八年级';
        if (row[si] === 'M') row[si] = '男';
        else if (row[si] === 'F') row[si] = '女';
      }
      values = ' and Chinese grades and sexes';
    }
    g.log.push(`${all ? 'all' : 'some'} headers Chinese${values}`);
  },
  // a header emptied
  (g, rng) => {
    if (!g.header) return;
    const c = rng.integer(0, g.header.length - 1);
    g.header[c] = pick(rng, ['', ' ', 'Unnamed: 3', 'column']);
    g.log.push(`header ${c} := ${show(g.header[c]!)}`);
  },
];

type ByteMutation = (bytes: Uint8Array, rng: Rng, log: string[]) => Uint8Array;
const concat = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
};
const insertAt = (b: Uint8Array, at: number, add: ArrayLike<number>): Uint8Array => concat(b.subarray(0, at), add, b.subarray(at));
const pos = (b: Uint8Array, rng: Rng): number => rng.integer(0, b.length);

const byteMutations: ByteMutation[] = [
  (b, rng, log) => {
    if (!b.length) return b;
    const at = rng.integer(0, b.length - 1);
    const bit = rng.integer(0, 7);
    const out = b.slice();
    out[at] = out[at]! ^ (1 << bit);
    log.push(`byte ${at} bit ${bit} flipped`);
    return out;
  },
  (b, rng, log) => {
    const at = pos(b, rng);
    const v = rng.integer(0, 255);
    log.push(`byte 0x${v.toString(16)} inserted at ${at}`);
    return insertAt(b, at, [v]);
  },
  (b, rng, log) => {
    if (!b.length) return b;
    const at = rng.integer(0, b.length - 1);
    const n = rng.uniform() < 0.8 ? 1 : rng.integer(1, 64);
    log.push(`bytes ${at}..${at + n - 1} deleted`);
    return concat(b.subarray(0, at), b.subarray(at + n));
  },
  (b, rng, log) => {
    const at = rng.uniform() < 0.3 ? rng.integer(8192, Math.max(8192, b.length)) : pos(b, rng);
    const where = Math.min(at, b.length);
    log.push(`NUL inserted at ${where}`);
    return insertAt(b, where, [0]);
  },
  (b, rng, log) => {
    const at = pos(b, rng);
    log.push(`0xFF inserted at ${at}`);
    return insertAt(b, at, [0xff]);
  },
  (b, rng, log) => {
    const at = pos(b, rng);
    log.push(`UTF-8 BOM inserted at ${at}`);
    return insertAt(b, at, [0xef, 0xbb, 0xbf]);
  },
  (b, rng, log) => {
    const at = pos(b, rng);
    log.push(`truncated at byte ${at}`);
    return b.slice(0, at);
  },
  (b, rng, log) => {
    // GB18030 bytes spliced into UTF-8 text (a pasted cell from another file)
    const at = pos(b, rng);
    const text = pick(rng, ['青山县', '学校', '男', '四年级', '𠀀', '数学']);
    log.push(`GB18030 bytes of ${show(text)} spliced at ${at}`);
    return insertAt(b, at, iconv.encode(text, 'gb18030'));
  },
];

/** Whole-file re-encodings of the text (done instead of UTF-8). */
const encodings = ['utf-8', 'utf-8', 'utf-8', 'utf-8', 'utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'] as const;

function encode(text: string, encoding: (typeof encodings)[number]): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(text));
    case 'gb18030':
      return new Uint8Array(iconv.encode(text, 'gb18030'));
    case 'utf-16le':
      return concat([0xff, 0xfe], iconv.encode(text, 'utf-16le'));
  }
}

/** Options of {@link makeCase}. */
export interface CaseOptions {
  /** One case in this many goes through the CLI too (default 40). */
  cliEvery?: number;
}

/**
 * Builds case k: a sample of the fixture (header + 40–200 rows, sometimes 1–39), 1–4 mutations
 * of cells, rows, header and bytes, a line ending, an encoding and analysis options, all
 * drawn from the case's own seed.
 */
export function makeCase(k: number, master: number, options: CaseOptions = {}): FuzzCase {
  const seed = caseSeed(master, k);
  const rng = randomSource(seed);
  const cliEvery = options.cliEvery ?? 40;
  const path = k % cliEvery === cliEvery - 1 ? 'cli' : 'library';
  const all = county.rows;
  const n = rng.uniform() < 0.1 ? rng.integer(1, 39) : rng.integer(40, 200);
  let sample: string[][];
  if (rng.uniform() < 0.5) {
    // a contiguous block (whole schools and years)
    const start = rng.integer(0, all.length - n);
    sample = all.slice(start, start + n).map((r) => [...r]);
  } else {
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(rng.integer(0, all.length - 1));
    sample = [...chosen].sort((a, b) => a - b).map((i) => [...all[i]!]);
  }
  const grid: Grid = { header: [...county.header], rows: sample, log: [`sample: ${n} rows`] };
  const count = rng.integer(1, 4);
  const bytePlan: ByteMutation[] = [];
  for (let m = 0; m < count; m++) {
    const u = rng.uniform();
    if (u < 0.38) pick(rng, cellMutations)(grid, rng);
    else if (u < 0.66) pick(rng, rowMutations)(grid, rng);
    else if (u < 0.82) pick(rng, headerMutations)(grid, rng);
    else bytePlan.push(pick(rng, byteMutations));
  }
  const eol = rng.uniform() < 0.2 ? '\r\n' : '\n';
  const delimiter = rng.uniform() < 0.05 ? pick(rng, ['\t', ';']) : ',';
  const finalEol = rng.uniform() < 0.9;
  const lines = [...(grid.header ? [grid.header] : []), ...grid.rows].map((r) => r.join(delimiter));
  const text = lines.join(eol) + (finalEol ? eol : '');
  const encoding = pick(rng, encodings);
  const notes = [
    ...(eol === '\r\n' ? ['CRLF'] : []),
    ...(delimiter !== ',' ? [`delimiter ${JSON.stringify(delimiter)}`] : []),
    ...(finalEol ? [] : ['no final line break']),
    ...(encoding !== 'utf-8' ? [`encoded ${encoding}`] : []),
  ];
  let bytes = encode(text, encoding);
  const byteLog: string[] = [];
  for (const mutate of bytePlan) bytes = mutate(bytes, rng, byteLog);
  const lang = rng.uniform() < 0.5 ? 'zh' : 'en';
  const caseOptions: FuzzCase['options'] = { levels: rng.uniform() < 0.3, references: rng.uniform() < 0.3, lang };
  if (path === 'cli' && rng.uniform() < 0.3) caseOptions.batchRows = rng.integer(7, 80);
  const stream =
    path === 'library' && k % 4 === 1
      ? { batchRows: rng.integer(1, 60), pieceChars: rng.integer(1, 3000), chunks: Array.from({ length: 64 }, () => rng.integer(1, 4000)) }
      : undefined;
  return { index: k, seed, path, rows: n, mutations: [...grid.log, ...notes, ...byteLog], options: caseOptions, ...(stream ? { stream } : {}), bytes };
}

// ---------------------------------------------------------------------------------------------
// The oracle: which nulls and non-finite numbers of the results are explained, and whether the
// row counts add up. The rule is stated in fuzz.test.ts's header; this is its implementation.
// ---------------------------------------------------------------------------------------------

type Json = Record<string, any>;
/** What a condition sees: the object holding the value, the path of keys, and the whole results. */
interface Where {
  holder: Json;
  /** The array holding `holder` (when it is an element of one), e.g. a cell's `counties`. */
  list: Json[] | undefined;
  path: string;
  results: Json;
  /** Every object from the results down to `holder` (inclusive). */
  ancestors: Json[];
}

const lt2 = (x: unknown): boolean => typeof x === 'number' && x < 2;
const estimableCount = (list: Json[] | undefined): number => (list ?? []).filter((x) => x?.estimable === true).length;

/**
 * (C) Fields whose null (or, where marked, non-finite value) is explained by a documented
 * condition on the object holding it. Key: the field name; `when` gets that object.
 */
export const conditions: Record<string, { why: string; when: (w: Where) => boolean }> = {
  sd: { why: 'CountyAchievement/SchoolAchievement.sd: null for fewer than 2 students', when: (w) => lt2(w.holder.students) },
  logLik: {
    why: 'RandomInterceptFit.logLik: null when every school is internally constant (note "no-within-school-variance": ICC 1, the likelihood has no maximum)',
    when: (w) => w.holder.note === 'no-within-school-variance',
  },
  meanSE: { why: 'SchoolEffect.meanSE: null for a single student', when: (w) => lt2(w.holder.students) },
  se: {
    why: 'RateCell.se: no design SE from a single school (rateClustered: "flagged by schools = 1")',
    when: (w) => 'cases' in w.holder && lt2(w.holder.schools),
  },
  designEffect: {
    why: 'RateCell.designEffect: null when the SRS variance is 0 (rate 0 or 1) or there is no design SE (one school)',
    when: (w) => !(w.holder.rate > 0 && w.holder.rate < 1) || lt2(w.holder.schools),
  },
  lower: { why: 'DesignMean interval: not defined with df = 0 (every stratum a single PSU, lonelyStrata)', when: (w) => w.holder.df === 0 },
  upper: { why: 'DesignMean interval: not defined with df = 0 (every stratum a single PSU, lonelyStrata)', when: (w) => w.holder.df === 0 },
  rank: { why: 'AreaBase.rank: null with fewer than two estimable areas in the cell', when: (w) => estimableCount(w.list) < 2 },
  vsProvince: { why: 'CountyComparison.vsProvince: null with fewer than two estimable counties in the province', when: (w) => estimableCount(w.list) < 2 },
  vsNation: { why: 'ProvinceComparison.vsNation: null with fewer than two estimable provinces', when: (w) => estimableCount(w.list) < 2 },
  firstToLast: {
    why: 'RateTrend: null with fewer than two usable years (changes is empty)',
    when: (w) => Array.isArray(w.holder.changes) && w.holder.changes.length === 0,
  },
  cochranArmitage: {
    why: 'RateTrend: null with fewer than two usable years (changes is empty)',
    when: (w) => Array.isArray(w.holder.changes) && w.holder.changes.length === 0,
  },
  designAdjusted: {
    why: 'RateTrend: null with fewer than two usable years (changes is empty)',
    when: (w) => Array.isArray(w.holder.changes) && w.holder.changes.length === 0,
  },
  annualChange: {
    why: 'RateTrend: null with fewer than two usable years (changes is empty)',
    when: (w) => Array.isArray(w.holder.changes) && w.holder.changes.length === 0,
  },
  cv: {
    why: 'CountyBetweenSchool.cv: null for fewer than two schools or a zero mean',
    when: (w) => lt2(w.holder.schools) || (w.holder.schoolsDetail ?? []).reduce((s: number, d: Json) => s + d.students * d.mean, 0) === 0,
  },
  level: { why: 'CountyBetweenSchool.level: null when the REML fit is not estimable (its reason is given)', when: (w) => w.holder.reml?.estimable === false },
  weighted: { why: 'CountyBetweenSchool.weighted: null for data without a weight column', when: (w) => w.results.data?.weighted === false },
  reference: { why: "ReferenceComparison.reference: null for the data's own shares (province, nation)", when: (w) => w.holder.source !== 'reference' },
  mean: {
    why: "DomainMean.mean: null with fewer than two schools; BalancedCheck.mean: null when the level can't be assessed or the share decides",
    when: (w) =>
      ('domain' in w.holder && lt2(w.holder.schools)) ||
      ('levelStatus' in w.holder && (w.holder.levelStatus === 'not-assessable' || w.holder.definition === 'share')),
  },
  share: {
    why: "BalancedCheck.share: null when the county's level cell is withheld; CountyComparisonSummary.share: null for scores and rates",
    when: (w) =>
      ('levelStatus' in w.holder && (w.holder.levelStatus === 'not-assessable' || w.holder.definition === 'mean')) ||
      ('cells' in w.holder && 'usage' in w.holder),
  },
  icc: {
    why: "BalancedCheck.icc: null when the ICC can't be assessed (iccStatus not-assessable)",
    when: (w) => 'iccStatus' in w.holder && w.holder.iccStatus === 'not-assessable',
  },
  shareLine: { why: "shareLine: null with the 'mean' definition", when: (w) => w.holder.definition === 'mean' },
  effectSize: {
    why: 'ComparisonWithPart / Difference.effectSize: null when the student SD of the province (nation) is null or 0',
    when: (w) => {
      const cell = [...w.ancestors].reverse().find((a) => 'provinceSD' in a || 'nationSD' in a);
      return cell !== undefined && !(cell.provinceSD ?? cell.nationSD);
    },
  },
  provinceSD: {
    why: 'YearGradeComparison.provinceSD: null for fewer than 2 students',
    when: (w) => (w.holder.counties ?? []).reduce((s: number, c: Json) => s + c.students, 0) < 2,
  },
  nationSD: {
    why: 'NationComparison.nationSD: null for fewer than 2 students',
    when: (w) => (w.holder.provinces ?? []).reduce((s: number, c: Json) => s + c.students, 0) < 2,
  },
  weight: { why: 'data.design.weight: null without a weight column', when: (w) => w.path === '$.data.design.weight' && w.results.data?.weighted === false },
  better: { why: 'HealthMeasureSummary.better: null for BMI (neither direction is better)', when: (w) => w.holder.measure === 'bmi' },
  anxiety: {
    why: 'HealthSection.anxiety: null without an anxiety score',
    when: (w) => w.path === '$.health.anxiety' && !(w.results.data?.roles ?? []).includes('anxiety'),
  },
};

/**
 * (O) Fields typed `T | null` whose null is documented as "not applicable / not given / pooled"
 * and carries no number: null only (a NaN or ±Infinity there is never explained). `under`: only
 * at paths matching it (a key alone would be too broad).
 */
export const optional: Record<string, { why: string; under?: RegExp }> = {
  province: { why: 'grouping label (KeyLabel): null = not in the data (no 省份 column, or blank), or pooled' },
  county: { why: 'grouping label: null for a province’s pooled cell' },
  year: { why: 'grouping label: null = all years pooled, or no year column' },
  grade: { why: 'grouping label: null = all grades pooled, or no grade column' },
  domain: { why: 'LevelCell.domain: null = all the students of the county (or province)' },
  reason: { why: 'reason: null = nothing withheld (the figures are given)' },
  indicator: { why: 'CountyComparisonSummary.indicator: null for a subject’s scores' },
  strata: { why: 'design.strata: null = no strata' },
  replicates: { why: 'data.design.replicates: null = no replicate weights', under: /^\$\.data\.design\.replicates$/ },
  cut: { why: 'BalancedCheck.cut: null when the grade has no cut scores', under: /^\$\.levels\.balanced\[\d+\]\.cut$/ },
  valueSE: { why: 'ReferenceDifference.valueSE: null when the figure was published without an SE' },
  rates: { why: 'RateTrend.rates[k]: null where that year’s cell is withheld (suppressed: true in rates.cells)', under: /\.trend\.rates\[\d+\]$/ },
  trend: {
    why: 'DesignTrend: null with fewer than two years or a year with a single school (designTrend)',
    under: /^\$\.health\.measures\[\d+\]\.trends\[\d+\]\.trend$/,
  },
  lowest: { why: 'LevelTrend.lowest: a DesignTrend, null as above', under: /^\$\.levels\.subjects\[\d+\]\.trends\[\d+\]\.lowest$/ },
  pass: { why: 'LevelTrend.pass: a DesignTrend, null as above', under: /^\$\.levels\.subjects\[\d+\]\.trends\[\d+\]\.pass$/ },
  against: { why: 'Finding.against: null when the finding compares with nothing', under: /^\$\.findings\[\d+\]\.against$/ },
  baselineRun: { why: 'Ledger.baselineRun: null without --baseline', under: /^\$\.ledger\.baselineRun$/ },
  findings: { why: 'Ledger.findings: null without --baseline', under: /^\$\.ledger\.findings$/ },
};
/** Optional fields of a whole record, by path. */
const optionalUnder: [RegExp, string][] = [
  [
    /^\$\.references\.values\[\d+\]\.(province|measure|level|year|grade|se|lower|upper|source|origin)$/,
    'ReferenceValue: a column the reference file left blank (all years, all grades, no SE, no interval)',
  ],
  [/^\$\.findings\[\d+\]\.figures\.(estimate|lower|upper)$/, 'Finding.figures: null when a target reads a direction'],
  [/\.cells\[\d+\]\.keys\.\w+$/, 'RateCell.keys: grouping label, null = pooled / not in the data'],
];

/** (S) An object that states why its figures are missing. */
const states = (o: Json): boolean =>
  o.estimable === false ||
  o.suppressed === true ||
  (typeof o.reason === 'string' && o.reason !== '') ||
  (typeof o.note === 'string' && o.note !== '') ||
  o.status === 'not-assessable';

/** An unexplained value: where, what, and the rule it broke. */
export interface Unexplained {
  path: string;
  value: string;
}

/**
 * Walks the results and returns every null or non-finite number the rule does not explain.
 * `json`: the results as read from results.json (NaN and ±Infinity are already null there).
 */
export function unexplainedValues(results: Json): Unexplained[] {
  const out: Unexplained[] = [];
  // `record`: the objects from the nearest array element down to the holder (S looks there).
  const walk = (v: any, key: string, path: string, holder: Json, list: Json[] | undefined, record: Json[], ancestors: Json[]): void => {
    const nonFinite = typeof v === 'number' && !Number.isFinite(v);
    if (v === null || nonFinite) {
      if (record.some(states)) return;
      const c = conditions[key];
      if (c?.when({ holder, list, path, results, ancestors })) return;
      const o = optional[key];
      if (!nonFinite && ((o && (!o.under || o.under.test(path))) || optionalUnder.some(([re]) => re.test(path)))) return;
      out.push({ path, value: String(v) });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (x !== null && typeof x === 'object' && !Array.isArray(x)) walk(x, key, `${path}[${i}]`, holder, v, [x], ancestors);
        else walk(x, key, `${path}[${i}]`, holder, list, record, ancestors);
      });
    } else if (v && typeof v === 'object') {
      const inner = record[record.length - 1] === v ? record : [...record, v];
      const below = [...ancestors, v];
      for (const [k, x] of Object.entries(v)) walk(x, k, `${path}.${k}`, v, list, inner, below);
    }
  };
  walk(results, '', '$', {}, undefined, [results], []);
  return out;
}

/**
 * Every row accounted for: dataQuality (rowsRead = rowsKept + rowsExcluded, rowsExcluded =
 * Σ excludedRows) and every usage object anywhere in the results (rowsRead = dataQuality.rowsRead
 * = rowsUsed + Σ excluded, counts positive integers). Returns the problems found.
 */
export function countProblems(results: Json): string[] {
  const problems: string[] = [];
  const q = results.dataQuality;
  const int = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;
  if (!q || !int(q.rowsRead)) return ['dataQuality.rowsRead missing'];
  const sumExcluded = (q.excludedRows as Json[]).reduce((s, e) => s + e.count, 0);
  if (q.rowsRead !== q.rowsKept + q.rowsExcluded)
    problems.push(`dataQuality: rowsRead ${q.rowsRead} ≠ rowsKept ${q.rowsKept} + rowsExcluded ${q.rowsExcluded}`);
  if (q.rowsExcluded !== sumExcluded) problems.push(`dataQuality: rowsExcluded ${q.rowsExcluded} ≠ Σ excludedRows ${sumExcluded}`);
  if (results.data?.rowsRead !== q.rowsRead || results.data?.rowsKept !== q.rowsKept) problems.push('data.rowsRead/rowsKept differ from dataQuality');
  let usages = 0;
  const walk = (v: any, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if ('rowsUsed' in v && 'excluded' in v) {
        usages++;
        const excluded = (v.excluded as Json[]).reduce((s, e) => s + e.count, 0);
        if (!(v.excluded as Json[]).every((e) => int(e.count) && e.count > 0)) problems.push(`${path}: an excluded count is not a positive integer`);
        if (v.rowsRead !== q.rowsRead) problems.push(`${path}: rowsRead ${v.rowsRead} ≠ dataQuality.rowsRead ${q.rowsRead}`);
        if (v.rowsRead !== v.rowsUsed + excluded)
          problems.push(`${path} (${v.analysis}): rowsRead ${v.rowsRead} ≠ rowsUsed ${v.rowsUsed} + Σ excluded ${excluded}`);
      }
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  walk(results, '$');
  if (usages === 0 && (results.achievement?.length ?? 0) > 0) problems.push('no usage objects found');
  return problems;
}

/**
 * Verdicts without uncertainty: every object with a `mark` of 'higher', 'similar' or 'lower' (a
 * county or province against its total, a pair, a reference figure, a gap) must rest on a
 * positive finite `se` — with se = 0 (e.g. every stratum a single school, so no variance is
 * estimable) nothing can be called higher, lower or the same; such a mark is 'not-assessable'
 * with its `reason`. Returns the paths that break it.
 */
export function claimProblems(results: Json): string[] {
  const out: string[] = [];
  const walk = (v: any, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if ((v.mark === 'higher' || v.mark === 'lower' || v.mark === 'similar') && 'se' in v && !(typeof v.se === 'number' && v.se > 0 && Number.isFinite(v.se)))
        out.push(`${path}: mark '${v.mark}' with se ${v.se}`);
      if (v.mark === 'not-assessable' && !v.reason) out.push(`${path}: mark 'not-assessable' without a reason`);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  walk(results, '$');
  return out;
}
