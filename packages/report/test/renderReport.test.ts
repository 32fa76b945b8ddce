import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { escapeHtml, formatCount, formatNumber, renderReport } from '../src/index.js';

const csv = [
  'county,school,student,math',
  '"=HYPERLINK(""http://x"")",<script>alert(1)</script>,id-001,500',
  '"=HYPERLINK(""http://x"")",<script>alert(1)</script>,id-002,520',
  '"=HYPERLINK(""http://x"")",<img src=x onerror=alert(2)>,id-003,480',
].join('\n');
const data = studentTable(parseCsv(csv, 'x.csv'));
const results = analyzeStudents(data);

describe('renderReport', () => {
  const html = renderReport(results, { inputFile: '<b>file</b>.csv', columns: data.mapping.columns });

  it('renderReport escapes every string from the data', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;file&lt;/b&gt;.csv');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
  });

  it('renderReport writes a self-contained page: no script, no external reference', () => {
    const clean = studentTable(parseCsv('区县,学校,数学\n青山县,一小,500\n青山县,二小,510\n', 'c.csv'));
    const page = renderReport(analyzeStudents(clean), { columns: clean.mapping.columns });
    expect(page).not.toMatch(/<script|<link|<img|src=|href="(?!#)|url\(|@import|https?:/);
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
  });

  it('renderReport never shows a student id', () => {
    expect(html).not.toContain('id-00');
  });

  it('renderReport shows the numbers of results.json, rounded', () => {
    const county = results.achievement[0]!.counties[0]!;
    expect(html).toContain(`<span data-value="mean">${formatNumber(county.mean, 1)}</span>`);
    expect(formatNumber(county.mean, 1)).toBe('500.0');
    expect(html).toContain(`<dd data-value="rowsRead">${formatCount(results.dataQuality.rowsRead)}</dd>`);
  });

  it('renderReport is in English on request', () => {
    const en = renderReport(results, { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Achievement summary');
    expect(en).not.toContain('学业表现汇总');
  });
});

describe('escapeHtml and formatting', () => {
  it('escapeHtml escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
  });
  it('formatNumber and formatCount', () => {
    expect(formatNumber(512.345, 1)).toBe('512.3');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('主要发现 with results that cannot be assessed', () => {
  it('says how many comparisons have no variance estimate, and does not call them 无显著差异', () => {
    // Every county one school: province against nation has SE 0 (3 marks: two provinces, one pair).
    const lonely = [
      'province,county,school,math',
      'P1,A,s1,500',
      'P1,A,s1,510',
      'P1,B,s2,520',
      'P1,B,s2,530',
      'P2,C,s3,400',
      'P2,C,s3,410',
      'P2,D,s4,420',
      'P2,D,s4,430',
    ].join('\n');
    const r = analyzeStudents(studentTable(parseCsv(lonely, 'lonely.csv')));
    r.findings = [];
    const html = renderReport(r).replace(/&#\d+;/g, '');
    const section = html.slice(html.indexOf('id="findings"'), html.indexOf('id="achievement"'));
    expect(section.length).toBeGreaterThan(100);
    expect(section).toContain('另有 3 项比较或趋势无法判断');
    expect(section).not.toContain('各项与全省、参照值无显著差异');
  });
});
