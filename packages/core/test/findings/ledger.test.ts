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

describe('rectificationLedger: the ICC series of a county × grade', () => {
  const fit = (method: 'REML' | 'pseudo-ML', icc: number, iccCI: [number, number]) => ({ estimable: true as const, method, schools: 13, icc, iccCI });
  const cell = (year: number, primary: 'REML' | 'pseudo-ML', reml: number, weighted: number) => ({
    province: null,
    county: '某县',
    year,
    grade: 4,
    primary,
    reml: fit('REML', reml, [reml - 0.05, reml + 0.06]),
    weighted: fit('pseudo-ML', weighted, [weighted - 0.08, weighted + 0.1]),
  });
  const results = (counties: ReturnType<typeof cell>[]) =>
    ({
      rateComparison: [],
      levels: { subjects: [] },
      health: { measures: [] },
      countyComparison: [],
      betweenSchool: [{ subject: 'math', counties }],
    }) as unknown as AnalysisResults;
  const target = [{ measure: 'math:icc', target: '<= 15%', baseline: 2021, deadline: 2024 }];
  it('uses one estimator for every year: the weighted one when the weights vary in any year, REML when in none', () => {
    // 2021's weights were equal (REML decided), 2024's vary: both years are read from the weighted fit.
    const mixed = rectificationLedger(results([cell(2021, 'REML', 0.2, 0.18), cell(2024, 'pseudo-ML', 0.16, 0.14)]), target).items[0]!;
    expect([mixed.baseline!.value, mixed.latest!.value]).toEqual([0.18, 0.14]);
    expect(mixed.status).toBe('met');
    // The SE of a weighted year: the interval's width over 2·t(0.975, 12) (its drop is δ·t²).
    expect(mixed.latest!.se).toBeCloseTo(0.18 / (2 * 2.178812829663418), 12);
    const unweighted = rectificationLedger(results([cell(2021, 'REML', 0.2, 0.18), cell(2024, 'REML', 0.16, 0.14)]), target).items[0]!;
    expect([unweighted.baseline!.value, unweighted.latest!.value]).toEqual([0.2, 0.16]);
    expect(unweighted.status).toBe('not-met');
    expect(unweighted.latest!.se).toBeCloseTo(0.11 / (2 * 1.959963984540054), 12);
  });
});
