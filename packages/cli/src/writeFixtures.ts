import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { simulatedColumns, type FixtureReferenceRow, type SimulatedRecord } from '@jiance/core/simulate';

/** Chinese headers of the GB18030 and Excel copies, as a school-system export would have them. */
export const chineseHeaders: Record<(typeof simulatedColumns)[number], string> = {
  year: '监测年份',
  province: '省份',
  county: '区县',
  school: '学校名称',
  student: '学生编号',
  grade: '年级',
  sex: '性别',
  locale: '城乡类型',
  weight: '学生权重',
  math: '数学',
  va_left: '左眼裸眼视力',
  va_right: '右眼裸眼视力',
  sleep_hours: '睡眠时长',
  anxiety: '焦虑得分',
  height_cm: '身高',
  weight_kg: '体重',
  age: '年龄',
  fitness_score: '体质健康总分',
};

const gradeNames: Record<string, string> = { '4': '四年级', '8': '八年级' };

/** A record as the Chinese export writes it: 男/女, 四年级. */
export function chineseRecord(r: SimulatedRecord): SimulatedRecord {
  return { ...r, sex: r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : r.sex, grade: gradeNames[r.grade] ?? r.grade };
}

/** RFC 4180 field: quoted only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(cells: readonly string[], eol: string): string {
  return cells.map(csvField).join(',') + eol;
}

/**
 * Streams records to a UTF-8 CSV with English headers and LF line ends (no BOM), holding
 * only one buffer of lines in memory, so any number of rows can be written.
 */
export async function writeCsv(path: string, records: Iterable<SimulatedRecord>): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let rows = 0;
  let buffer = csvLine(simulatedColumns, '\n');
  for (const r of records) {
    buffer += csvLine(
      simulatedColumns.map((c) => r[c]),
      '\n',
    );
    rows++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return rows;
}

/** Writes records as GB18030 CSV with Chinese headers, 男/女, 四年级 and CRLF, as Excel on Chinese Windows saves. */
export async function writeGb18030Csv(path: string, records: readonly SimulatedRecord[]): Promise<void> {
  const lines = [
    csvLine(
      simulatedColumns.map((c) => chineseHeaders[c]),
      '\r\n',
    ),
  ];
  for (const r of records.map(chineseRecord))
    lines.push(
      csvLine(
        simulatedColumns.map((c) => r[c]),
        '\r\n',
      ),
    );
  await writeFile(path, iconv.encode(lines.join(''), 'gb18030'));
}

const textColumns = new Set(['province', 'county', 'school', 'student', 'sex', 'locale', 'grade']);

/**
 * Writes records as an Excel workbook (sheet 学生数据, Chinese headers). Numeric cells are
 * numbers equal to Number(the CSV text), so a reader gets the same doubles as from the CSV;
 * blank cells stay empty and text such as 缺考 stays text.
 */
export async function writeXlsx(path: string, records: readonly SimulatedRecord[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const fixedDate = new Date(Date.UTC(2026, 0, 1));
  workbook.creator = 'Jiance';
  workbook.created = fixedDate;
  workbook.modified = fixedDate;
  const sheet = workbook.addWorksheet('学生数据');
  sheet.addRow(simulatedColumns.map((c) => chineseHeaders[c]));
  for (const r of records.map(chineseRecord)) {
    sheet.addRow(
      simulatedColumns.map((c) => {
        const v = r[c];
        if (v === '') return null;
        if (textColumns.has(c)) return v;
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }),
    );
  }
  await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/**
 * Writes reference figures as the reference file a county receives (`--reference`): UTF-8, Chinese
 * headers (层级, 名称, 指标, 统计量, 年份, 年级, 估计值, 标准误, 来源), LF line ends.
 */
export async function writeReferences(path: string, rows: readonly FixtureReferenceRow[]): Promise<void> {
  const lines = [csvLine(['层级', '名称', '指标', '统计量', '年份', '年级', '估计值', '标准误', '来源'], '\n')];
  for (const r of rows)
    lines.push(
      csvLine(
        [r.level, r.label, r.measure, r.statistic, String(r.year), String(r.grade), String(r.estimate), r.se === null ? '' : String(r.se), r.source],
        '\n',
      ),
    );
  await writeFile(path, lines.join(''));
}
