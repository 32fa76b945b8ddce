import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import { Dictionary, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '@jiance/core';
import { reportTables, resultTables, spreadsheetText } from '@jiance/report';
import { arqueroFromArrow, arqueroResultTables } from '@jiance/report/arquero';
import { resultsOf, run as runCli, tempDir } from './helpers.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** The CSV's cell text of an Arrow value, as tableToCsv writes it (numbers unrounded, text made formula-safe). */
const csvText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : spreadsheetText(String(v)));

describe('result tables (Arrow and arquero) equal the tables/*.csv that analyze writes', () => {
  let work: string;
  const runs: { name: string; lang: 'zh' | 'en'; out: string; results: AnalysisResults }[] = [];

  beforeAll(async () => {
    work = tempDir();
    // The county with references and a plan (levels, ledger), the province (many counties), in both languages.
    const plan = ['--reference', join(fixtures, 'county.references.csv'), '-c', join(fixtures, 'county.plan.json')];
    const cases = [
      { name: 'county', lang: 'zh' as const, args: plan },
      { name: 'county', lang: 'en' as const, args: plan },
      { name: 'province', lang: 'zh' as const, args: [] },
    ];
    for (const c of cases) {
      const out = join(work, `${c.name}-${c.lang}`);
      const { code, err } = await runCli([join(fixtures, `${c.name}.csv`), ...c.args, '--lang', c.lang, '--out', out]);
      expect(code, err).toBe(0);
      runs.push({ name: c.name, lang: c.lang, out, results: resultsOf(out) as AnalysisResults });
    }
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('one Arrow table per CSV file, with the CSV’s header, rows and every cell', async () => {
    for (const run of runs) {
      const tables = resultTables(run.results, run.lang);
      const files = (await readdir(join(run.out, 'tables'))).filter((f) => f.endsWith('.csv')).sort();
      expect(tables.map((t) => `${t.id}.csv`).sort()).toEqual(files);
      for (const t of tables) {
        const text = (await readFile(join(run.out, 'tables', `${t.id}.csv`), 'utf8')).replace(/^\uFEFF/, '');
        const [header, ...rows] = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { newline: '\r\n' }).data;
        expect(
          t.table.schema.fields.map((f) => f.name),
          `${run.name}/${run.lang} ${t.id}`,
        ).toEqual(header);
        expect(t.table.numRows, `${run.name}/${run.lang} ${t.id}`).toBe(rows.length);
        const columns = t.table.schema.fields.map((_, j) => [...t.table.getChildAt(j)!]);
        const mismatches: string[] = [];
        rows.forEach((row, i) =>
          row.forEach((cell, j) => {
            if (csvText(columns[j]![i]) !== cell) mismatches.push(`${t.id} row ${i + 2} ${header![j]}: arrow ${String(columns[j]![i])}, csv ${cell}`);
          }),
        );
        expect(mismatches.slice(0, 5)).toEqual([]);
      }
    }
  });

  it('numbers are Float64 columns (unrounded, as in results.json) and text Utf8 without dictionaries', () => {
    const run = runs.find((r) => r.name === 'county' && r.lang === 'zh')!;
    const between = resultTables(run.results).find((t) => t.id === 'between-math')!.table;
    expect(between.schema.fields.map((f) => String(f.type)).slice(0, 8)).toEqual([
      'Utf8',
      'Utf8',
      'Float64',
      'Utf8',
      'Float64',
      'Float64',
      'Float64',
      'Float64',
    ]);
    const c = run.results.betweenSchool[0]!.counties[0]!;
    expect(between.getChild('ICC (REML)')!.get(0)).toBe(c.reml.estimable ? c.reml.icc : null);
    expect(between.getChild('加权 ICC 上限')!.get(0)).toBe(c.weighted?.estimable ? c.weighted.iccCI[1] : null);
    for (const t of resultTables(run.results)) {
      t.table.schema.fields.forEach((f, j) => {
        const values = [...t.table.getChildAt(j)!];
        // Null only for a column without a value; Float64 only for numbers.
        if (String(f.type) === 'Null') expect(values.every((v) => v === null)).toBe(true);
        else if (String(f.type) === 'Float64') expect(values.every((v) => v === null || typeof v === 'number')).toBe(true);
        else expect(String(f.type)).toBe('Utf8');
      });
    }
    // Columns without any value (notes with nothing to note, ranks of a lone county) are Null, never a guessed type.
    const empty = resultTables(run.results).flatMap((t) =>
      t.table.schema.fields.filter((_, j) => [...t.table.getChildAt(j)!].every((v) => v === null)).map((f) => String(f.type)),
    );
    expect(empty.length).toBeGreaterThan(0);
    expect(new Set(empty)).toEqual(new Set(['Null']));
  });

  it('each table names its family and subject, from which its id is made; the tables of the whole run have none', () => {
    const run = runs.find((r) => r.name === 'county' && r.lang === 'zh')!;
    const tables = resultTables(run.results);
    for (const t of tables) {
      if (['findings', 'ledger', 'ledger-findings', 'quality', 'usage'].includes(t.id)) expect([t.family, t.subject]).toEqual([undefined, undefined]);
      else if (t.family?.startsWith('gaps-')) expect(t.id).toBe(`gaps-${t.subject}-${t.family.slice(5)}`);
      else expect(t.id).toBe(`${t.family}-${t.subject}`);
    }
    expect(tables.filter((t) => t.family === 'rates').map((t) => t.subject)).toEqual(run.results.rates.indicators.map((i) => i.indicator));
    expect(tables.find((t) => t.id === 'between-math')).toMatchObject({ family: 'between', subject: 'math' });
  });

  it('every column name is unique in every table, in both languages (Arrow and arquero need it)', () => {
    for (const run of runs)
      for (const t of reportTables(run.results, run.lang))
        expect(new Set(t.columns).size, `${run.lang} ${t.id}: ${t.columns.join(' | ')}`).toBe(t.columns.length);
  });

  it('as arquero tables: the same values, ready for filter, groupby and join', () => {
    const run = runs.find((r) => r.name === 'province')!;
    const aqTables = arqueroResultTables(run.results);
    for (const t of resultTables(run.results)) {
      const a = aqTables[t.id]!;
      expect(a.columnNames()).toEqual(t.table.schema.fields.map((f) => f.name));
      for (const name of a.columnNames()) expect(Array.from(a.array(name) as ArrayLike<unknown>)).toEqual([...t.table.getChild(name)!]);
    }
    // A verb chain an analyst writes: the counties significantly below the province in 2024, grade 4.
    const below = aqTables['comparison-math']!.params({ mark: '显著低于全省' })
      .filter((d: Record<string, unknown>, $: { mark: string }) => d.年份 === 2024 && d.年级 === '四年级' && d.判断 === $.mark)
      .select('区县', '均值', '与全省之差')
      .objects();
    const cell = run.results.countyComparison[0]!.cells.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(below.map((r) => r.区县)).toEqual(cell.counties.filter((c) => c.vsProvince?.mark === 'below').map((c) => c.county));
  });

  it('an Arrow table whose batches carry different dictionaries is read with each batch’s own (arquero 8.0.3’s fromArrow is not)', () => {
    const type = () => new Dictionary(new Utf8(), new Int32());
    const first = new Table({ 区县: vectorFromArray(['青山县', '河东区'], type()) });
    const two = first.concat(new Table({ 区县: vectorFromArray(['石门县', '白水县'], type()) }));
    expect(two.batches.length).toBe(2);
    expect(String(two.schema.fields[0]!.type)).toMatch(/^Dictionary/);
    expect(arqueroFromArrow(two).array('区县')).toEqual(['青山县', '河东区', '石门县', '白水县']);
    // The bug avoided: arquero's own reader gives the second batch's strings to the first batch's rows.
    const theirs = Array.from(aq.fromArrow(two).array('区县') as ArrayLike<unknown>);
    expect(theirs).not.toEqual(['青山县', '河东区', '石门县', '白水县']);
  });
});
