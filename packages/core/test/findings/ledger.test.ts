import { describe, expect, it } from 'vitest';
import { ledgerStatus, parseLedgerTarget, rectificationLedger, type AnalysisResults, type Finding, type LedgerValue } from '../../src/index.js';
import { thrown } from '../helpers.js';

const v = (year: number, value: number, se = 0.01): LedgerValue => ({ year, value, se, lower: value - 1.96 * se, upper: value + 1.96 * se });

describe('ledger statuses at each boundary (已达成 / 未达成 / 明显改善但未达标 / 待评估)', () => {
  const atMost = parseLedgerTarget('<= 35%', 'rate', 'vision_poor');
  it('a line: met exactly at it, not met just above; improved when the change is significant', () => {
    expect(ledgerStatus(atMost, v(2021, 0.4), v(2024, 0.35), 2024, 2024).status).toBe('met');
    expect(ledgerStatus(atMost, v(2021, 0.4), v(2024, 0.3501), 2024, 2024).status).toBe('improved'); // −4.99 pp, SE 1.41 pp
    expect(ledgerStatus(atMost, v(2021, 0.37), v(2024, 0.36), 2024, 2024).status).toBe('not-met'); // −1 pp, CI spans 0
    expect(ledgerStatus(atMost, v(2021, 0.4), v(2024, 0.3), 2025, 2024)).toMatchObject({ status: 'pending', reason: 'before-deadline', onTrack: true });
    expect(ledgerStatus(atMost, v(2021, 0.4), v(2024, 0.38), 2025, 2024)).toMatchObject({ status: 'pending', reason: 'before-deadline', onTrack: false });
    expect(ledgerStatus(atMost, null, v(2024, 0.3), 2024, 2024).status).toBe('met'); // a line needs no baseline
    expect(ledgerStatus(atMost, v(2021, 0.4), null, 2024, 2024)).toMatchObject({ status: 'pending', reason: 'no-latest' });
  });
  it('a pace: −1 pp a year over 3 years is met at −3 pp, not at −2.9 pp', () => {
    const pace = parseLedgerTarget('-1pp per year', 'rate', 'vision_poor');
    expect(pace).toEqual({ kind: 'perYear', value: -0.01 });
    const met = ledgerStatus(pace, v(2021, 0.43), v(2024, 0.4), 2024, 2024);
    expect(met.status).toBe('met');
    expect(met.change!.perYear).toBeCloseTo(-0.01, 12);
    expect(met.change!.lower).toBeCloseTo(-0.03 - 1.959963984540054 * Math.SQRT2 * 0.01, 12);
    expect(ledgerStatus(pace, v(2021, 0.43), v(2024, 0.401), 2024, 2024).status).toBe('improved');
    expect(ledgerStatus(pace, v(2021, 0.43), v(2024, 0.401, 0.02), 2024, 2024).status).toBe('not-met');
    expect(ledgerStatus(pace, null, v(2024, 0.4), 2024, 2024)).toMatchObject({ status: 'pending', reason: 'no-baseline' });
  });
  it('a direction: met only when the change is significant; a mean target in its own units', () => {
    const down = parseLedgerTarget('decreasing', 'mean', 'anxiety:mean');
    expect(ledgerStatus(down, v(2021, 40, 1), v(2024, 37, 1), 2024, 2024).status).toBe('met'); // −3, SE 1.41
    expect(ledgerStatus(down, v(2021, 40, 1), v(2024, 38, 1), 2024, 2024).status).toBe('not-met'); // −2, CI spans 0
    expect(parseLedgerTarget('>= 9', 'mean', 'sleep_hours')).toEqual({ kind: 'atLeast', value: 9 });
  });
  it('refuses targets written in the wrong units, naming the measure and the text', () => {
    expect(thrown(() => parseLedgerTarget('>= 9%', 'mean', 'sleep_hours')).message).toMatch(/">= 9%" for "sleep_hours".*plain number/);
    expect(thrown(() => parseLedgerTarget('<= 35', 'rate', 'vision_poor')).message).toMatch(/"<= 35" for "vision_poor".*% and pp/);
    expect(thrown(() => parseLedgerTarget('fewer', 'rate', 'vision_poor')).code).toBe('bad-ledger-target');
  });
});

describe('rectificationLedger', () => {
  const empty = {
    rateComparison: [],
    levels: { subjects: [] },
    betweenSchool: [],
    health: { measures: [] },
    countyComparison: [],
  } as unknown as AnalysisResults;
  const finding = (id: string, polarity: Finding['polarity'] = 'problem') => ({ id, polarity }) as Finding;
  it('lists a target the data cannot check as pending (no data), never drops it', () => {
    const ledger = rectificationLedger(empty, [{ measure: 'fitness_pass', target: '>= 95%', deadline: 2025 }]);
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ status: 'pending', reason: 'no-data', measure: 'fitness_pass' });
  });
  it("matches an earlier run's problems by id: resolved, persisting, new (positive findings are not problems)", () => {
    const before = [finding('a'), finding('b'), finding('p', 'positive')];
    const now = [finding('b'), finding('c'), finding('a', 'positive')];
    const ledger = rectificationLedger(empty, [], now, { findings: before, label: 'old.csv', years: [2021] });
    expect(ledger.findings!.map((f) => `${f.id}:${f.status}`)).toEqual(['a:resolved', 'b:persisting', 'c:new']);
    expect(rectificationLedger(empty, [], now).findings).toBeNull();
  });
});
