import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@jiance/core';
import { put, resultsOf, run, tempDir } from './helpers.js';

/** Deep equality with numbers equal to 1e-9 relative (batches merge moments in another order). */
function expectClose(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    return void expect(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${path}: ${a} vs ${b}`).toBe(true);
  }
  if (a && typeof a === 'object') {
    expect(Object.keys(b as object), path).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}

const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname;

describe('analyze --batch-rows: streaming gives the in-memory results', async () => {
  const dir = tempDir();
  const reference = async (file: string) => {
    const out = join(dir, `ref-${file}`);
    expect((await run([fixture(file), '--out', out])).code).toBe(0);
    return resultsOf(out);
  };
  const streamed = async (path: string, batchRows: number) => {
    const out = join(dir, `s-${batchRows}-${path.split('/').at(-1)}`);
    const r = await run([path, '--out', out, '--batch-rows', String(batchRows)]);
    expect([r.code, r.err]).toEqual([0, '']);
    return { results: resultsOf(out), run: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) };
  };
  const province = await reference('province.csv');
  const county = await reference('county.csv');

  it('CSV (UTF-8) in batches of 1,000 and 7,777 rows', async () => {
    for (const n of [1000, 7777]) {
      const s = await streamed(fixture('province.csv'), n);
      expectClose(province, s.results);
      expect(s.run.input).toMatchObject({ format: 'csv', encoding: 'utf-8', batchRows: n, bytes: readFileSync(fixture('province.csv')).length });
    }
  });

  it('GB18030 CSV with CRLF, a title line and the injected defects, in batches of 97', async () => {
    const text = readFileSync(fixture('county.csv'), 'utf8').replace(/\r?\n/g, '\r\n');
    const path = put(dir, 'county-gbk-crlf.csv', iconv.encode(`青山县监测学生数据\r\n${text}`, 'gb18030'));
    const s = await streamed(path, 97);
    expect(s.run.input.encoding).toBe('gb18030');
    // One title line above the header: every row number is one more.
    const shifted = JSON.parse(
      JSON.stringify(county)
        .replace(/"row":(\d+)/g, (_, r) => `"row":${Number(r) + 1}`)
        .replace(/= row (\d+)/g, (_, r) => `= row ${Number(r) + 1}`),
    );
    shifted.dataQuality.blankRows += 1;
    expectClose(shifted, s.results);
  });

  it('Arrow IPC record batches and Parquet row groups', async () => {
    const raw = parseCsv(readFileSync(fixture('province.csv'), 'utf8'), 'province.csv');
    const columns = Object.fromEntries(
      raw.headers.map((h, j) => [
        h,
        vectorFromArray(
          raw.columns[j]!.map((v) => (v === '' ? null : String(v))),
          new Utf8(),
        ),
      ]),
    );
    const table = new Table(columns);
    const batched = new Table([...table.slice(0, 6000).batches, ...table.slice(6000, 13000).batches, ...table.slice(13000).batches]);
    expect(batched.batches.length).toBe(3);
    const arrow = await streamed(put(dir, 'province.arrow', tableToIPC(batched, 'stream')), 5000);
    expectClose(province, arrow.results);
    const parquet = parquetWriteBuffer({
      columnData: raw.headers.map((h, j) => ({ name: h, data: raw.columns[j]!.map((v) => (v === '' ? null : String(v))), type: 'STRING' as const })),
      rowGroupSize: 4096,
    });
    const pq = await streamed(put(dir, 'province.parquet', new Uint8Array(parquet)), 3000);
    expectClose(province, pq.results);
  });
});

describe('analyze --batch-rows: an empty file is empty, as read whole', () => {
  it('a BOM alone and white space alone: "是空文件", as without --batch-rows (fuzz case 64301)', async () => {
    const dir = tempDir();
    for (const [name, bytes] of [
      ['bom-only.csv', new Uint8Array([0xef, 0xbb, 0xbf])],
      ['blank-lines.csv', new TextEncoder().encode(' \n\n  \r\n\t\n')],
    ] as const) {
      const path = put(dir, name, bytes);
      const whole = await run([path, '--out', join(dir, `w-${name}`)]);
      const streamed = await run([path, '--out', join(dir, `s-${name}`), '--batch-rows', '10']);
      expect(whole.code).toBe(2);
      expect(whole.err).toContain('是空文件');
      expect([streamed.code, streamed.err]).toEqual([whole.code, whole.err]);
    }
  });
});
