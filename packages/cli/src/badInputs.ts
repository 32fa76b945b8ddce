import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { messages, type RuleId } from '@jiance/core';
import { chineseHeaders } from './writeFixtures.js';

/**
 * The bad-input corpus (fixtures/bad/): files a user may really give `analyze` — empty, binary,
 * the wrong kind of workbook, broken quotes, misspelt headers, every value rule, extreme sizes,
 * hostile names — each with what must happen: the exit code and the exact message (exit 2), or
 * the rows read and excluded by rule (exit 0). packages/cli/test/badInputs.test.ts runs every
 * case through the CLI in a child process with its time limit.
 */
export interface BadInput {
  /** The file's name in fixtures/bad/ (or in a temporary folder for the generated ones). */
  file: string;
  /** What the case is, in a few words. */
  what: string;
  /** The file's bytes, built from the county fixture's text. */
  build: (county: CountyText) => Uint8Array | Promise<Uint8Array>;
  /** Too large to commit (over 1 MB): built in a temporary folder by the test. */
  generated?: boolean;
  /** Extra CLI arguments (a config file of the corpus, --sheet…). */
  args?: string[];
  /** Wall-clock limit of the whole run (node start, analysis, report), seconds. */
  seconds?: number;
  expect: BadInputOutcome;
}

/** What must happen. */
export type BadInputOutcome =
  | { exit: 2; message: string }
  | { exit: 2; messageStart: string }
  | {
      exit: 0;
      rowsRead: number;
      rowsExcluded?: number;
      /** Rows and values left out, by rule, over the data-quality listing (excluded rows and unusable values). */
      rules?: Partial<Record<RuleId, number>>;
      /** Blank values by column. */
      blank?: Record<string, number>;
      /** Rules an analysis leaves rows out by (its usage or warnings: one-student schools, no cut scores…), with the largest count of each. */
      usage?: Partial<Record<RuleId, number>>;
    }
  /** A file another case uses (a config), not run itself. */
  | { exit: null };

/** The county fixture's lines (header first), the base of most cases. */
export interface CountyText {
  header: string[];
  rows: string[][];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const csv = (lines: readonly (readonly string[])[], eol = '\n'): string => lines.map((l) => l.join(',')).join(eol) + eol;
/** The county's rows from file row 202 on: the fixture's own planted defects (rows 12–200) are before them. */
const clean = (c: CountyText): string[][] => c.rows.slice(200);
/** n clean rows of the county (2021, grade 4, five primary schools), as CSV text, edited. */
const sample = (c: CountyText, n = 120, edit?: (rows: string[][], col: (name: string) => number) => void): string => {
  const rows = clean(c)
    .slice(0, n)
    .map((r) => [...r]);
  edit?.(rows, (name) => c.header.indexOf(name));
  return csv([c.header, ...rows]);
};
const zh = (m: { zh: string }): string => m.zh;

async function workbook(fill: (sheet: ExcelJS.Worksheet, c: CountyText) => void, c: CountyText, name = '学生数据'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // Fixed times, so the corpus workbooks differ only where the zip stores its own.
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  fill(wb.addWorksheet(name), c);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const typed = (cells: readonly string[]): (string | number)[] => cells.map((x) => (x !== '' && Number.isFinite(Number(x)) ? Number(x) : x));

/** A minimal OLE2 (Compound File) header, as the first sector of an old .xls or an encrypted .xlsx. */
function ole2(streamName: string | null): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (streamName) bytes.set(new Uint8Array(Buffer.from(streamName, 'utf16le')), 1024);
  else bytes.set(new Uint8Array(Buffer.from('Workbook', 'utf16le')), 1024);
  return bytes;
}

/** Seeded bytes (xorshift32): the same "random" file every time. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let k = 0; k < n; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[k] = x & 0xff;
  }
  return out;
}

/** Every case of the corpus, in the order of fixtures/bad/README.md. */
export function badInputs(): BadInput[] {
  const cases: BadInput[] = [];
  const add = (c: BadInput): void => void cases.push(c);
  const ok = (rowsRead: number, rules: Partial<Record<RuleId, number>> = {}, rowsExcluded?: number): BadInputOutcome => ({
    exit: 0,
    rowsRead,
    rules,
    ...(rowsExcluded === undefined ? {} : { rowsExcluded }),
  });
  const fails = (message: string): BadInputOutcome => ({ exit: 2, message });

  // ---- nothing to read
  add({ file: 'empty.csv', what: 'zero bytes', build: () => new Uint8Array(0), expect: fails(zh(messages.emptyFile('empty.csv'))) });
  add({
    file: 'bom-only.csv',
    what: 'a UTF-8 byte-order mark and nothing else',
    build: () => new Uint8Array([0xef, 0xbb, 0xbf]),
    expect: fails(zh(messages.emptyFile('bom-only.csv'))),
  });
  add({
    file: 'blank-lines.csv',
    what: 'only spaces and line breaks',
    build: () => utf8(' \n\n  \r\n\t\n'),
    expect: fails(zh(messages.emptyFile('blank-lines.csv'))),
  });
  add({
    file: 'header-only.csv',
    what: 'the header row and no student',
    build: (c) => utf8(csv([c.header])),
    expect: fails(zh(messages.noDataRows('header-only.csv', 18))),
  });
  add({
    file: 'header-only-gb18030.csv',
    what: 'Chinese headers in GB18030, CRLF, no student',
    build: (c) => new Uint8Array(iconv.encode(csv([c.header.map((h) => chineseHeaders[h as keyof typeof chineseHeaders])], '\r\n'), 'gb18030')),
    expect: fails(zh(messages.noDataRows('header-only-gb18030.csv', 18))),
  });
  add({
    file: 'header-only.xlsx',
    what: 'a workbook with the header row only',
    build: (c) => workbook((s) => void s.addRow(c.header), c),
    expect: fails(zh(messages.noDataRows('header-only.xlsx', 18))),
  });
  add({
    file: 'empty-sheet.xlsx',
    what: 'a workbook whose first sheet is empty',
    build: (c) => workbook(() => undefined, c),
    expect: fails(zh(messages.emptyFile('empty-sheet.xlsx'))),
  });

  // ---- not a data file
  add({ file: 'binary.csv', what: '4 KB of random bytes named .csv', build: () => noise(4096, 20), expect: fails(zh(messages.binaryNotText('binary.csv'))) });
  add({
    file: 'picture.png',
    what: 'a PNG image',
    build: () =>
      new Uint8Array([
        0x89,
        0x50,
        0x4e,
        0x47,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        0,
        0,
        0,
        0x0d,
        0x49,
        0x48,
        0x44,
        0x52,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        8,
        6,
        0,
        0,
        0,
        0x1f,
        0x15,
        0xc4,
        0x89,
        ...noise(64, 7),
      ]),
    expect: fails(zh(messages.binaryNotText('picture.png'))),
  });
  add({
    file: 'old-excel.xls',
    what: 'an Excel 97–2003 workbook (OLE2)',
    build: () => ole2(null),
    expect: fails(zh(messages.unsupportedFormat('old-excel.xls'))),
  });
  add({
    file: 'password.xlsx',
    what: 'an .xlsx with an opening password (an OLE2 EncryptedPackage)',
    build: () => ole2('EncryptedPackage'),
    expect: fails(zh(messages.encryptedWorkbook('password.xlsx'))),
  });
  add({
    file: 'truncated.xlsx',
    what: 'the first 3 KB of a workbook (a download cut short)',
    build: async (c) =>
      (
        await workbook(
          (s) =>
            clean(c)
              .slice(0, 50)
              .forEach((r) => s.addRow(typed(r))),
          c,
        )
      ).subarray(0, 3000),
    expect: { exit: 2, messageStart: '“truncated.xlsx”无法按 Excel (.xlsx) 格式读取' },
  });
  add({
    file: 'zip-not-workbook.xlsx',
    what: 'a zip that holds a text file, not a workbook',
    build: () => zipOf('readme.txt', 'not a workbook'),
    expect: { exit: 2, messageStart: '“zip-not-workbook.xlsx”无法按 Excel (.xlsx) 格式读取' },
  });
  add({
    file: 'corrupt.parquet',
    what: 'PAR1 and then garbage',
    build: () => new Uint8Array([...utf8('PAR1'), ...noise(200, 3), ...utf8('PAR1')]),
    expect: { exit: 2, messageStart: '“corrupt.parquet”无法按 Parquet 格式读取' },
  });
  add({
    file: 'corrupt.arrow',
    what: 'ARROW1 and then garbage',
    build: () => new Uint8Array([...utf8('ARROW1\0\0'), ...noise(200, 4)]),
    expect: { exit: 2, messageStart: '“corrupt.arrow”无法按 Arrow IPC 格式读取' },
  });
  add({
    file: 'web-page.csv',
    what: 'an HTML page saved as .csv (a web system\'s "export")',
    build: () => utf8('<!DOCTYPE html>\n<html><head><title>导出</title></head>\n<body><table><tr><td>学校</td></tr></table></body></html>\n'),
    expect: { exit: 2, messageStart: '“web-page.csv”中没有区县列（county），所有分析都需要该列。' },
  });
  add({
    file: 'json.csv',
    what: 'a JSON file named .csv',
    build: () => utf8('[{"county": "青山县", "school": "一小", "math": 500}]\n'),
    expect: fails(zh(messages.noDataRows('json.csv', 3))),
  });

  // ---- encodings
  add({
    file: 'utf16le.txt',
    what: 'Excel\'s "Unicode text": UTF-16 LE with a BOM, tab-separated',
    build: (c) => new Uint8Array([0xff, 0xfe, ...Buffer.from(sample(c, 60).replace(/,/g, '\t'), 'utf16le')]),
    expect: ok(60),
  });
  add({
    file: 'utf16be.csv',
    what: 'UTF-16 BE with a BOM',
    build: (c) => new Uint8Array([0xfe, 0xff, ...Buffer.from(sample(c, 60), 'utf16le').swap16()]),
    expect: ok(60),
  });
  add({
    file: 'utf16le-no-bom.csv',
    what: 'UTF-16 LE without a BOM (a NUL after every ASCII byte)',
    build: (c) => new Uint8Array(Buffer.from(sample(c, 60), 'utf16le')),
    expect: fails(zh(messages.binaryNotText('utf16le-no-bom.csv'))),
  });
  add({
    file: 'gb18030.csv',
    what: 'Chinese headers and names in GB18030 (control: must work)',
    build: (c) =>
      new Uint8Array(iconv.encode(csv([c.header.map((h) => chineseHeaders[h as keyof typeof chineseHeaders]), ...clean(c).slice(0, 120)], '\r\n'), 'gb18030')),
    expect: ok(120),
  });
  add({
    file: 'mixed-encodings.csv',
    what: 'a UTF-8 file with rows pasted in from a GBK file',
    build: (c) => new Uint8Array([...utf8(sample(c, 60)), ...iconv.encode(csv(clean(c).slice(60, 70)), 'gbk')]),
    expect: fails(zh(messages.unreadableEncoding('mixed-encodings.csv', 62))),
  });
  add({
    file: 'latin1.csv',
    what: 'bytes that are neither UTF-8 nor GB18030',
    build: (c) => new Uint8Array([...utf8(sample(c, 5)), 0x80, 0xff, 0x0a]),
    expect: fails(zh(messages.unreadableEncoding('latin1.csv', 7))),
  });
  add({
    file: 'nul-bytes.csv',
    what: 'NUL bytes inside a data row',
    build: (c) => {
      const t = utf8(sample(c, 60));
      const b = new Uint8Array(t.length + 2);
      b.set(t.subarray(0, 3000));
      b.set([0, 0], 3000);
      b.set(t.subarray(3000), 3002);
      return b;
    },
    expect: fails(zh(messages.binaryNotText('nul-bytes.csv'))),
  });
  add({
    file: 'bom-mid-file.csv',
    what: 'a second UTF-8 BOM in the middle (two exports concatenated)',
    build: (c) => utf8(`${sample(c, 30)}\uFEFF${csv(clean(c).slice(30, 60))}`),
    expect: ok(60),
  });

  // ---- delimiters, quotes, line ends
  add({ file: 'semicolon.csv', what: 'semicolons instead of commas (European Excel)', build: (c) => utf8(sample(c, 60).replace(/,/g, ';')), expect: ok(60) });
  add({
    file: 'mixed-delimiters.csv',
    what: 'commas, then rows with tabs',
    build: (c) => utf8(sample(c, 40) + csv(clean(c).slice(40, 50)).replace(/,/g, '\t')),
    expect: ok(50, { missing_county: 10 }, 10),
  });
  add({
    file: 'unterminated-quote.csv',
    what: 'a quote opened in row 11 and never closed',
    build: (c) => utf8(sample(c, 40, (rows) => void (rows[9]![3] = `"${rows[9]![3]}`))),
    expect: fails(zh(messages.unclosedQuote('unterminated-quote.csv', 11))),
  });
  add({
    file: 'quoted-newlines.csv',
    what: 'school names with a line break and commas inside quotes',
    build: (c) => utf8(sample(c, 60, (rows, col) => rows.forEach((r) => (r[col('school')] = `"${r[col('school')]}\n（分校, 东区）"`)))),
    expect: ok(60),
  });
  add({ file: 'cr-only.csv', what: 'old Mac line ends (CR only)', build: (c) => utf8(sample(c, 60).replace(/\n/g, '\r')), expect: ok(60) });
  add({
    file: 'crlf-trailing-commas.csv',
    what: 'CRLF and empty trailing columns, as Excel leaves them',
    build: (c) =>
      utf8(
        csv(
          [
            [...c.header, '', ''],
            ...clean(c)
              .slice(0, 60)
              .map((r) => [...r, '', '']),
          ],
          '\r\n',
        ),
      ),
    expect: ok(60),
  });
  add({ file: 'blank-rows.csv', what: 'blank lines between the rows', build: (c) => utf8(sample(c, 60).replace(/\n(?=2021)/g, '\n\n,,,\n')), expect: ok(60) });
  add({
    file: 'extra-fields.csv',
    what: 'rows with more fields than the header (unquoted commas)',
    build: (c) =>
      utf8(
        sample(c, 60, (rows, col) => {
          rows[4]![col('school')] += ',东校区';
          rows[20]![col('school')] += ',东校区';
        }),
      ),
    expect: ok(60, { field_count: 2 }, 2),
  });
  add({
    file: 'short-rows.csv',
    what: 'rows cut short (fewer fields than the header)',
    build: (c) =>
      utf8(
        sample(c, 60, (rows) => {
          rows[5] = rows[5]!.slice(0, 9);
          rows[6] = rows[6]!.slice(0, 4);
        }),
      ),
    expect: ok(60, { invalid_grade: 1 }, 1),
  });

  // ---- headers
  add({
    file: 'duplicate-header.csv',
    what: 'two columns both called school',
    build: (c) =>
      utf8(
        csv([
          [...c.header, 'school'],
          ...clean(c)
            .slice(0, 60)
            .map((r) => [...r, r[3]!]),
        ]),
      ),
    expect: fails(zh(messages.duplicateRole('duplicate-header.csv', 'school', ['school', 'school']))),
  });
  add({
    file: 'misspelt-school.csv',
    what: 'the school column headed 学效',
    build: (c) =>
      new Uint8Array(
        iconv.encode(
          csv([c.header.map((h) => (h === 'school' ? '学效' : chineseHeaders[h as keyof typeof chineseHeaders])), ...clean(c).slice(0, 60)]),
          'gb18030',
        ),
      ),
    expect: { exit: 2, messageStart: '“misspelt-school.csv”中没有学校列（school）' },
  });
  add({
    file: 'misspelt-county.csv',
    what: 'county headed "coutny"',
    build: (c) => utf8(sample(c, 60).replace(/^([^\n]*?)county/, '$1coutny')),
    expect: { exit: 2, messageStart: '“misspelt-county.csv”中没有区县列（county）' },
  });
  add({
    file: 'title-row.csv',
    what: 'a title line above the header ("青山县2021年监测数据")',
    build: (c) => utf8(`青山县2021年监测数据,,,\n${sample(c, 60)}`),
    expect: ok(60, {}, 0),
  });
  add({
    file: 'no-header.csv',
    what: 'data rows without a header row',
    build: (c) => utf8(csv(clean(c).slice(0, 60))),
    expect: { exit: 2, messageStart: '“no-header.csv”中没有区县列（county）' },
  });
  add({
    file: 'long-header.csv',
    what: 'a 100,000-character header cell',
    build: (c) =>
      utf8(
        sample(c, 60)
          .replace(/^/, `${'备注'.repeat(50_000)},`)
          .replace(/\n(?=.)/g, '\n,'),
      ),
    expect: ok(60),
  });
  add({
    file: 'unknown-columns-only.csv',
    what: 'columns Jiance does not know',
    build: () => utf8('姓名,家庭住址,联系电话\n张三,某街1号,123\n'),
    expect: { exit: 2, messageStart: '“unknown-columns-only.csv”中没有区县列（county）' },
  });
  add({
    file: 'header-repeated.csv',
    what: 'the header repeated mid-file (two exports pasted together)',
    build: (c) => utf8(sample(c, 30) + csv([c.header, ...clean(c).slice(30, 60)])),
    expect: ok(61, { invalid_year: 1 }, 1),
  });

  // ---- Excel particulars
  add({
    file: 'merged-header.xlsx',
    what: 'a two-row header with merged cells (学生信息 over 区县, 学校…)',
    build: (c) =>
      workbook((s) => {
        s.addRow(['学生信息', '', '', '', '', '', '', '', '', '成绩']);
        s.mergeCells('A1:I1');
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r) => s.addRow(typed(r)));
      }, c),
    expect: ok(40, {}, 0),
  });
  add({
    file: 'formulas.xlsx',
    what: 'math as formulas with cached results (=A+B)',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r) => {
            const row = typed(r);
            const m = Number(r[9]);
            row[9] = { formula: `${m - 100}+100`, result: m } as unknown as number;
            s.addRow(row);
          });
      }, c),
    expect: ok(40),
  });
  add({
    file: 'formulas-no-result.xlsx',
    what: 'formulas saved without results (written by a program, never opened in Excel)',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r) => {
            const row = typed(r);
            row[9] = { formula: 'B2+1' } as unknown as number;
            s.addRow(row);
          });
      }, c),
    expect: ok(40, { missing: 0 }),
  });
  add({
    file: 'dates-as-years.xlsx',
    what: 'the year column formatted as dates (2021-01-01)',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r) => {
            const row = typed(r) as unknown[];
            row[0] = new Date(Date.UTC(Number(r[0]), 0, 1));
            s.addRow(row);
          });
      }, c),
    expect: ok(40),
  });
  add({
    file: 'text-numbers.xlsx',
    what: 'numbers stored as text, some with spaces and full-width digits',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r, k) => s.addRow(r.map((x, j) => (j === 9 && k % 5 === 0 ? ` ${x} ` : j === 9 && k === 1 ? '５２０' : x))));
      }, c),
    expect: ok(40),
  });
  add({
    file: 'error-cells.xlsx',
    what: 'cells holding #N/A and #DIV/0!',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r, k) => {
            const row = typed(r) as unknown[];
            if (k < 3) row[9] = { error: k ? '#DIV/0!' : '#N/A' };
            s.addRow(row);
          });
      }, c),
    expect: { exit: 0, rowsRead: 40, rules: { not_numeric: 2 }, blank: { math: 1 } },
  });
  add({
    file: 'year-number-as-date.xlsx',
    what: 'the year 2021 kept as a number but formatted as a date (Excel shows 1905-07-13)',
    build: (c) =>
      workbook((s) => {
        s.addRow(c.header);
        clean(c)
          .slice(0, 40)
          .forEach((r) => s.addRow(typed(r)));
        s.getColumn(1).numFmt = 'yyyy/m/d';
      }, c),
    expect: ok(40, {}, 0),
  });
  add({
    file: 'second-sheet.xlsx',
    what: 'the data on a sheet named 数据 and --sheet 汇总 asked for',
    args: ['--sheet', '汇总'],
    build: (c) =>
      workbook(
        (s) => {
          s.addRow(c.header);
          clean(c)
            .slice(0, 10)
            .forEach((r) => s.addRow(typed(r)));
        },
        c,
        '数据',
      ),
    expect: fails(zh(messages.sheetNotFound('second-sheet.xlsx', '汇总', ['数据']))),
  });

  // ---- every value rule (exit 0: the rows or values are counted, listed and left out)
  const rule = (
    file: string,
    what: string,
    edit: (rows: string[][], col: (name: string) => number) => void,
    rules: Partial<Record<RuleId, number>>,
    excluded: number,
    usage?: Partial<Record<RuleId, number>>,
  ): void =>
    add({
      file,
      what,
      build: (c) => utf8(sample(c, 120, edit)),
      expect: { exit: 0, rowsRead: 120, rules, rowsExcluded: excluded, ...(usage ? { usage } : {}) },
    });
  rule('rule-missing-county.csv', 'county blank in 3 rows', (rows, col) => [2, 5, 9].forEach((k) => (rows[k]![col('county')] = '')), { missing_county: 3 }, 3);
  rule('rule-missing-school.csv', 'school blank in 2 rows', (rows, col) => [1, 7].forEach((k) => (rows[k]![col('school')] = '  ')), { missing_school: 2 }, 2);
  rule(
    'rule-invalid-year.csv',
    'years "二〇二一", "21", "2021.5"',
    (rows, col) => ['二〇二一', '21', '2021.5'].forEach((y, k) => (rows[k * 3]![col('year')] = y)),
    { invalid_year: 3 },
    3,
  );
  rule(
    'rule-invalid-grade.csv',
    'grades "13", "四", "x"',
    (rows, col) => ['13', 'x', '0'].forEach((g, k) => (rows[k * 4]![col('grade')] = g)),
    { invalid_grade: 3 },
    3,
  );
  rule(
    'rule-invalid-weight.csv',
    'weights 0, -1, "abc", blank',
    (rows, col) => ['0', '-1', 'abc', ''].forEach((w, k) => (rows[k * 5]![col('weight')] = w)),
    { invalid_weight: 4 },
    4,
  );
  rule(
    'rule-duplicate-student.csv',
    'a student id twice in a year',
    (rows, col) => {
      rows[10]![col('student')] = rows[3]![col('student')]!;
      rows[11]![col('student')] = rows[3]![col('student')]!;
    },
    { duplicate_student: 2 },
    2,
  );
  rule(
    'rule-not-numeric.csv',
    'math "缺考", "A", "5OO" (and "1,234", which reads as 1234)',
    (rows, col) => ['缺考', 'A', '5OO', '"1,234"'].forEach((m, k) => (rows[k * 7]![col('math')] = m)),
    { not_numeric: 3 },
    0,
  );
  rule(
    'rule-out-of-range.csv',
    'acuity 7.2, sleep 30 h, height 20 cm',
    (rows, col) => {
      rows[2]![col('va_left')] = '7.2';
      rows[3]![col('sleep_hours')] = '30';
      rows[4]![col('height_cm')] = '20';
    },
    { out_of_range: 3 },
    0,
  );
  add({
    file: 'rule-missing.csv',
    what: 'math blank, "NA" and "-"',
    build: (c) =>
      utf8(
        sample(c, 120, (rows, col) => {
          rows[2]![col('math')] = '';
          rows[3]![col('math')] = 'NA';
          rows[4]![col('math')] = '-';
        }),
      ),
    expect: { exit: 0, rowsRead: 120, rowsExcluded: 0, rules: {}, blank: { math: 3 } },
  });
  rule(
    'rule-unrecognised.csv',
    'sex "X" and "未知"',
    (rows, col) => {
      rows[2]![col('sex')] = 'X';
      rows[3]![col('sex')] = '未知';
    },
    { unrecognised: 2 },
    0,
  );
  rule(
    'rule-not-applicable.csv',
    'ages 3 (outside the BMI screening tables: not applicable) and 30 (outside 3–25: out of range)',
    (rows, col) => {
      rows[2]![col('age')] = '3.0';
      rows[3]![col('age')] = '30';
    },
    { out_of_range: 1 },
    0,
    { not_applicable: 1 },
  );
  rule('rule-single-student-school.csv', 'a school with one student', (rows, col) => void (rows[0]![col('school')] = '青山县教学点'), {}, 0, {
    single_student_school: 1,
  });
  add({
    file: 'rule-no-cut-scores.csv',
    what: 'grade 8 rows, cut scores only for grade 4 (config)',
    args: ['-c', 'levels-grade4.json'],
    build: (c) =>
      utf8(
        csv([
          c.header,
          ...clean(c).slice(0, 60),
          ...clean(c)
            .filter((r) => r[5] === '8')
            .slice(0, 60),
        ]),
      ),
    expect: { exit: 0, rowsRead: 120, rowsExcluded: 0, rules: {}, usage: { no_cut_scores: 60 } },
  });
  add({
    file: 'levels-grade4.json',
    what: 'the config of rule-no-cut-scores.csv (not a data file)',
    build: () => utf8('{ "levels": { "math": { "4": [420, 500, 580] } } }\n'),
    expect: { exit: null },
  });
  add({
    file: 'all-rows-excluded.csv',
    what: 'every row without a county',
    build: (c) => utf8(sample(c, 20, (rows, col) => rows.forEach((r) => (r[col('county')] = '')))),
    expect: fails(zh(messages.noUsableRows('all-rows-excluded.csv', 20))),
  });

  // ---- odd shapes of data
  add({
    file: 'one-school.csv',
    what: 'a single school (no between-school variance)',
    build: (c) => utf8(csv([c.header, ...clean(c).filter((r) => r[3] === '青山县第十小学' && r[0] === '2021')])),
    expect: ok(29, {}, 0),
  });
  add({ file: 'one-student.csv', what: 'a single student', build: (c) => utf8(csv([c.header, clean(c)[0]!])), expect: ok(1) });
  add({
    file: 'one-column.csv',
    what: 'county only',
    build: () => utf8('county\n青山县\n青山县\n'),
    expect: { exit: 2, messageStart: '“one-column.csv”中没有学校列（school）' },
  });
  add({
    file: 'same-values.csv',
    what: 'every math score 500 (zero variance)',
    build: (c) => utf8(sample(c, 120, (rows, col) => rows.forEach((r) => (r[col('math')] = '500')))),
    expect: ok(120),
  });
  add({
    file: 'extreme-values.csv',
    what: 'math 1e308, -1e308, Infinity, NaN, 0x1F',
    build: (c) => utf8(sample(c, 120, (rows, col) => ['1e308', '-1e308', 'Infinity', 'NaN', '0x1F'].forEach((m, k) => (rows[k * 3]![col('math')] = m)))),
    expect: ok(120, { out_of_range: 2, not_numeric: 2 }, 0),
  });
  add({
    file: 'hostile-names.csv',
    what: 'school and county names with HTML, formulas, quotes, RTL marks and emoji',
    build: (c) =>
      utf8(
        sample(c, 120, (rows, col) =>
          rows.forEach(
            (r, k) =>
              (r[col('school')] = [
                '"<script>alert(1)</script>"',
                '"=HYPERLINK(""http://x"",""点我"")"',
                '"\u202e学校\u202c"',
                '"学校 😀 ""引号"""',
                '"\'; DROP TABLE students; --"',
                '"&lt;b&gt;"',
              ][k % 6]!),
          ),
        ),
      ),
    expect: ok(120),
  });

  add({
    file: 'control-characters.csv',
    what: 'school names with control characters (U+0001, ESC, DEL) and zero-width spaces from a broken export',
    build: (c) =>
      utf8(
        sample(c, 120, (rows, col) =>
          rows.forEach((r, k) => {
            const name = r[col('school')]!;
            const at = name.length - 2;
            if (k % 2) r[col('school')] = `${name.slice(0, at)}${['\u0001', '\u001b', '\u007f', '\u200b'][k % 4]}${name.slice(at)}`;
          }),
        ),
      ),
    expect: ok(120),
  });

  // ---- sizes (generated by the test, not committed)
  add({
    file: 'line-50mb.csv',
    what: 'one 50 MB line (a file without line breaks)',
    generated: true,
    seconds: 120,
    build: (c) => utf8(`${c.header.join(',')}\n${clean(c)[0]!.join(',')}${'x'.repeat(50 * 1024 * 1024)}\n`),
    expect: ok(1, { not_numeric: 1 }, 0),
  });
  add({
    file: 'columns-5000.csv',
    what: '5,000 columns (the fixture plus 4,982 unknown ones)',
    generated: true,
    seconds: 120,
    build: (c) => {
      const extra = Array.from({ length: 4982 }, (_, k) => `q${k + 1}`);
      return utf8(
        csv([
          [...c.header, ...extra],
          ...clean(c)
            .slice(0, 200)
            .map((r) => [...r, ...extra.map((_, k) => String(k % 7))]),
        ]),
      );
    },
    expect: ok(200, { not_numeric: 1 }, 0),
  });
  add({
    file: 'schools-100000.csv',
    what: '100,000 schools of one student each',
    generated: true,
    seconds: 300,
    build: (c) =>
      utf8(
        csv([
          c.header,
          ...Array.from({ length: 100_000 }, (_, k) => {
            const r = [...clean(c)[k % 140]!];
            r[0] = '2021';
            r[3] = `学校${k + 1}`;
            r[4] = `S${k + 1}`;
            return r;
          }),
        ]),
      ),
    expect: { exit: 0, rowsRead: 100_000, rowsExcluded: 0, rules: {}, usage: { single_student_school: 100_000 } },
  });
  return cases;
}

/** A zip holding one stored (uncompressed) file: enough to be a zip and not a workbook. */
function zipOf(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.length, 12);
  end.writeUInt32LE(30 + file.length + data.length, 16);
  return new Uint8Array(Buffer.concat([local, file, data, central, file, end]));
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** The county fixture's text as header and rows (it has no quoted fields). */
export function countyText(csvText: string): CountyText {
  const lines = csvText
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return { header: lines[0]!, rows: lines.slice(1) };
}

/** What must happen, as a line of fixtures/bad/README.md. */
function outcomeText(e: BadInputOutcome): string {
  if (e.exit === null) return 'used by another case';
  if (e.exit === 2) return `exit 2: ${'message' in e ? e.message : `${e.messageStart}…`}`;
  const rules = Object.entries({ ...e.rules, ...e.usage }).map(([r, n]) => `${r} ${n}`);
  return `exit 0: ${e.rowsRead} rows read${e.rowsExcluded === undefined ? '' : `, ${e.rowsExcluded} excluded`}${rules.length ? `; ${rules.join(', ')}` : ''}${
    e.blank
      ? `; blank ${Object.entries(e.blank)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`
      : ''
  }`;
}

/** Writes the committed cases into `dir` (fixtures/bad/) with its README.md; returns the number of files. */
export async function writeBadInputs(dir: string, countyCsv: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const county = countyText(countyCsv);
  const cases = badInputs();
  let files = 0;
  for (const c of cases) {
    if (c.generated) continue;
    await writeFile(join(dir, c.file), await c.build(county));
    files++;
  }
  const cell = (t: string): string => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const readme = [
    '# Bad inputs',
    '',
    'Files a user may give `analyze`, each with what must happen. Written by `pnpm fixtures` from',
    '`packages/cli/src/badInputs.ts` (which holds the expectations); `packages/cli/test/badInputs.test.ts`',
    'runs every case through the CLI in a child process: the exit code and message, no stack trace,',
    'within its time limit, and for every analysis rows read = rows used + Σ excluded. Files marked',
    '*generated* are too large to commit; the test builds them in a temporary folder.',
    '',
    `${cases.length} cases.`,
    '',
    '| file | what | must |',
    '|---|---|---|',
    ...cases.map(
      (c) =>
        `| \`${c.file}\`${c.generated ? ' *(generated)*' : ''}${c.args ? ` \`${c.args.join(' ')}\`` : ''} | ${cell(c.what)} | ${cell(outcomeText(c.expect))} |`,
    ),
    '',
  ].join('\n');
  await writeFile(join(dir, 'README.md'), readme);
  return files;
}
