import { describe, expect, it } from 'vitest';
import { estimatePower } from '@engine/experiments/power';
import type { Assignment, CampaignDay } from '@shared/domain/experiment';
import { SeededRandom } from '@shared/random';

const balance = { treatment: { spend: 0, revenue: 0, roas: null }, holdout: { spend: 0, revenue: 0, roas: null }, standardizedDiff: { spend: 0, roas: 0 } };
const assignment: Assignment = { seed: 1, treatment: ['a'], holdout: ['b'], pairs: [{ treatment: 'a', holdout: 'b' }], balance };

/** Two campaigns' days at ROAS 3, each day's revenue off by up to ±noise. */
function preperiod(days: number, noise: number, seed = 1): CampaignDay[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: days }, (_, d) => {
    const date = new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10);
    return ['a', 'b'].map((campaignId) => ({ campaignId, date, spend: 100, revenue: 300 * (1 + noise * (2 * rng.next() - 1)), conversions: 5 }));
  }).flat();
}

describe('estimatePower', () => {
  it('asks for more days the noisier the groups’ daily gap', () => {
    const quiet = estimatePower({ assignment, rows: preperiod(28, 0.1), lift: 0.15 });
    const noisy = estimatePower({ assignment, rows: preperiod(28, 0.3), lift: 0.15 });
    expect(quiet.daysNeeded).not.toBeNull();
    expect(noisy.daysNeeded).not.toBeNull();
    expect(noisy.daysNeeded!).toBeGreaterThan(quiet.daysNeeded!);
    expect(noisy.note).toMatch(/^about \d+ days to detect a \+15% ROAS lift/);
  });

  it('asks for more days for a smaller lift', () => {
    const rows = preperiod(28, 0.2);
    expect(estimatePower({ assignment, rows, lift: 0.1 }).daysNeeded!).toBeGreaterThan(estimatePower({ assignment, rows, lift: 0.2 }).daysNeeded!);
  });

  it('matches the normal approximation on white noise', () => {
    // Uniform ±20% revenue noise on each side: SD of the log gap ≈ √2 · 0.2/√3.
    const rows = preperiod(400, 0.2, 3);
    const sd = Math.SQRT2 * (0.2 / Math.sqrt(3));
    const perDay = (Math.log(1.15) / (1.6449 + 0.8416)) ** 2 / sd ** 2 - 1 / 400;
    const expected = 1 / perDay;
    const { daysNeeded } = estimatePower({ assignment, rows, lift: 0.15 });
    expect(daysNeeded!).toBeGreaterThan(expected * 0.75);
    expect(daysNeeded!).toBeLessThan(expected * 1.35);
  });

  it('says nothing from fewer than 7 pre-period days, or when the lift is out of reach', () => {
    const short = estimatePower({ assignment, rows: preperiod(6, 0.1), lift: 0.15 });
    expect(short).toEqual({ lift: 0.15, daysNeeded: null, note: 'needs at least 7 pre-period days with spend and revenue in both groups, has 6' });
    const wild = estimatePower({ assignment, rows: preperiod(7, 0.9), lift: 0.02 });
    expect(wild.daysNeeded).toBeNull();
    expect(wild.note).toMatch(/out of reach/);
  });

  it('refuses a lift of nothing', () => {
    expect(() => estimatePower({ assignment, rows: preperiod(10, 0.1), lift: 0 })).toThrow(/not 0/);
  });
});
