import { momentsOf } from '@jiance/core';
import { describe, expect, test } from 'vitest';
import { momentsFromSums, resolveSpec } from '../src/index.js';

describe('momentsFromSums', () => {
  test('momentsFromSums(shifted sums) gives Welford mean and m2 (doc example: [501, 2])', () => {
    const g = momentsFromSums(['school'], [['一小']], { count: [2], sumWeights: [2], sumWeights2: [2], sum1: [2], sum2: [4], centre: 500 });
    expect([g.mean[0], g.m2[0]]).toEqual([501, 2]);
    expect(momentsOf([500, 502])).toMatchObject({ mean: 501, m2: 2 });
  });

  test('momentsFromSums gives m2 exactly 0 for one value and never below 0; drops groups with no value', () => {
    const g = momentsFromSums(['school'], [['a', 'b', 'c']], {
      count: [1n, 2n, 0n],
      sumWeights: [0.7, 2, null],
      sumWeights2: [0.49, 2, null],
      sum1: [0.7 * 3.3, 2 * 1e-9, null],
      sum2: [0.7 * 3.3 * 3.3 * (1 + 1e-16), 2 * 1e-18 * (1 - 1e-12), null],
      centre: 10,
    });
    expect(g.labels).toEqual([['a', 'b']]);
    expect(Array.from(g.m2)).toEqual([0, 0]);
    expect(Array.from(g.count)).toEqual([1, 2]);
  });
});

describe('resolveSpec', () => {
  test('resolveSpec maps roles to Chinese headers and lists core row rules (doc example)', () => {
    const r = resolveSpec({ keys: ['county'], values: ['math'] }, ['区县', '学校名称', '监测年份', '权重', '数学']);
    expect(r.values[0]!.column).toBe('数学');
    expect(r.weight?.column).toBe('权重');
    expect(r.rowRules.map((c) => c.role)).toEqual(['county', 'school', 'year', 'weight']);
    expect(r.keys[0]).toMatchObject({ role: 'county', column: '区县', kind: 'text' });
  });

  test('resolveSpec takes plausible ranges from core roles.ts, overridable', () => {
    const r = resolveSpec({ keys: [], values: ['va_left', 'sleep_hours'], ranges: { sleep_hours: [3, 16] } }, ['va_left', 'sleep_hours']);
    expect(r.values.map((v) => v.range)).toEqual([[3, 5.3], [3, 16]]);
    expect(r.weight).toBeUndefined();
  });

  test('resolveSpec with an explicit weight role that is absent throws engine-unknown-column', () => {
    expect(() => resolveSpec({ keys: [], values: ['math'], weight: 'weight' }, ['math'])).toThrow(/weight/);
    expect(() => resolveSpec({ keys: [], values: [] }, ['math'])).toThrow(/at least one value/);
  });
});
