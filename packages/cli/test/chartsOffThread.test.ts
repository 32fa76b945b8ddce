import { readFileSync } from 'node:fs';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { buildCharts } from '@jiance/report';
import { describe, expect, it } from 'vitest';
import { chartsOffThread } from '../src/chartsOffThread.js';

const county = readFileSync(new URL('../../../fixtures/county.csv', import.meta.url), 'utf8');

describe('chartsOffThread', () => {
  it('draws on a worker thread the charts buildCharts draws here, telling each one drawn', async () => {
    const results = analyzeStudents(studentTable(parseCsv(county, 'county.csv')));
    const heard: [number, number][] = [];
    const charts = await chartsOffThread(results, 'zh', (done, total) => heard.push([done, total]));
    const here = await buildCharts(results, 'zh');
    expect(charts.length).toBeGreaterThan(5);
    // As written (charts/*.vl.json, *.svg): vega's symbol ids on the data values stay on this thread.
    expect(charts.map((c) => JSON.stringify(c))).toEqual(here.map((c) => JSON.stringify(c)));
    expect(heard.at(-1)).toEqual([here.length, here.length]);
  });
});
