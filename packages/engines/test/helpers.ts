import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeStudents,
  decodeText,
  parseCsv,
  referencesFromList,
  studentTable,
  type AnalyzeStudentsOptions,
  type ReferenceValue,
  type StudentData,
} from '@jiance/core';

/** Absolute path of a file under the repository's fixtures/. */
export const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

/** The file read and validated by core, as `analyze` does. */
export function coreData(path: string): StudentData {
  const { text, encoding } = decodeText(readFileSync(path), path);
  return studentTable(parseCsv(text, path, encoding));
}

/**
 * The first path at which two JSON trees differ: numbers may differ by 1e-9 relative (or 1e-9
 * absolute near 0), everything else must be equal; undefined when they agree.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? undefined : `${path}: ${a} vs ${b}`;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? undefined : `${path}: ${a} vs ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka.join(', ')}] vs [${kb.join(', ')}]`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) || a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** A JSON round trip (what results.json holds). */
export const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** A seeded generator (LCG), so the hand-made file is the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A small file with every form core reads that plain SQL would not: units in cells, Chinese
 * grades and years, missing-value codes, full-width digits, thousands separators, duplicate
 * student ids (first occurrence non-canonical or not, ids with white space), out-of-range and
 * invalid values, blank keys and weights, surplus fields, blank and white-space-only lines, a
 * title line above the header, text keys with runs of spaces.
 */
export function handMadeCsv(): string {
  const random = seeded(7);
  const header = 'year,county,school,student,grade,sex,locale,weight,math,va_left,va_right,sleep_hours,anxiety,height_cm,weight_kg,age,fitness_score';
  const rows: string[][] = [];
  let id = 0;
  for (const year of [2022, 2023]) {
    for (const county of ['青山县', '白水县']) {
      for (const school of ['一小', '二小', '三中', '四中']) {
        const grade = school.endsWith('小') ? 4 : 8;
        for (let k = 0; k < 14; k++) {
          const r = (a: number, b: number, digits = 1): string => (a + (b - a) * random()).toFixed(digits);
          rows.push([
            String(year),
            county,
            `${county}${school}`,
            `S${String(++id).padStart(5, '0')}`,
            String(grade),
            random() < 0.5 ? 'M' : 'F',
            random() < 0.5 ? '城区' : '乡村',
            r(0.5, 2, 2),
            r(350, 650),
            r(4.3, 5.3),
            r(4.3, 5.3),
            r(7, 11),
            r(20, 80),
            r(125, 170),
            r(25, 65),
            r(grade + 5, grade + 6.5, 2),
            r(50, 100),
          ]);
        }
      }
    }
  }
  const col = (name: string): number => header.split(',').indexOf(name);
  const set = (row: number, name: string, value: string): void => void (rows[row]![col(name)] = value);
  set(1, 'height_cm', '140cm');
  set(2, 'sleep_hours', '9小时');
  set(3, 'weight_kg', '35kg');
  set(4, 'grade', '四年级');
  set(5, 'year', '2022年');
  set(6, 'math', 'NA');
  set(7, 'math', '缺失');
  set(8, 'va_left', '-');
  set(9, 'math', '５１２．５');
  set(10, 'math', '1,0e2'); // not a number
  set(11, 'sleep_hours', '30'); // out of range
  set(12, 'math', '99999');
  set(13, 'county', '');
  set(14, 'school', '   ');
  set(15, 'weight', '0');
  set(16, 'weight', 'abc');
  set(17, 'year', '20x4');
  set(18, 'grade', '13');
  set(19, 'sex', '男');
  set(20, 'sex', '女');
  set(21, 'sex', 'x');
  set(22, 'locale', '农村');
  set(23, 'locale', '城');
  set(24, 'math', '+512');
  set(25, 'math', '512.');
  set(26, 'math', '.5e3');
  set(27, 'school', '青山县  一小'); // runs of spaces are collapsed by core
  set(28, 'county', ' 青山县');
  set(29, 'fitness_score', '８５');
  // Duplicate ids: a canonical pair, a pair whose first row is excluded, ids differing in white space, across years (not duplicates).
  set(40, 'student', rows[41]![col('student')]!);
  set(42, 'student', rows[43]![col('student')]!);
  set(42, 'county', '');
  set(44, 'student', ` ${rows[45]![col('student')]!}`);
  set(46, 'math', 'NA');
  set(47, 'student', rows[46]![col('student')]!);
  set(130, 'student', rows[20]![col('student')]!); // same id in 2023: not a duplicate
  set(50, 'age', '10岁');
  set(51, 'height_cm', '1.4e2');
  set(52, 'math', '1,234.5');
  set(53, 'anxiety', '');
  set(54, 'va_right', '');
  set(55, 'sleep_hours', '');
  set(56, 'weight', '');
  set(57, 'math', '5\\12'); // a backslash: SQL literals must keep it
  set(58, 'school', `${rows[58]![col('school')]!}\\`);
  set(59, 'student', `${rows[60]![col('student')]!}\u3000`); // an id with an ideographic space: a duplicate of the next
  const lines = rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
  lines.splice(60, 0, '');
  lines.splice(70, 0, '   ');
  lines.splice(80, 0, ',,,,');
  lines.splice(90, 0, '');
  lines[95] += ',surplus,fields';
  lines[96] += ',,';
  return ['青山县与白水县监测学生数据', header, ...lines, ''].join('\n');
}

/** The in-memory analysis of a CSV file, as `analyze` runs it. */
export function inMemory(path: string, options: AnalyzeStudentsOptions): unknown {
  const { text, encoding } = decodeText(readFileSync(path), path);
  return json(analyzeStudents(studentTable(parseCsv(text, path.split('/').pop()!, encoding)), options));
}

/** Reference figures for the two-province fixture: 吉林省's own (with an SE) and the nation's (without). */
export const twoProvinceReferences: ReferenceValue[] = referencesFromList(
  [
    { level: 'province', label: '吉林省反馈', province: '吉林省', measure: 'math', estimate: 495, se: 3 },
    { level: 'nation', label: '全国', measure: 'math', estimate: 500 },
    { level: 'nation', label: '全国', measure: 'vision_poor', year: 2024, estimate: '38.5%' },
  ],
  'engines-test',
);
