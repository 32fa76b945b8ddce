import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { messages } from '@jiance/core';
import { put, resultsOf, run, tempDir } from './helpers.js';

const header = 'year,county,school,student,grade,sex,weight,math,va_left,va_right,sleep_hours';
const good = [
  '2024,青山县,一小,s1,4,男,1.5,512.5,4.9,5.0,9.5',
  '2024,青山县,一小,s2,4,女,1.5,498,5.0,5.1,10',
  '2024,青山县,二小,s3,4,女,2,470,4.6,4.8,9',
  '2024,青山县,二小,s4,4,男,2,530.5,5.1,5.1,10.5',
];

/** Expects a clean user error: exit code 2, the exact Chinese message, no stack trace. */
async function expectError(args: string[], message: { zh: string }): Promise<void> {
  const r = await run(args);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`错误：${message.zh}\n`);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('analyze: structural errors stop with one clear message', () => {
  const dir = tempDir();
  const out = join(dir, 'out');

  it('a missing file', async () => {
    await expectError([join(dir, 'nope.csv'), '--out', out], messages.fileNotFound(join(dir, 'nope.csv')));
  });
  it('an empty file', async () => {
    await expectError([put(dir, 'empty.csv', ''), '--out', out], messages.emptyFile('empty.csv'));
  });
  it('a file of blank lines', async () => {
    await expectError([put(dir, 'blank.csv', '\r\n\r\n  \n'), '--out', out], messages.emptyFile('blank.csv'));
  });
  it('a header-only file', async () => {
    await expectError([put(dir, 'header.csv', `${header}\n`), '--out', out], messages.noDataRows('header.csv', 11));
  });
  it('a binary file named .csv', async () => {
    await expectError([put(dir, 'bin.csv', new Uint8Array([0x00, 0x01, 0x02, 0x00])), '--out', out], messages.binaryNotText('bin.csv'));
  });
  it('options that cannot be used say why, in the report language', async () => {
    const csv = new URL('../../../fixtures/county.csv', import.meta.url).pathname;
    const xlsx = new URL('../../../fixtures/county.xlsx', import.meta.url).pathname;
    const engine = messages.badOption('--engine duckdb', {
      zh: '它只读 CSV 文件；Excel、Arrow 或 Parquet 文件请去掉此选项（用默认引擎）',
      en: 'it reads CSV files only; leave it out for Excel, Arrow or Parquet',
    });
    await expectError([xlsx, '--engine', 'duckdb', '--out', out], engine);
    const rows = messages.badOption('--batch-rows', { zh: '行数须为不小于 1 的整数', en: 'it must be a whole number of rows ≥ 1' });
    await expectError([csv, '--batch-rows', '0', '--out', out], rows);
    const en = await run([csv, '--batch-rows', '0', '--out', out, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.err).toBe(`Error: ${rows.en}\n`);
  });
  it('a binary file named .csv, read in batches', async () => {
    await expectError(
      [put(dir, 'bin2.csv', new Uint8Array([0x61, 0x62, 0x2c, 0x63, 0x0a, 0x00, 0x01, 0x02, 0x00])), '--out', out, '--batch-rows', '10'],
      messages.binaryNotText('bin2.csv'),
    );
  });
  it('bytes that are neither UTF-8 nor GB18030', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${header}\n`), 0xff, 0xfe, 0x0a]);
    await expectError([put(dir, 'enc.csv', bytes), '--out', out], messages.unreadableEncoding('enc.csv', 2));
  });
  it('no county column', async () => {
    const file = put(dir, 'nocounty.csv', 'school,math\n一小,500\n');
    const r = await run([file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('“nocounty.csv”中没有区县列（county）');
    expect(r.err).toContain('--map');
  });
  it('no school column, with a suggestion for a header with a typo', async () => {
    const file = put(dir, 'typo.csv', '区县,学校明称,数学\n青山县,一小,500\n');
    const r = await run([file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('列“学校明称”看起来相近：如果它就是学校，请加参数 --map "学校明称=school"');
  });
  it('two columns that both mean math', async () => {
    await expectError([put(dir, 'dup.csv', '区县,学校,数学,math\nA,x,1,2\n'), '--out', out], messages.duplicateRole('dup.csv', 'math', ['数学', 'math']));
  });
  it('a malformed --map', async () => {
    await expectError([put(dir, 'm1.csv', `${header}\n${good[0]}\n`), '--map', 'math', '--out', out], messages.badMapArgument('math'));
  });
  it('--map naming a column the file does not have', async () => {
    const file = put(dir, 'm2.csv', 'county,school\nA,x\n');
    await expectError([file, '--map', '成绩=math', '--out', out], messages.mapHeaderNotFound('m2.csv', '成绩', ['county', 'school']));
  });
  it('--map to an unknown role', async () => {
    const r = await run([put(dir, 'm3.csv', 'county,school\nA,x\n'), '--map', 'school=schul', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--map 的目标“schul”不是可识别的列角色');
  });
  it('an unclosed quote', async () => {
    await expectError([put(dir, 'quote.csv', 'county,school\nA,"x\nA,y\n'), '--out', out], messages.unclosedQuote('quote.csv', 2));
  });
  it('an old .xls workbook', async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectError([put(dir, 'old.xls', bytes), '--out', out], messages.unsupportedFormat('old.xls'));
  });
  it('a corrupt .xlsx', async () => {
    const r = await run([put(dir, 'bad.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：“bad.xlsx”无法按 Excel \(\.xlsx\) 格式读取：/);
  });
  it('a worksheet that does not exist', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('学生数据').addRow(['区县', '学校']);
    const file = put(dir, 'sheets.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    await expectError([file, '--sheet', '汇总', '--out', out], messages.sheetNotFound('sheets.xlsx', '汇总', ['学生数据']));
  });
  it('a configuration file that is not JSON', async () => {
    const config = put(dir, 'bad.json', '{ map: 1 }');
    const r = await run([put(dir, 'c.csv', `${header}\n${good[0]}\n`), '--config', config, '--out', out]);
    expect(r.code).toBe(2);
    // Where, as line and column, and why, in the message's language.
    expect(r.err).toBe(`错误：${messages.badConfig(config, messages.jsonSyntax('{ map: 1 }', 2)).zh}\n`);
    expect(r.err).toContain('第 1 行第 3 列');
    expect(r.err).not.toMatch(/Expected|position/);
  });
  it('a configuration file with an unknown key', async () => {
    const config = put(dir, 'keys.json', '{ "mapping": {} }');
    await expectError(
      [put(dir, 'c2.csv', `${header}\n${good[0]}\n`), '--config', config, '--out', out],
      messages.badConfig(
        config,
        messages.configReasons.unknownKey(null, 'mapping', [
          'map',
          'ranges',
          'lang',
          'sheet',
          'betweenSchool',
          'rates',
          'countyComparison',
          'design',
          'references',
          'levels',
          'clickhouse',
          'targets',
        ]),
      ),
    );
  });
  it('a range wider than ±10⁶ (scores of 1e308 would overflow the fits)', async () => {
    const config = put(dir, 'wide.json', '{ "ranges": { "math": [0, 1e308] } }');
    await expectError(
      [put(dir, 'c3.csv', `${header}\n${good[0]}\n`), '--config', config, '--out', out],
      messages.badConfig(config, messages.configReasons.mustBe('"ranges"."math"', messages.configShapes.range)),
    );
  });
  it('a file in which every row is excluded', async () => {
    await expectError([put(dir, 'allbad.csv', 'county,school,math\n,x,1\nA,,2\n'), '--out', out], messages.noUsableRows('allbad.csv', 2));
  });
  it('an unknown --lang', async () => {
    const r = await run([put(dir, 'l.csv', `${header}\n${good[0]}\n`), '--lang', 'fr', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang');
  });
  it('a directory instead of a file', async () => {
    const r = await run([dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('an unknown option (commander) exits 2 without a stack trace', async () => {
    const r = await run(['x.csv', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`错误：${messages.unknownOption('--frobnicate', undefined).zh}\n`);
  });
});

describe('analyze: value problems are counted, listed and never crash', () => {
  const dir = tempDir();
  const rows = [
    header,
    ...good,
    '2024,青山县,一小,s5,4,女,1.5,缺考,5.0,5.0,10', // 6: math not numeric
    '2024,青山县,一小,s6,4,女,1.5,501,7.2,5.0,10', // 7: acuity out of range
    '2024,青山县,一小,s7,4,女,1.5,502,5.0,5.0,30', // 8: sleep 30 h
    '2024,青山县,一小,s8,4,女,-1,503,5.0,5.0,10', // 9: negative weight → row excluded
    '2024,青山县,一小,s1,4,男,1.5,504,5.0,5.0,10', // 10: duplicate id → row excluded
    '2024,青山县,三小,s9,4,男,1,505,5.0,5.0,10', // 11: a school with one student
  ];
  const file = put(dir, 'values.csv', `${rows.join('\n')}\n`);
  const out = join(dir, 'out');

  it('analyze counts each rule with its rows', async () => {
    const r = await run([file, '--out', out]);
    expect(r.code).toBe(0);
    const results = resultsOf(out);
    const q = results.dataQuality;
    expect([q.rowsRead, q.rowsExcluded, q.rowsKept]).toEqual([10, 2, 8]);
    expect(q.excludedRows).toEqual([
      { rule: 'invalid_weight', field: 'weight', count: 1, examples: [{ row: 9, value: '-1' }] },
      { rule: 'duplicate_student', field: 'student', count: 1, examples: [{ row: 10, value: '= row 2' }] },
    ]);
    expect(q.invalidValues).toEqual([
      { rule: 'not_numeric', field: 'math', count: 1, examples: [{ row: 6, value: '缺考' }] },
      { rule: 'out_of_range', field: 'va_left', count: 1, examples: [{ row: 7, value: '7.2' }] },
      { rule: 'out_of_range', field: 'sleep_hours', count: 1, examples: [{ row: 8, value: '30' }] },
    ]);
    const math = results.achievement[0];
    expect(math.usage.rowsUsed).toBe(7);
    expect(math.warnings).toEqual([{ rule: 'single_student_school', field: 'school', count: 1, examples: [{ row: 11, value: '三小' }] }]);
    expect(math.schools.find((s: any) => s.school === '三小').sd).toBeNull();
  });

  it('the report lists the exclusions and never shows a student id', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('学生编号在同一年份重复');
    expect(html).toContain('7.2');
    expect(html).not.toMatch(/\bs[1-9]\b/);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).not.toMatch(/"s[1-9]"/);
  });
});

describe('analyze: CSV dialects give identical results', () => {
  const dir = tempDir();
  const body = [header, ...good].join('\n');
  const variants: Record<string, string | Uint8Array> = {
    'plain.csv': `${body}\n`,
    'bom.csv': `\uFEFF${body}\n`,
    'crlf.csv': `${body.replace(/\n/g, '\r\n')}\r\n`,
    'blank-lines.csv': `\n${[header, good[0], '', good[1], ',,,,,,,,,,', good[2], good[3]].join('\n')}\n\n`,
    'trailing-separators.csv': `${[header, ...good].map((l) => `${l},`).join('\n')}\n`,
    'no-final-newline.csv': body,
    'gb18030.csv': new Uint8Array(iconv.encode(`${body}\r\n`, 'gb18030')),
  };

  it('results.json is byte-identical across BOM, CRLF, blank lines, trailing separators and GB18030', async () => {
    const outputs: Record<string, string> = {};
    for (const [name, content] of Object.entries(variants)) {
      const out = join(dir, `out-${name}`);
      const r = await run([put(dir, name, content), '--out', out]);
      expect([name, r.code, r.err]).toEqual([name, 0, '']);
      const results = resultsOf(out);
      // Blank lines are counted, which is the only thing allowed to differ.
      results.dataQuality.blankRows = 0;
      outputs[name] = JSON.stringify(results);
    }
    for (const name of Object.keys(variants)) expect([name, outputs[name]]).toEqual([name, outputs['plain.csv']]);
    expect(resultsOf(join(dir, 'out-blank-lines.csv')).dataQuality.blankRows).toBe(4);
  });

  it('quoted commas stay inside the school name', async () => {
    const file = put(dir, 'quoted.csv', `county,school,math\n青山县,"一小,东校区",500\n青山县,"一小,东校区",510\n`);
    const out = join(dir, 'out-quoted');
    expect((await run([file, '--out', out])).code).toBe(0);
    expect(resultsOf(out).achievement[0].schools.map((s: any) => [s.school, s.students])).toEqual([['一小,东校区', 2]]);
  });

  it('a row with surplus fields is excluded and listed, not shifted', async () => {
    const file = put(dir, 'surplus.csv', `county,school,math\n青山县,一小,东校区,500\n青山县,二小,510\n`);
    const out = join(dir, 'out-surplus');
    expect((await run([file, '--out', out])).code).toBe(0);
    expect(resultsOf(out).dataQuality.excludedRows).toEqual([{ rule: 'field_count', count: 1, examples: [{ row: 2, value: '4 fields / 3 columns' }] }]);
  });
});

describe('analyze: between-school options from the config file', () => {
  it('thresholds and a national reference reach the verdicts', async () => {
    const dir = tempDir();
    const config = put(
      dir,
      'jiance.json',
      JSON.stringify({ betweenSchool: { largeThreshold: 0.3, smallThreshold: 0.2, reference: { icc: 0.17, label: '全国' } } }),
    );
    const file = new URL('../../../fixtures/county.csv', import.meta.url).pathname;
    const out = join(dir, 'out');
    expect((await run([file, '--config', config, '--out', out])).code).toBe(0);
    const between = resultsOf(out).betweenSchool[0];
    expect(between.thresholds).toEqual({ large: 0.3, small: 0.2 });
    expect(between.counties[0].references.map((r: any) => r.label)).toEqual(['全国']);
  });
  it('a threshold outside 0–1 is refused', async () => {
    const dir = tempDir();
    const config = put(dir, 'bad.json', JSON.stringify({ betweenSchool: { largeThreshold: 15 } }));
    await expectError(
      [put(dir, 'a.csv', `${header}\n${good[0]}\n`), '--config', config, '--out', dir],
      messages.badConfig(config, messages.configReasons.mustBe('"betweenSchool"."largeThreshold"', messages.configShapes.share)),
    );
  });
});

describe('analyze: detection-rate options from the config file', () => {
  const province = new URL('../../../fixtures/province.csv', import.meta.url).pathname;
  it('an anxiety cut-off and targets reach results.json', async () => {
    const dir = tempDir();
    const config = put(
      dir,
      'jiance.json',
      JSON.stringify({ rates: { anxietyCutoff: 60, minCell: 20, targets: { fitness_pass: '>= 95%', vision_poor: '-1pp per year from 2021' } } }),
    );
    const out = join(dir, 'out');
    expect((await run([province, '--config', config, '--out', out])).code).toBe(0);
    const rates = resultsOf(out).rates;
    expect(rates.skipped).toEqual([]);
    expect(rates.indicators.map((i: any) => i.indicator)).toContain('anxiety');
    const fitness = rates.indicators.find((i: any) => i.indicator === 'fitness_pass');
    expect(fitness.rates.minCell).toBe(20);
    expect(fitness.trends[0].targets[0]).toMatchObject({ status: expect.stringMatching(/^(met|not-met)$/), latestYear: 2024 });
  });
  it('a target that cannot be read is refused with the text quoted', async () => {
    const dir = tempDir();
    const config = put(dir, 'bad.json', JSON.stringify({ rates: { targets: { vision_poor: 'lower please' } } }));
    await expectError([province, '--config', config, '--out', dir], messages.badTarget('vision_poor', 'lower please'));
  });
  it('a target for an unknown indicator is refused', async () => {
    const dir = tempDir();
    const config = put(dir, 'bad2.json', JSON.stringify({ rates: { targets: { myopia: '>= 5%' } } }));
    const r = await run([province, '--config', config, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"rates"."targets" 中的指标 "myopia" 无法识别');
  });
});

describe('analyze: the survey design from the config', () => {
  it('replicate weights without a method stop with the message; with JK2 the comparison says so', async () => {
    const dir = tempDir();
    const input = new URL('../../../fixtures/design/pv-jk2.csv', import.meta.url).pathname;
    const first = await run([input, '--out', join(dir, 'a')]);
    expect(first.code).toBe(2);
    expect(first.err).toContain(messages.designReplicatesUnknown(10).zh);
    const config = put(dir, 'jiance.json', JSON.stringify({ design: { replicates: { kind: 'JK2' } } }));
    expect((await run([input, '--out', join(dir, 'b'), '--config', config])).code).toBe(0);
    expect(resultsOf(join(dir, 'b')).countyComparison[0].design).toEqual({ variance: 'JK2', plausibleValues: 5, replicates: 10, strata: 'county' });
    expect(JSON.parse(readFileSync(join(dir, 'b', 'run.json'), 'utf8')).options.design).toEqual({ replicates: { kind: 'JK2' } });
    expect(readFileSync(join(dir, 'b', 'report.html'), 'utf8')).toContain('标准误由 10 组重复权重按 JK2 方法计算；5 个似真值按 Rubin 规则合并');
    const bad = put(dir, 'bad.json', JSON.stringify({ design: { replicates: { kind: 'BRR', fay: 1.5 } } }));
    const third = await run([input, '--out', join(dir, 'c'), '--config', bad]);
    expect(third.code).toBe(2);
    expect(third.err).toContain('"design"."replicates"');
  });
});
