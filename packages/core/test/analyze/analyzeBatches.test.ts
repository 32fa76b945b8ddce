import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeBatches, analyzeStudents, batchesOf, parseCsv, rawFromRecords, studentTable, type RawTable } from '../../src/index.js';

const raw = (name: string): RawTable => parseCsv(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8'), name);

const batches = (r: RawTable, size: number) => batchesOf(r, size);

/** Deep equality with numbers equal to 1e-9 relative (merged moments are added in another order). */
function expectClose(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return void expect(Number.isNaN(a) && Number.isNaN(b), path).toBe(true);
    return void expect(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${path}: ${a} vs ${b}`).toBe(true);
  }
  if (Array.isArray(a) || ArrayBuffer.isView(a)) {
    const x = Array.from(a as ArrayLike<unknown>);
    const y = Array.from(b as ArrayLike<unknown>);
    expect(y.length, `${path}.length`).toBe(x.length);
    x.forEach((v, i) => expectClose(v, y[i], `${path}[${i}]`));
    return;
  }
  if (a && typeof a === 'object') {
    expect(Object.keys(b as object), path).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}

describe('analyzeBatches: the same results batch by batch as in one piece', () => {
  const options = {
    countyComparison: { reference: { label: '全国', estimate: 500 } },
    rates: { targets: { vision_poor: '-1pp per year from 2022' } },
    levels: { cuts: { math: { '4': [420, 500, 580], '8': [420, 500, 580] } } },
  };
  const province = raw('province.csv');
  const whole = JSON.parse(JSON.stringify(analyzeStudents(studentTable(province), options)));

  it('two provinces with same-named counties and schools (fixtures/two-provinces.csv) in batches of 500 rows', async () => {
    const two = raw('two-provinces.csv');
    const streamed = await analyzeBatches(batches(two, 500));
    expectClose(JSON.parse(JSON.stringify(analyzeStudents(studentTable(two)))), JSON.parse(JSON.stringify(streamed.results)));
    expect(streamed.results.countyComparison[0]!.nation.length).toBe(4);
  });

  for (const size of [20_052, 5_000, 1_237]) {
    it(`province fixture in batches of ${size} rows`, async () => {
      const streamed = await analyzeBatches(batches(province, size), options);
      expect(streamed.batches).toBe(Math.ceil(20_052 / size));
      expectClose(whole, JSON.parse(JSON.stringify(streamed.results)));
    });
  }

  it('county fixture (injected defects, a duplicate id across batches, a batch with no usable row) in batches of 97', async () => {
    const county = raw('county.csv');
    const one = JSON.parse(JSON.stringify(analyzeStudents(studentTable(county))));
    const streamed = await analyzeBatches(batches(county, 97));
    expectClose(one, JSON.parse(JSON.stringify(streamed.results)));
    expect(streamed.results.dataQuality.excludedRows.find((r) => r.rule === 'duplicate_student')!.count).toBeGreaterThan(0);
  });

  it('a batch in which every row is excluded is counted, not lost', async () => {
    const text = 'county,school,math\n甲县,a,500\n甲县,b,510\n,c,520\n,d,530\n乙县,e,540\n乙县,f,550\n';
    const r = parseCsv(text, 'x.csv');
    const streamed = await analyzeBatches(batches(r, 2));
    expect(streamed.results.dataQuality.rowsRead).toBe(6);
    expect(streamed.results.dataQuality.excludedRows).toEqual([
      {
        rule: 'missing_county',
        field: 'county',
        count: 2,
        examples: [
          { row: 4, value: '' },
          { row: 5, value: '' },
        ],
      },
    ]);
    expect(streamed.results.achievement[0]!.usage).toEqual(analyzeStudents(studentTable(r)).achievement[0]!.usage);
  });

  it('memory is held by summaries of groups: their number does not grow with the batches', async () => {
    const a = await analyzeBatches(batches(province, 20_052), options);
    const b = await analyzeBatches(batches(province, 2_000), options);
    expect(b.summaries).toEqual(a.summaries);
  });
});

describe('recordingSource uses', () => {
  it('counts each request as often as the analyses ask a real source (a stream frees a summary after its last use)', async () => {
    const { recordingSource, tableSource, requestKey } = await import('../../src/index.js');
    for (const [name, options] of [
      ['province.csv', {}],
      ['county.csv', {}],
      ['design/pv-jk2.csv', { design: { replicates: { kind: 'JK2' as const } } }],
    ] as const) {
      const data = studentTable(raw(name));
      const source = tableSource(data, {});
      const asked = new Map<string, number>();
      const count = (kind: string, r: object) => asked.set(requestKey({ kind, ...r } as never), (asked.get(requestKey({ kind, ...r } as never)) ?? 0) + 1);
      const counting = {
        info: source.info,
        moments: (r: Parameters<typeof source.moments>[0]) => (count('moments', r), source.moments(r)),
        entries: (r: Parameters<typeof source.entries>[0]) => (count('entries', r), source.entries(r)),
        usage: (r: Parameters<typeof source.usage>[0]) => (count('usage', r), source.usage(r)),
      };
      analyzeStudents(counting, options);
      const recorder = recordingSource(source.info);
      analyzeStudents(recorder.source, options);
      expect(recorder.uses, name).toEqual(asked);
      if (name === 'province.csv') {
        const streamed = await analyzeBatches(batches(raw(name), 5000), options);
        expect(streamed.summaries.requests).toBe(recorder.requests.size);
      }
    }
  });
});

describe('analyzeBatches ends the stream when a run stops early', () => {
  it('replicate weights without a method stop the run after the first batch: the stream is ended (its finally runs, so a reader closes its file)', async () => {
    const batch = rawFromRecords([
      { 区县: '青山县', 学校: '一小', 数学: 500, rep_w1: 1, rep_w2: 1 },
      { 区县: '青山县', 学校: '二小', 数学: 520, rep_w1: 1, rep_w2: 1 },
    ]);
    let ended = false;
    let read = 0;
    async function* stream(): AsyncGenerator<RawTable> {
      try {
        for (;;) {
          read++;
          yield batch;
        }
      } finally {
        ended = true;
      }
    }
    await expect(analyzeBatches(stream())).rejects.toThrow(/replicate|重复权重/i);
    expect([ended, read]).toEqual([true, 1]);
  });
});
