import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { messages } from '@jiance/core';
import { put, resultsOf, run, tempDir } from './helpers.js';

const fixture = (name: string): string => new URL(`../../../fixtures/${name}`, import.meta.url).pathname;
const references = fixture('county.references.csv');

describe('analyze --reference: the county against its province and the nation', () => {
  it('README command 1: every year × grade of math and of each rate against the province (with SE) and the nation (without)', async () => {
    const out = join(tempDir(), 'out');
    const r = await run([fixture('county.csv'), '--reference', references, '--out', out]);
    expect(r.code).toBe(0);
    const results = resultsOf(out);
    expect(results.references.values).toHaveLength(160);
    const math = results.countyComparison[0];
    expect(math.cells).toHaveLength(8);
    for (const cell of math.cells) {
      expect(cell.counties[0].references.map((x: { label: string; test: string }) => [x.label, x.test])).toEqual([
        ['示例省', 'independent'],
        ['全国', 'fixed'],
      ]);
    }
    const run_ = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run_.references).toEqual([
      { path: references, format: 'csv', bytes: readFileSync(references).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), figures: 160 },
    ]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('与全省、全国参照值比较');
    expect(html).toContain('青山县2024年四年级数学为');
    expect(html).toContain('参照值标准误 2.5：按两个独立样本比较');
    expect(html).toContain('参照值无标准误：以本县 95% 置信区间与之比较');
    // Figures the data cannot use (anxiety has no cut-off, so no rate) are listed, not dropped.
    expect(html).toContain('未使用的参照值（16 个）');
    const table = readFileSync(join(out, 'tables', 'references-math.csv'), 'utf8');
    expect(table.split('\r\n')[0]).toBe(
      '\uFEFF年份,年级,省份,区县,均值,标准误,参照层级,参照,参照值,参照值标准误,差,差的标准误,自由度,差的下限,差的上限,p,判断,比较方式',
    );
    expect(table.split('\r\n').filter(Boolean)).toHaveLength(1 + 16);
    expect(readFileSync(join(out, 'tables', 'rate-references-vision_poor.csv'), 'utf8')).toContain('示例省,0.4,0.008');
  });

  it('a GB18030 reference file with Chinese headers reads as the UTF-8 one; so do config "references" items', async () => {
    const dir = tempDir();
    const gbk = put(dir, 'refs-gbk.csv', iconv.encode(readFileSync(references, 'utf8').replace(/\n/g, '\r\n'), 'gb18030'));
    await run([fixture('county.csv'), '--reference', gbk, '--out', join(dir, 'a')]);
    await run([fixture('county.csv'), '--reference', references, '--out', join(dir, 'b')]);
    expect(readFileSync(join(dir, 'a', 'results.json'))).toEqual(readFileSync(join(dir, 'b', 'results.json')));
    const config = put(dir, 'jiance.json', JSON.stringify({ references: [{ level: 'nation', label: '全国常模', measure: 'math', estimate: 500, se: 1.5 }] }));
    expect((await run([fixture('county.csv'), '-c', config, '--out', join(dir, 'c')])).code).toBe(0);
    const cell = resultsOf(join(dir, 'c')).countyComparison[0].cells[0];
    expect(cell.counties[0].references).toMatchObject([{ label: '全国常模', value: 500, valueSE: 1.5, test: 'independent' }]);
  });

  it('a reference row with an unknown indicator, grade or year stops the run, naming the file, row and value (exit 2, no stack trace)', async () => {
    const dir = tempDir();
    const head = '层级,指标,年份,年级,估计值\n全国,数学,2024,4,500\n';
    const cases: [string, string, string][] = [
      ['全国,近视眼,2024,4,0.4', '指标', '近视眼'],
      ['全国,视力不良,2024,十三年级,0.4', '年级', '十三年级'],
      ['全国,视力不良,20二4,4,0.4', '年份', '20二4'],
    ];
    for (const [row, column, value] of cases) {
      const path = put(dir, 'bad.csv', `${head}${row}\n`);
      const r = await run([fixture('county.csv'), '--reference', path, '--out', join(dir, 'out')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^错误：参照值文件“bad\\.csv”第 3 行：${column}“${value}”无法使用：`));
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const unknownHeader = put(dir, 'header.csv', '层级,指标,估算值\n全国,数学,500\n');
    const h = await run([fixture('county.csv'), '--reference', unknownHeader, '--out', join(dir, 'out')]);
    expect(h.err).toBe(
      `错误：${messages.referenceHeaderUnknown('header.csv', '估算值', ['层级', '名称', '省份', '指标', '统计量', '年份', '年级', '估计值', '标准误', '下限', '上限', '来源', '备注']).zh}\n`,
    );
    const missing = await run([fixture('county.csv'), '--reference', join(dir, 'nope.csv'), '--out', join(dir, 'out')]);
    expect(missing.err).toBe(`错误：${messages.fileNotFound(join(dir, 'nope.csv')).zh}\n`);
  });

  it('the same figures give the same results through DuckDB and in batches', async () => {
    const dir = tempDir();
    await run([fixture('county.csv'), '--reference', references, '--out', join(dir, 'memory')]);
    await run([fixture('county.csv'), '--reference', references, '--engine', 'duckdb', '--out', join(dir, 'duckdb')]);
    await run([fixture('county.csv'), '--reference', references, '--batch-rows', '700', '--out', join(dir, 'stream')]);
    const memory = resultsOf(join(dir, 'memory'));
    /** Deep equality with numbers to 1e-9 relative (the engines add partial sums in another order). */
    const close = (a: unknown, b: unknown): boolean => {
      if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
      if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
      const [ka, kb] = [Object.keys(a), Object.keys(b)];
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    };
    expect(close({ x: [1, 2] }, { x: [1, 2, 3] })).toBe(false);
    for (const other of ['duckdb', 'stream']) {
      const got = resultsOf(join(dir, other));
      expect(close(memory.countyComparison, got.countyComparison)).toBe(true);
      expect(got.references).toEqual(memory.references);
    }
  });
});
