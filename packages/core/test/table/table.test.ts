import { describe, expect, it } from 'vitest';
import {
  analysisUsage,
  messages,
  normalizeHeader,
  parseCsv,
  parseFlagCell,
  parseGradeCell,
  parseLocaleCell,
  parseMapArguments,
  parseNumberCell,
  parseSexCell,
  parseYearCell,
  rawFromRecords,
  resolveColumns,
  roleOfHeader,
  studentTable,
  suggestRole,
} from '../../src/index.js';
import { thrown } from '../helpers.js';

describe('roles', () => {
  it('normalizeHeader folds width, case, spaces and units in brackets', () => {
    expect(normalizeHeader(' 身高（CM） ')).toBe('身高');
    expect(normalizeHeader('Ｍａｔｈ')).toBe('math');
    expect(normalizeHeader('睡眠时长 (小时)')).toBe('睡眠时长');
  });
  it('roleOfHeader recognises the Chinese aliases of DESIGN.md', () => {
    const cases: [string, string][] = [
      ['年份', 'year'],
      ['监测年份', 'year'],
      ['省', 'province'],
      ['省份', 'province'],
      ['县', 'county'],
      ['县区', 'county'],
      ['区县', 'county'],
      ['学校', 'school'],
      ['学校名称', 'school'],
      ['学校代码', 'school'],
      ['学生编号', 'student'],
      ['学籍号', 'student'],
      ['年级', 'grade'],
      ['性别', 'sex'],
      ['城乡', 'locale'],
      ['城乡类型', 'locale'],
      ['权重', 'weight'],
      ['学生权重', 'weight'],
      ['数学', 'math'],
      ['语文', 'chinese'],
      ['科学', 'science'],
      ['左眼裸眼视力', 'va_left'],
      ['右眼裸眼视力', 'va_right'],
      ['视力不良', 'vision_poor'],
      ['睡眠时长', 'sleep_hours'],
      ['每天睡眠时间', 'sleep_hours'],
      ['焦虑', 'anxiety'],
      ['焦虑得分', 'anxiety'],
      ['身高', 'height_cm'],
      ['体重', 'weight_kg'],
      ['年龄', 'age'],
      ['体质健康总分', 'fitness_score'],
    ];
    for (const [header, role] of cases) expect([header, roleOfHeader(header)?.role]).toEqual([header, role]);
  });
  it('roleOfHeader reads plausible-value columns', () => {
    expect(roleOfHeader('math_pv3')?.role).toBe('math_pv3');
    expect(roleOfHeader('数学_PV1')?.role).toBe('math_pv1');
    expect(roleOfHeader('PV2MATH')?.role).toBe('math_pv2');
  });
  it('suggestRole proposes the role of a header with a typo', () => {
    expect(suggestRole('数学成级')).toBe('math');
    expect(suggestRole('学校明称')).toBe('school');
    expect(suggestRole('备注')).toBeUndefined();
  });
});

describe('parseCell', () => {
  it('parseNumberCell reads full-width digits, thousands separators and unit suffixes', () => {
    expect(parseNumberCell('５１２.５')).toBe(512.5);
    expect(parseNumberCell('1,234.5')).toBe(1234.5);
    expect(parseNumberCell('140cm', ['cm'])).toBe(140);
    expect(parseNumberCell('9小时', ['小时'])).toBe(9);
    expect(parseNumberCell(' 4.9 ')).toBe(4.9);
  });
  it('parseNumberCell tells missing codes from text that is not a number', () => {
    for (const m of ['', ' ', 'NA', 'N/A', '#N/A', 'null', '.', '-', null, undefined, NaN]) expect(parseNumberCell(m)).toBe('missing');
    for (const bad of ['缺考', '12a', '1.2.3', '1,23', 'Infinity']) expect(parseNumberCell(bad)).toBe('invalid');
  });
  it('parseYearCell accepts 2024, "2024年" and refuses other text', () => {
    expect(parseYearCell('2024年')).toBe(2024);
    expect(parseYearCell(2021)).toBe(2021);
    expect(parseYearCell('24')).toBe('invalid');
    expect(parseYearCell('1899')).toBe('invalid');
  });
  it('parseGradeCell reads Chinese grade names', () => {
    expect(parseGradeCell('四年级')).toBe(4);
    expect(parseGradeCell('八年级')).toBe(8);
    expect(parseGradeCell('初二')).toBe(8);
    expect(parseGradeCell('高一')).toBe(10);
    expect(parseGradeCell(4)).toBe(4);
    expect(parseGradeCell('13')).toBe('invalid');
    expect(parseGradeCell('4.5')).toBe('invalid');
  });
  it('parseSexCell, parseLocaleCell and parseFlagCell map the usual codes', () => {
    expect(['男', '女', 'M', 'f', '1', '2', '未知'].map(parseSexCell)).toEqual(['M', 'F', 'M', 'F', 'M', 'F', 'invalid']);
    expect(['城区', '县镇', '农村', 'rural', '山区'].map(parseLocaleCell)).toEqual(['城区', '镇区', '乡村', '乡村', 'invalid']);
    expect(['是', '否', 1, 0, true, '可能'].map(parseFlagCell)).toEqual([1, 0, 1, 0, 1, 'invalid']);
  });
});

describe('resolveColumns', () => {
  it('resolveColumns prefers 学校名称 over 学校代码 and reports the other as superseded', () => {
    const m = resolveColumns(rawFromRecords([{ 区县: 'A', 学校代码: 1, 学校名称: 'x' }], 'a.csv'));
    expect(m.roles).toEqual({ county: 0, school: 2 });
    expect(m.columns[1]).toMatchObject({ header: '学校代码', status: 'ignored', reason: 'superseded' });
  });
  it('resolveColumns refuses two equally preferred columns for one role', () => {
    const raw = parseCsv('区县,数学,数学\nA,1,2\n', 'd.csv');
    expect(thrown(() => resolveColumns(raw)).message).toBe(messages.duplicateRole('d.csv', 'math', ['数学', '数学']).en);
  });
  it('resolveColumns applies a user map, which wins over aliases', () => {
    const raw = rawFromRecords([{ 区县: 'A', 学校: 'x', 数学成绩B: 1, 数学: 2 }], 'a.csv');
    const m = resolveColumns(raw, { 数学成绩B: 'math' });
    expect(m.roles.math).toBe(2);
    expect(m.columns[3]).toMatchObject({ status: 'ignored', reason: 'superseded' });
  });
  it('resolveColumns refuses a map to an unknown header or role', () => {
    const raw = rawFromRecords([{ 区县: 'A' }], 'a.csv');
    expect(thrown(() => resolveColumns(raw, { 成绩: 'math' })).code).toBe('map-header-not-found');
    expect(thrown(() => resolveColumns(raw, { 区县: 'district' })).code).toBe('map-unknown-role');
  });
  it('parseMapArguments splits header=role and refuses other forms', () => {
    expect(parseMapArguments(['数学成绩=math', 'a=b=ignore'])).toEqual({ 数学成绩: 'math', 'a=b': 'ignore' });
    expect(thrown(() => parseMapArguments(['math'])).code).toBe('bad-map-argument');
  });
  it('resolveColumns marks an unrecognised header with a suggestion', () => {
    const m = resolveColumns(rawFromRecords([{ 区县: 'A', 数学成级: 1 }], 'a.csv'));
    expect(m.columns[1]).toMatchObject({ status: 'ignored', reason: 'unrecognised', suggestion: 'math' });
  });
});

const csv = [
  'year,county,school,student,grade,sex,weight,math,va_left,sleep_hours,height_cm',
  '2024,青山县,一小,s1,4,男,1.5,512.5,4.9,9.5,140', // 2 ok
  '2024,青山县,一小,s2,4,女,1.5,缺考,7.2,30,20', // 3 math not numeric, va out, sleep out, height out
  '2024,青山县,一小,s3,4,女,1.5,,5.0,10,141', // 4 math blank
  '2024,,一小,s4,4,女,1.5,500,5.0,10,141', // 5 county blank → row
  '2024,青山县,,s5,4,女,1.5,500,5.0,10,141', // 6 school blank → row
  '24,青山县,一小,s6,4,女,1.5,500,5.0,10,141', // 7 invalid year → row
  '2024,青山县,一小,s7,十三,女,1.5,500,5.0,10,141', // 8 invalid grade → row
  '2024,青山县,一小,s8,4,女,-1,500,5.0,10,141', // 9 negative weight → row
  '2024,青山县,一小,s1,4,男,1.5,501,5.0,10,141', // 10 duplicate of row 2 → row
  '2023,青山县,一小,s1,4,男,1.5,480,5.0,10,141', // 11 same id, other year: ok
  '2024,青山县,二小,s9,4,X,1.5,490,5.0,10,141', // 12 sex unrecognised (value problem)
].join('\n');

describe('studentTable', () => {
  const data = studentTable(parseCsv(csv, 'c.csv'));
  it('studentTable excludes whole rows by the row rules, each counted once', () => {
    expect(data.quality.rowsRead).toBe(11);
    expect(data.quality.rowsExcluded).toBe(6);
    expect(data.quality.excludedRows.map((r) => [r.rule, r.count, r.examples.map((x) => x.row)])).toEqual([
      ['missing_county', 1, [5]],
      ['missing_school', 1, [6]],
      ['invalid_year', 1, [7]],
      ['invalid_grade', 1, [8]],
      ['invalid_weight', 1, [9]],
      ['duplicate_student', 1, [10]],
    ]);
    expect(data.quality.excludedRows.at(-1)!.examples[0]!.value).toBe('= row 2');
  });
  it('studentTable sets unusable values to missing and lists them with row and value', () => {
    expect(data.quality.invalidValues.map((r) => [r.rule, r.field, r.count, r.examples])).toEqual([
      ['unrecognised', 'sex', 1, [{ row: 12, value: 'X' }]],
      ['not_numeric', 'math', 1, [{ row: 3, value: '缺考' }]],
      ['out_of_range', 'va_left', 1, [{ row: 3, value: '7.2' }]],
      ['out_of_range', 'sleep_hours', 1, [{ row: 3, value: '30' }]],
      ['out_of_range', 'height_cm', 1, [{ row: 3, value: '20' }]],
    ]);
    expect(data.quality.blankValues).toEqual({ math: 1 });
  });
  it('studentTable never carries student ids into the table', () => {
    expect(data.table.schema.fields.map((f) => f.name)).not.toContain('student');
    expect(data.table.numRows).toBe(5);
    expect(data.table.getChild('math')!.toJSON()).toEqual([512.5, null, null, 480, 490]);
  });
  it('analysisUsage accounts for every row exactly once', () => {
    const { usage } = analysisUsage(data, 'describe.math', ['math']);
    expect(usage.rowsUsed).toBe(3);
    const excluded = usage.excluded.reduce((s, x) => s + x.count, 0);
    expect(usage.rowsUsed + excluded).toBe(usage.rowsRead);
    // Canonical order (rule catalogue within a column), whatever the rows' order: see canonicalExclusions.
    expect(usage.excluded.slice(-2)).toEqual([
      { rule: 'missing', field: 'math', count: 1 },
      { rule: 'not_numeric', field: 'math', count: 1 },
    ]);
  });
  it('studentTable stops with a clear message when county or school is absent', () => {
    const raw = parseCsv('学校名称,数学\n一小,500\n', 'nocounty.csv');
    const error = thrown(() => studentTable(raw));
    expect(error.code).toBe('missing-role');
    expect(error.zh).toContain('“nocounty.csv”中没有区县列（county）');
  });
  it('studentTable suggests the column that looks like the missing role', () => {
    const raw = parseCsv('区县,学校明称,数学\nA,一小,500\n', 's.csv');
    expect(thrown(() => studentTable(raw)).message).toContain('--map "学校明称=school"');
  });
  it('studentTable refuses data in which every row is excluded', () => {
    const raw = parseCsv('区县,学校\n,一小\n', 'all.csv');
    expect(thrown(() => studentTable(raw)).message).toBe(messages.noUsableRows('all.csv', 1).en);
  });
  it('studentTable uses a weight of 1 when there is no weight column, and says so', () => {
    const d = studentTable(parseCsv('区县,学校,数学\nA,x,1\n', 'a.csv'));
    expect(d.quality.weighted).toBe(false);
    expect(d.table.getChild('weight')!.toJSON()).toEqual([1]);
  });
  it('studentTable applies user ranges over the defaults', () => {
    const d = studentTable(parseCsv('区县,学校,睡眠时长\nA,x,2\nA,x,9\n', 'a.csv'), { ranges: { sleep_hours: [3, 16] } });
    expect(d.quality.invalidValues).toEqual([{ rule: 'out_of_range', field: 'sleep_hours', count: 1, examples: [{ row: 2, value: '2' }] }]);
  });
});

describe('parseNumberCell fast path', () => {
  it('reads plain numbers exactly as the full path does (which a surrounding space forces)', async () => {
    const fc = (await import('fast-check')).default;
    const { parseNumberCell } = await import('../../src/index.js');
    const pieces = ['0', '1', '9', '5', '.', '-', '+', 'e', ',', '０', 'cm', ' '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(parseNumberCell(text, ['cm'])).toEqual(parseNumberCell(` ${text} `, ['cm']));
      }),
      { numRuns: 3000, seed: 8 },
    );
    expect(parseNumberCell('-12.50')).toBe(-12.5);
    expect(parseNumberCell('-')).toBe('missing');
    expect(parseNumberCell('.')).toBe('missing');
  });
});
