import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { put, run, tempDir } from './helpers.js';

// Names a county bureau's export may really contain, or an attacker may plant.
const evilSchool = '<script>alert(1)</script>';
const formulaSchool = '=HYPERLINK("http://evil.example","点我")';
const evilCounty = '<img src=x onerror=alert(2)>县';
const plusSchool = "+cmd|' /C calc'!A0";

/** A small monitoring file with hostile names and student ids that must never be written out. */
export function hostileCsv(): string {
  const lines = ['年份,区县,学校,学生编号,年级,性别,数学,左眼裸眼视力,右眼裸眼视力'];
  const schools: [string, string][] = [
    [evilCounty, evilSchool],
    [evilCounty, formulaSchool],
    [evilCounty, '第三小学'],
    ['青山县', plusSchool],
    ['青山县', '@SUM(1+1)'],
    ['青山县', '第六小学'],
  ];
  let id = 0;
  for (const year of [2023, 2024]) {
    for (const [k, [county, school]] of schools.entries()) {
      for (let i = 0; i < 12; i++) {
        id++;
        const math = 480 + 9 * k + ((i * 37) % 23) + (year - 2023) * 3;
        const va = (4.4 + ((i * 7 + k) % 9) / 10).toFixed(1);
        const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        lines.push([year, q(county), q(school), `ID-SECRET-${String(id).padStart(6, '0')}`, 4, i % 2 ? '男' : '女', math, va, '5.0'].join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

describe('hostile names and student ids in every output', async () => {
  const dir = tempDir();
  const input = put(dir, 'hostile.csv', hostileCsv());
  const out = join(dir, 'out');
  const result = await run([input, '--out', out, '--png']);

  it('the run succeeds', () => {
    expect(result.code).toBe(0);
  });

  it('report.html shows the names as text: no script, no element from the data', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;县');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)');
  });

  it('the SVG charts carry the names as escaped text', () => {
    for (const f of filesUnder(join(out, 'charts')).filter((f) => f.endsWith('.svg'))) {
      const svg = readFileSync(f, 'utf8');
      expect(svg).not.toMatch(/<script|<img/i);
    }
    const caterpillars = filesUnder(join(out, 'charts'))
      .filter((f) => /caterpillar/.test(f) && f.endsWith('.svg'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    expect(caterpillars).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('CSV tables neutralise formulas; the workbook stores them as text, never as formulas', async () => {
    const schools = readFileSync(join(out, 'tables', 'schools-math.csv'), 'utf8');
    expect(schools).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(schools).toContain(`'+cmd|' /C calc'!A0`);
    expect(schools).toContain(`'@SUM(1+1)`);
    expect(schools).not.toMatch(/(^|,)=HYPERLINK/m);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'tables.xlsx'));
    const sheet = workbook.getWorksheet('schools-math')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const formula = cells.find((c) => c.value === formulaSchool)!;
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('no student id and no row-level record appears in any output', () => {
    const files = filesUnder(out);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from('ID-SECRET')), f).toBe(false);
    }
  });

  it('--png writes a PNG for every chart', () => {
    const svgs = filesUnder(join(out, 'charts')).filter((f) => f.endsWith('.svg'));
    for (const svg of svgs) {
      const png = readFileSync(svg.replace(/\.svg$/, '.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    }
  });
});
