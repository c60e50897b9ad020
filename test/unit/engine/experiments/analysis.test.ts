import { describe, expect, it } from 'vitest';
import { analyseExperiment } from '@engine/experiments/analysis';
import { assignCampaigns } from '@engine/experiments/assignment';
import type { Assignment, CampaignDay } from '@shared/domain/experiment';
import { SeededRandom } from '@shared/random';

const balance = { treatment: { spend: 0, revenue: 0, roas: null }, holdout: { spend: 0, revenue: 0, roas: null }, standardizedDiff: { spend: 0, roas: 0 } };
const twoPairs: Assignment = {
  seed: 1,
  treatment: ['t1', 't2'],
  holdout: ['h1', 'h2'],
  pairs: [
    { treatment: 't1', holdout: 'h1' },
    { treatment: 't2', holdout: 'h2' },
  ],
  balance,
};
const PRE = ['2026-05-01', '2026-05-02', '2026-05-03'];
const TEST = ['2026-05-04', '2026-05-05', '2026-05-06'];

/** Every campaign spends 100 a day at the given daily revenue, one conversion per 50 of revenue. */
function days(revenue: Record<string, [pre: number, test: number]>): CampaignDay[] {
  return Object.entries(revenue).flatMap(([campaignId, [pre, test]]) => [
    ...PRE.map((date) => ({ campaignId, date, spend: 100, revenue: pre, conversions: pre / 50 })),
    ...TEST.map((date) => ({ campaignId, date, spend: 100, revenue: test, conversions: test / 50 })),
  ]);
}

describe('analyseExperiment', () => {
  it('computes the difference-in-differences and its interval as by hand (2 pairs, 3 + 3 days)', () => {
    // The treatments gain 10% and 30%; the holdouts move −10% and +10%.
    const rows = days({ t1: [200, 220], h1: [200, 180], t2: [300, 390], h2: [300, 330] });
    const a = analyseExperiment({ assignment: twoPairs, rows, startDate: '2026-05-04' });
    expect(a.preDays).toBe(3);
    expect(a.testDays).toBe(3);
    // Treatment revenue 1500 → 1830 and holdout's 1500 → 1530 on unchanged spend: 1.22 / 1.02 − 1.
    const theta = Math.log(1.22 / 1.02);
    expect(a.lift!.roas.estimate).toBeCloseTo(Math.expm1(theta), 10);
    expect(a.lift!.revenue.estimate).toBeCloseTo(Math.expm1(theta), 10);
    expect(a.lift!.cpa.estimate).toBeCloseTo(1.02 / 1.22 - 1, 10);
    // Leaving a holdout campaign out gives ln 1.22 − ln 1.1 and ln 1.22 − ln 0.9: jackknife SE ln(1.1 / 0.9) / 2,
    // times √2 for the treatment's equal share of the drift; t with 1 degree of freedom is 6.313752.
    // Each period's days are alike, so the placebo and the day bootstrap add nothing.
    const half = 6.313752 * (Math.log(1.1 / 0.9) / 2) * Math.SQRT2;
    expect(a.lift!.roas.low).toBeCloseTo(Math.expm1(theta - half), 5);
    expect(a.lift!.roas.high).toBeCloseTo(Math.expm1(theta + half), 5);
    expect(a.significant).toBe(false);
    expect(a.verdict).toBe('not enough evidence yet after 3 days: ROAS likely between −51% and +193%');
    expect(a.running.map((r) => r.date)).toEqual(TEST);
    expect(a.running[2]).toEqual({ date: TEST[2], ...a.lift!.roas });
    expect(a.method).toMatch(/difference-in-differences/i);
  });

  it('widens the interval by the placebo when the groups already drifted apart within the pre-period', () => {
    const steady = days({ t1: [200, 240], h1: [200, 200], t2: [300, 360], h2: [300, 300] });
    const tiring = steady.map((r) => (r.campaignId === 't1' && r.date === PRE[0] ? { ...r, revenue: 400 } : r));
    const calm = analyseExperiment({ assignment: twoPairs, rows: steady, startDate: '2026-05-04' });
    const drifting = analyseExperiment({ assignment: twoPairs, rows: tiring, startDate: '2026-05-04' });
    expect(calm.lift!.roas.high - calm.lift!.roas.low).toBeCloseTo(0, 10);
    expect(drifting.lift!.roas.high - drifting.lift!.roas.low).toBeGreaterThan(0.2);
  });

  it('adjusts for a gap the groups already had before the test', () => {
    // The treatment was 50% better before and still is: no lift.
    const rows = days({ t1: [300, 300], h1: [200, 200], t2: [450, 450], h2: [300, 300] });
    const a = analyseExperiment({ assignment: twoPairs, rows, startDate: '2026-05-04' });
    expect(a.lift!.roas.estimate).toBeCloseTo(0, 10);
  });

  it('finds no lift where there is none, its interval around zero', () => {
    const { assignment, rows } = account({ lift: 0, seed: 4 });
    const a = analyseExperiment({ assignment, rows, startDate: START });
    expect(a.lift!.roas.low).toBeLessThan(0);
    expect(a.lift!.roas.high).toBeGreaterThan(0);
    expect(Math.abs(a.lift!.roas.estimate)).toBeLessThan(0.05);
    expect(a.significant).toBe(false);
    expect(a.verdict).toMatch(/^not enough evidence yet after 60 days: ROAS likely between −\d+% and \+\d+%$/);
  });

  it('calls a clear lift in plain words', () => {
    const { assignment, rows } = account({ lift: 0.2, seed: 2 });
    const a = analyseExperiment({ assignment, rows, startDate: START });
    expect(a.significant).toBe(true);
    expect(a.lift!.roas.low).toBeLessThan(0.2);
    expect(a.lift!.roas.high).toBeGreaterThan(0.2);
    expect(a.verdict).toMatch(/^agents \+\d+% ROAS \(90% CI \+\d+% to \+\d+%\) after 60 days$/);
    expect(a.running).toHaveLength(60);
    // The running interval narrows as days come in.
    expect(a.running[59].high - a.running[59].low).toBeLessThan(a.running[4].high - a.running[4].low);
  });

  it('says what is missing when there is no pre-period or no test day yet', () => {
    const { assignment, rows } = account({ lift: 0, seed: 1 });
    const early = analyseExperiment({ assignment, rows: rows.filter((r) => r.date < START), startDate: START });
    expect(early).toMatchObject({ lift: null, significant: false, testDays: 0, running: [] });
    expect(early.verdict).toBe(`not enough data yet: no complete day of the test since ${START}`);
    const noPre = analyseExperiment({ assignment, rows: rows.filter((r) => r.date >= START), startDate: START });
    expect(noPre.lift).toBeNull();
    expect(noPre.verdict).toMatch(/no pre-period day/);
  });

  it('is the same for the same input, and its seed moves only the bootstrap', () => {
    const { assignment, rows } = account({ lift: 0.1, seed: 3 });
    const a = analyseExperiment({ assignment, rows, startDate: START });
    expect(analyseExperiment({ assignment, rows, startDate: START, seed: assignment.seed })).toEqual(a);
    const other = analyseExperiment({ assignment, rows, startDate: START, seed: 99 });
    expect(other.lift!.roas.estimate).toBe(a.lift!.roas.estimate);
  });

  it('analyses 30 campaigns over 90 days well within 200 ms', () => {
    const { assignment, rows } = account({ lift: 0.1, seed: 5 });
    analyseExperiment({ assignment, rows, startDate: START });
    const started = performance.now();
    analyseExperiment({ assignment, rows, startDate: START });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

const START = '2026-01-31';

/** 30 campaigns over 30 pre-period and 60 test days, daily noise of ±30% in revenue, the treatment's ROAS lifted by `lift` in the test. */
function account({ lift, seed }: { lift: number; seed: number }): { assignment: Assignment; rows: CampaignDay[] } {
  const rng = new SeededRandom(seed);
  const campaigns = Array.from({ length: 30 }, (_, i) => ({ id: `c${i + 1}`, spend: 200 + 2000 * rng.next(), roas: 1.5 + 3 * rng.next() }));
  const assignment = assignCampaigns(
    campaigns.map((c) => ({ campaignId: c.id, spend: 30 * c.spend, revenue: 30 * c.spend * c.roas, conversions: 0 })),
    seed,
  );
  const treated = new Set(assignment.treatment);
  const rows: CampaignDay[] = [];
  for (let d = 0; d < 90; d++) {
    const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    for (const c of campaigns) {
      const factor = date >= START && treated.has(c.id) ? 1 + lift : 1;
      const revenue = c.spend * c.roas * factor * (0.7 + 0.6 * rng.next());
      rows.push({ campaignId: c.id, date, spend: c.spend, revenue, conversions: revenue / 80 });
    }
  }
  return { assignment, rows };
}
