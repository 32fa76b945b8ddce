import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, referenceTable, studentTable } from '@jiance/core';
import { renderReport, reportTables } from '../../src/index.js';

const text = (name: string) => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
const county = studentTable(parseCsv(text('county.csv'), 'county.csv'));
const results = analyzeStudents(county, { references: referenceTable(parseCsv(text('county.references.csv'), 'county.references.csv')) });

describe('health measures in the report', () => {
  it('the sample county’s anxiety and sleep levels against its province and the nation, and how anxiety is reported', () => {
    const html = renderReport(results, {});
    expect(html).toContain('六、健康指标平均水平');
    expect(html).toContain('未给出焦虑判定界值，焦虑按平均得分（焦虑水平）报告');
    const anxiety = results.health.measures.find((m) => m.measure === 'anxiety')!.comparison.cells.find((c) => c.year === 2024 && c.grade === 4)!.counties[0]!;
    expect(html).toContain(`青山县2024年四年级焦虑得分为 ${anxiety.mean.mean.toFixed(1)}（95% CI`);
    expect(html).toContain('每天睡眠小时数：2024年四年级');
    expect(html).toContain('较差眼裸眼视力');
    const en = renderReport(analyzeStudents(county, { rates: { anxietyCutoff: 60 } }), { lang: 'en' });
    expect(en).toContain('6. Health measures: mean levels');
    expect(en).toContain('Anxiety is reported both as its mean score (the level) and, by its cut-off, as a detection rate');
  });

  it('tables: each measure’s county means, reference comparisons, trends and domains', () => {
    const tables = reportTables(results, 'zh');
    const ids = tables.map((t) => t.id);
    for (const m of ['anxiety', 'sleep_hours', 'bmi', 'fitness_score', 'va_worse'])
      expect(ids).toEqual(expect.arrayContaining([`health-comparison-${m}`, `health-trends-${m}`, `health-domains-${m}`]));
    expect(tables.find((t) => t.id === 'health-references-sleep_hours')!.rows).toHaveLength(16);
    const trend = results.health.measures[0]!.trends[0]!;
    expect(tables.find((t) => t.id === 'health-trends-anxiety')!.rows[0]!.slice(4, 6)).toEqual([trend.trend!.slope, trend.trend!.se]);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
  });
});
