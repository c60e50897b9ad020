import { describe, expect, it } from 'vitest';
import { assignCampaigns } from '@engine/experiments/assignment';
import type { ExperimentUnit } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';
import { SeededRandom } from '@shared/random';

/** An account of n campaigns of spend spread over two orders of magnitude and ROAS from 1 to 6. */
function units(n: number, seed = 1): ExperimentUnit[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const spend = 28 * Math.exp(Math.log(50) + rng.next() * Math.log(100));
    const revenue = spend * (1 + 5 * rng.next());
    return { campaignId: `c${i + 1}`, spend, revenue, conversions: revenue / 60 };
  });
}

describe('assignCampaigns', () => {
  it('splits matched pairs, one of each to either group, and is balanced on spend and ROAS', () => {
    const account = units(40);
    const a = assignCampaigns(account, 7);
    expect(a.pairs).toHaveLength(20);
    expect(a.unpaired).toBeUndefined();
    expect(new Set([...a.treatment, ...a.holdout]).size).toBe(40);
    expect(a.treatment).toEqual(a.pairs.map((p) => p.treatment));
    expect(Math.abs(a.balance.standardizedDiff.spend)).toBeLessThan(0.25);
    expect(Math.abs(a.balance.standardizedDiff.roas)).toBeLessThan(0.25);
    expect(a.balance.treatment.spend + a.balance.holdout.spend).toBeCloseTo(
      account.reduce((s, u) => s + u.spend, 0),
      6,
    );
  });

  it('pairs campaigns alike: a pair is far closer than two campaigns taken at random', () => {
    const account = units(40, 3);
    const byId = new Map(account.map((u) => [u.campaignId, u]));
    const gap = (a: ExperimentUnit, b: ExperimentUnit) => Math.abs(Math.log(a.spend / b.spend)) + Math.abs(a.revenue / a.spend - b.revenue / b.spend);
    const paired = assignCampaigns(account, 1).pairs.map((p) => gap(byId.get(p.treatment)!, byId.get(p.holdout)!));
    const random = account.slice(0, 20).map((u, i) => gap(u, account[39 - i]));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(paired)).toBeLessThan(mean(random) / 3);
  });

  it('keeps the standardised differences small over many seeds', () => {
    const account = units(30, 5);
    const diffs = Array.from({ length: 50 }, (_, seed) => assignCampaigns(account, seed).balance.standardizedDiff);
    const meanAbs = (k: 'spend' | 'roas') => diffs.reduce((s, d) => s + Math.abs(d[k]), 0) / diffs.length;
    expect(meanAbs('spend')).toBeLessThan(0.1);
    expect(meanAbs('roas')).toBeLessThan(0.1);
  });

  it('is the same for a seed, whatever order the campaigns come in, and differs between seeds', () => {
    const account = units(20);
    expect(assignCampaigns([...account].reverse(), 42)).toEqual(assignCampaigns(account, 42));
    const splits = new Set(Array.from({ length: 10 }, (_, seed) => assignCampaigns(account, seed).treatment.sort().join()));
    expect(splits.size).toBeGreaterThan(5);
  });

  it('leaves the odd campaign unpaired, joining a group by the coin', () => {
    const groups = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const a = assignCampaigns(units(7), seed);
      expect(a.pairs).toHaveLength(3);
      expect(a.unpaired).toBeDefined();
      expect(a.treatment.length + a.holdout.length).toBe(7);
      groups.add(a.treatment.includes(a.unpaired!) ? 'treatment' : 'holdout');
    }
    expect(groups).toEqual(new Set(['treatment', 'holdout']));
  });

  it('refuses fewer than two campaigns, or one twice', () => {
    expect(() => assignCampaigns(units(1), 1)).toThrow(AcmError);
    expect(() => assignCampaigns([], 1)).toThrow(/at least 2 campaigns/);
    const [u] = units(1);
    expect(() => assignCampaigns([u, u], 1)).toThrow(/once/);
  });

  it('pairs campaigns without spend with each other, their ROAS unknown', () => {
    const none = (id: string): ExperimentUnit => ({ campaignId: id, spend: 0, revenue: 0, conversions: 0 });
    const a = assignCampaigns([none('z1'), ...units(2), none('z2')], 3);
    expect(a.pairs.map((p) => [p.treatment, p.holdout].sort())).toContainEqual(['z1', 'z2']);
  });
});
