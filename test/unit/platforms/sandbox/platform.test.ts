import { describe, expect, it } from 'vitest';
import { PlatformError } from '@shared/platform/adapter';
import { SandboxPlatform } from '@platforms/sandbox/platform';
import { World } from '@platforms/sandbox/world';
import { createSandboxAccount, defaultScenarioPath } from '@platforms/sandbox/account';
import { ManualClock } from '@shared/time';
import { makeScenario } from './make-scenario';
import { existsSync } from 'node:fs';

const scenario = makeScenario({
  campaigns: [
    {
      labels: ['protected'],
      audiences: [
        { id: 'a1', name: 'A1', weight: 1 },
        { id: 'a2', name: 'A2', weight: 1 },
      ],
      creatives: [
        { id: 'k1', name: 'K1' },
        { id: 'k2', name: 'K2', enabled: false },
      ],
    },
    { minDailyBudget: 50 },
  ],
});

const fresh = () => new SandboxPlatform(new World(scenario));

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected the call to fail');
}

describe('sandbox platform adapter', () => {
  it('lists campaigns with their audiences and creatives, and hides the implicit ones', async () => {
    const [first, second] = await fresh().listCampaigns();
    expect(first).toMatchObject({ id: 'c1', status: 'active', dailyBudget: 1000, labels: ['protected'], bid: { strategy: 'lowest_cost' } });
    expect(first.audiences.map((a) => [a.id, a.enabled])).toEqual([
      ['a1', true],
      ['a2', true],
    ]);
    expect(first.creatives.map((c) => [c.id, c.enabled, c.liveSince === null])).toEqual([
      ['k1', true, false],
      ['k2', false, true],
    ]);
    expect(second.audiences).toEqual([]);
    expect(second.creatives).toEqual([]);
  });

  it('applies a change once per idempotency key and returns the first result again', async () => {
    const platform = fresh();
    const first = await platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 700 }, 'key-1');
    expect(first.applied).toBe(true);
    await platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 900 }, 'key-2');
    const again = await platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 700 }, 'key-1');
    expect(again.applied).toBe(false);
    expect(again.campaign.dailyBudget).toBe(700);
    expect((await platform.getCampaign('c2')).dailyBudget).toBe(900);
    const reused = await failure(platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 100 }, 'key-1'));
    expect(reused.platformCode).toBe('INVALID_CHANGE');
  });

  it('changes status, bid, targeting and creatives as absolute values', async () => {
    const platform = fresh();
    await platform.applyChange({ kind: 'status', campaignId: 'c1', status: 'paused' }, 's');
    await platform.applyChange({ kind: 'bid', campaignId: 'c1', bid: { strategy: 'max_cpc', amount: 2 } }, 'b');
    await platform.applyChange({ kind: 'targeting', campaignId: 'c1', audienceId: 'a2', enabled: false }, 't');
    const result = await platform.applyChange({ kind: 'creative', campaignId: 'c1', creativeId: 'k2', enabled: true }, 'c');
    expect(result.campaign).toMatchObject({ status: 'paused', bid: { strategy: 'max_cpc', amount: 2 } });
    expect(result.campaign.audiences.map((a) => a.enabled)).toEqual([true, false]);
    expect(result.campaign.creatives[1].liveSince).toBe(platform.world.startMs);
  });

  it('refuses bad changes with typed errors naming what is wrong', async () => {
    const platform = fresh();
    const missing = await failure(platform.applyChange({ kind: 'budget', campaignId: 'nope', dailyBudget: 10 }, 'x1'));
    expect(missing.platformCode).toBe('NOT_FOUND');
    expect(missing.message).toContain('nope');
    const low = await failure(platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 20 }, 'x2'));
    expect(low.platformCode).toBe('INVALID_CHANGE');
    expect(low.message).toContain('50');
    expect((await failure(platform.applyChange({ kind: 'targeting', campaignId: 'c1', audienceId: 'zz', enabled: true }, 'x3'))).platformCode).toBe(
      'NOT_FOUND',
    );
    expect((await failure(platform.getCampaign('ghost'))).platformCode).toBe('NOT_FOUND');
  });

  it('paused campaigns spend nothing', async () => {
    const platform = fresh();
    await platform.applyChange({ kind: 'status', campaignId: 'c2', status: 'paused' }, 'p');
    platform.world.advanceTo(24);
    const rows = await platform.getMetrics({ from: platform.world.startMs, to: platform.world.now(), campaignIds: ['c2'] });
    expect(rows).toEqual([]);
  });
});

describe('sandbox fault injection', () => {
  it('fails the next calls with transient errors, then recovers', async () => {
    const platform = fresh();
    platform.faults.inject({ kind: 'transient', count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await failure(platform.listCampaigns());
      expect(error.platformCode).toBe('TRANSIENT');
      expect(error.retryable).toBe(true);
    }
    expect(await platform.listCampaigns()).toHaveLength(2);
  });

  it('rate limits with a retry-after, and rejects changes without applying them', async () => {
    const platform = fresh();
    platform.faults.inject({ kind: 'rate_limit', match: { operation: 'getMetrics' } });
    const limited = await failure(platform.getMetrics({ from: 0, to: 1 }));
    expect(limited.platformCode).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    platform.faults.inject({ kind: 'reject', match: { campaignId: 'c2', changeKind: 'budget' } });
    await platform.applyChange({ kind: 'budget', campaignId: 'c1', dailyBudget: 500 }, 'ok');
    const rejected = await failure(platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 500 }, 'no'));
    expect(rejected.platformCode).toBe('POLICY_REJECTED');
    expect(rejected.retryable).toBe(false);
    expect((await platform.getCampaign('c2')).dailyBudget).toBe(1000);
    expect((await platform.getCampaign('c1')).dailyBudget).toBe(500);
  });

  it('a timeout applies the change but loses the answer; the retry with the same key applies nothing', async () => {
    const platform = fresh();
    platform.faults.inject({ kind: 'timeout' });
    const lost = await failure(platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 640 }, 'retry-me'));
    expect(lost.platformCode).toBe('TRANSIENT');
    const retry = await platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 640 }, 'retry-me');
    expect(retry.applied).toBe(false);
    expect(retry.campaign.dailyBudget).toBe(640);
  });

  it('fails a share of calls, deterministically, at a given rate', async () => {
    const outcomes = async () => {
      const platform = fresh();
      platform.faults.inject({ kind: 'transient', count: Infinity, rate: 0.3 });
      const out: boolean[] = [];
      for (let i = 0; i < 400; i++)
        out.push(
          await platform.listCampaigns().then(
            () => true,
            () => false,
          ),
        );
      return out;
    };
    const a = await outcomes();
    const failures = a.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(90);
    expect(failures).toBeLessThan(150);
    expect(await outcomes()).toEqual(a);
  });

  it('refuses a fault spec that makes no sense', () => {
    expect(() => fresh().faults.inject({ kind: 'transient', rate: 2 })).toThrow(/rate/);
    expect(() => fresh().faults.inject({ kind: 'reject', match: { operation: 'getMetrics' } })).toThrow(/applyChange/);
  });
});

describe('embedded sandbox account', () => {
  it('catches up with the clock whenever it is asked, and not before', async () => {
    const start = Date.parse('2026-06-01T00:00:00Z');
    const clock = new ManualClock(start + 30 * 60_000);
    const account = createSandboxAccount({ scenario, clock });
    expect(account.world.startMs).toBe(start);
    expect(await account.getMetrics({ from: start, to: start + 86_400_000 })).toEqual([]);
    clock.advance(5 * 3_600_000);
    expect(account.world.hour).toBe(0);
    const rows = await account.getMetrics({ from: start, to: start + 86_400_000, campaignIds: ['c2'] });
    expect(rows).toHaveLength(5);
    expect(account.world.days).toBeGreaterThanOrEqual(730);
  });

  it('ships its default scenario', () => {
    expect(existsSync(defaultScenarioPath())).toBe(true);
  });
});
