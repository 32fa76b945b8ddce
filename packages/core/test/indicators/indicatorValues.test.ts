import { describe, expect, it } from 'vitest';
import { indicatorTrends, indicatorValues, rawFromRecords, studentTable, tableSource } from '../../src/index.js';
import { thrown } from '../helpers.js';

describe('indicatorValues', () => {
  it('indicatorValues refuses an anxiety score without a cut-off, and uses one when given', () => {
    const data = studentTable(
      rawFromRecords([
        { 区县: 'A', 学校: 'x', 焦虑得分: 70 },
        { 区县: 'A', 学校: 'x', 焦虑得分: 50 },
      ]),
    );
    expect(thrown(() => indicatorValues(data, 'anxiety')).code).toBe('anxiety-cutoff-required');
    expect(Array.from(indicatorValues(data, 'anxiety', { anxietyCutoff: 60 }).values)).toEqual([1, 0]);
    expect(indicatorTrends(tableSource(data)).skipped).toEqual([{ indicator: 'anxiety', reason: 'anxiety-cutoff-missing' }]);
  });
  it('indicatorValues: one poor eye decides, a missing eye otherwise leaves the row out and says why', () => {
    const data = studentTable(
      rawFromRecords([
        { 区县: 'A', 学校: 'x', 左眼裸眼视力: 4.8, 右眼裸眼视力: '' },
        { 区县: 'A', 学校: 'x', 左眼裸眼视力: 5.1, 右眼裸眼视力: '' },
        { 区县: 'A', 学校: 'x', 左眼裸眼视力: 5.0, 右眼裸眼视力: 9 },
      ]),
    );
    const v = indicatorValues(data, 'vision_poor');
    expect(Array.from(v.values)).toEqual([1, NaN, NaN]);
    expect(v.usage.rowsUsed).toBe(1);
    expect(v.usage.excluded).toEqual([
      { rule: 'missing', field: 'va_right', count: 1 },
      { rule: 'out_of_range', field: 'va_right', count: 1 },
    ]);
  });
  it('indicatorValues marks ages outside the BMI tables as not applicable', () => {
    const data = studentTable(rawFromRecords([{ 区县: 'A', 学校: 'x', 身高: 120, 体重: 25, 年龄: 5.5, 性别: '男' }]));
    expect(indicatorValues(data, 'obese').usage.excluded).toEqual([{ rule: 'not_applicable', field: 'rate.obese', count: 1 }]);
  });
});
