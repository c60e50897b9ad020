import { describe, expect, it } from 'vitest';
import type { CampaignChange } from '@shared/domain/campaign';
import { PlatformError } from '@shared/platform/adapter';
import { SeededRandom } from '@shared/random';
import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS, ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { openSandboxAccount, type SandboxAccount } from '@platforms/sandbox/account';
import type { SandboxStateSink, SandboxStateUpdate } from '@platforms/sandbox/world-saver';
import { parseWorldState, type SavedHour } from '@platforms/sandbox/world-state';
import { makeScenario } from './make-scenario';

function scenarioIn(timezone: string, start: string): Scenario {
  return makeScenario({
    timezone,
    start,
    days: 12,
    seed: 7,
    account: { dailySpendCap: 5200 },
    campaigns: [
      {
        dailyBudget: 2000,
        noise: { dispersion: 0.3 },
        market: { cpc: 1.2, cpcSigma: 0.3 },
        attribution: { delayHoursMean: 30 },
        orderValue: { mean: 60, sigma: 0.5 },
        audiences: [
          { id: 'a1', name: 'A1', weight: 2 },
          { id: 'a2', name: 'A2', weight: 1 },
          { id: 'a3', name: 'A3', weight: 1, enabled: false },
        ],
        creatives: [
          { id: 'k1', name: 'K1', fatigueHalfLifeDays: 4 },
          { id: 'k2', name: 'K2', quality: 1.3, fatigueHalfLifeDays: 6 },
          { id: 'k3', name: 'K3', enabled: false },
        ],
        changes: [{ day: 3, response: { maxConversions: 140 }, orderValue: { mean: 45 } }],
      },
      {
        dailyBudget: 1500,
        bid: { strategy: 'max_cpc', amount: 1.1 },
        noise: { dispersion: 0.2 },
        market: { cpc: 1, cpcSigma: 0.25 },
        attribution: { delayHoursMean: 8 },
        orderValue: { mean: 80, sigma: 0.4 },
      },
      { dailyBudget: 900, minDailyBudget: 50, noise: { dispersion: 0.1 }, attribution: { delayHoursMean: 70 } },
    ],
  });
}

/** A sink that keeps what it is given, as the store does. */
function memorySink(): SandboxStateSink & { state?: string; hours: SavedHour[]; saves: number; failNext: boolean } {
  return {
    hours: [],
    saves: 0,
    failNext: false,
    save(update: SandboxStateUpdate) {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('disk full');
      }
      this.state = update.state;
      this.hours.push(...update.hours);
      this.saves++;
    },
  };
}

/** Random changes through the adapter, the same for every world that plays this plan: at most a few an hour. */
function changePlan(seed: number, hours: number): Map<number, CampaignChange[]> {
  const random = new SeededRandom(seed);
  const plan = new Map<number, CampaignChange[]>();
  const pick = <T>(items: readonly T[]) => items[Math.floor(random.next() * items.length)];
  for (let h = 0; h < hours; h++) {
    if (random.next() > 0.15) continue;
    const kind = pick(['budget', 'bid', 'status', 'targeting', 'creative'] as const);
    const change: CampaignChange =
      kind === 'budget'
        ? { kind, campaignId: pick(['c1', 'c2', 'c3']), dailyBudget: Math.round(100 + random.next() * 3000) }
        : kind === 'bid'
          ? { kind, campaignId: 'c2', bid: random.next() < 0.3 ? { strategy: 'lowest_cost' } : { strategy: 'max_cpc', amount: 0.6 + random.next() } }
          : kind === 'status'
            ? { kind, campaignId: pick(['c1', 'c2', 'c3']), status: random.next() < 0.3 ? 'paused' : 'active' }
            : kind === 'targeting'
              ? { kind, campaignId: 'c1', audienceId: pick(['a2', 'a3']), enabled: random.next() < 0.5 }
              : { kind, campaignId: 'c1', creativeId: pick(['k1', 'k2', 'k3']), enabled: random.next() < 0.6 };
    plan.set(h, [change]);
  }
  return plan;
}

interface Run {
  account: SandboxAccount;
  clock: ManualClock;
}

/** Plays hours [from, to) of the plan: the clock at the middle of each hour, its changes sent then. */
async function play(run: Run, plan: Map<number, CampaignChange[]>, from: number, to: number): Promise<void> {
  const { world } = run.account.platform;
  for (let h = from; h < to; h++) {
    run.clock.set(world.startMs + h * HOUR_MS + HOUR_MS / 2);
    run.account.catchUp();
    for (const [i, change] of (plan.get(h) ?? []).entries()) {
      await run.account.platform.applyChange(change, `h${h}-${i}`).catch((error: unknown) => {
        if (!(error instanceof PlatformError && error.platformCode === 'INVALID_CHANGE')) throw error;
      });
    }
  }
  run.clock.set(world.startMs + to * HOUR_MS);
  run.account.catchUp();
}

function start(scenario: Scenario, sink = memorySink()): Run & { sink: ReturnType<typeof memorySink> } {
  const startMs = AccountZone.of(scenario.timezone).dayOfDate(scenario.start).startMs;
  const clock = new ManualClock(startMs);
  return { account: openSandboxAccount({ scenario, clock, startMs, days: scenario.days, sink }), clock, sink };
}

function resume(scenario: Scenario, sink: ReturnType<typeof memorySink>): Run {
  const state = parseWorldState(sink.state!, 'test');
  const clock = new ManualClock(state.clockMs);
  return { account: openSandboxAccount({ scenario, clock, saved: { state, hours: sink.hours, where: 'test' } }), clock };
}

/** Everything the platform reports, and the truth beside it. */
async function report(run: Run) {
  const { platform } = run.account;
  const { world } = platform;
  const range = { from: world.startMs, to: world.startMs + world.totalHours * HOUR_MS };
  return {
    campaigns: await platform.listCampaigns(),
    none: await platform.getMetrics(range),
    audience: await platform.getMetrics({ ...range, breakdown: 'audience' }),
    creative: await platform.getMetrics({ ...range, breakdown: 'creative' }),
    truth: [[...world.daySpend], [...world.dayConversions], [...world.dayRevenue]],
    progress: { ...world.progress(), pending: [...world.progress().pending].sort((a, b) => a[0] - b[0]) },
  };
}

describe('a saved sandbox world', () => {
  const cases = [
    { zone: 'UTC', start: '2026-01-05', seed: 1, stopAt: 37, runOn: 80 },
    { zone: 'America/New_York', start: '2026-03-05', seed: 2, stopAt: 101, runOn: 60 },
    { zone: 'Asia/Kolkata', start: '2026-02-01', seed: 3, stopAt: 5, runOn: 150 },
    { zone: 'America/New_York', start: '2026-10-30', seed: 4, stopAt: 190, runOn: 95 },
  ];

  it.each(cases)('continues exactly as if it never stopped ($zone, stopped at hour $stopAt)', async ({ zone, start: date, seed, stopAt, runOn }) => {
    const scenario = scenarioIn(zone, date);
    const plan = changePlan(seed, stopAt + runOn);
    const original = start(scenario);
    await play(original, plan, 0, stopAt);
    const restored = resume(scenario, original.sink);
    expect(await report(restored)).toEqual(await report(original));
    await play(original, plan, stopAt, stopAt + runOn);
    await play(restored, plan, stopAt, stopAt + runOn);
    const [a, b] = [await report(original), await report(restored)];
    expect(b).toEqual(a);
    expect(a.none.length).toBeGreaterThan(100);
    expect(a.progress.pending.length).toBeGreaterThan(0);
  });

  it('is saved after every change and every hour, one row per hour', async () => {
    const scenario = scenarioIn('UTC', '2026-01-05');
    const run = start(scenario);
    await play(run, new Map(), 0, 5);
    expect(run.sink.hours.map((h) => h.hour)).toEqual([0, 1, 2, 3, 4]);
    const saves = run.sink.saves;
    await run.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'k');
    expect(run.sink.saves).toBe(saves + 1);
    expect(parseWorldState(run.sink.state!, 'test').campaigns[2].dailyBudget).toBe(700);
  });

  it('undoes a change it cannot save, and the platform says it failed', async () => {
    const scenario = scenarioIn('UTC', '2026-01-05');
    const run = start(scenario);
    await play(run, new Map(), 0, 3);
    run.sink.failNext = true;
    const error = await run.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).retryable).toBe(true);
    expect((await run.account.platform.getCampaign('c3')).dailyBudget).toBe(900);
    const again = await run.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'k');
    expect(again).toMatchObject({ applied: true, campaign: { dailyBudget: 700 } });
  });

  it('keeps the hours it could not save and saves them with the next save', async () => {
    const scenario = scenarioIn('UTC', '2026-01-05');
    const errors: unknown[] = [];
    const sink = memorySink();
    const clock = new ManualClock(Date.parse('2026-01-05T00:00:00Z'));
    const account = openSandboxAccount({ scenario, clock, days: scenario.days, sink, onSaveError: (e) => errors.push(e) });
    expect(account.platform.world.startMs).toBe(clock.now());
    clock.set(clock.now() + 2 * HOUR_MS);
    sink.failNext = true;
    account.catchUp();
    expect(errors).toHaveLength(1);
    expect(sink.hours).toHaveLength(0);
    clock.set(clock.now() + HOUR_MS);
    account.catchUp();
    expect(sink.hours.map((h) => h.hour)).toEqual([0, 1, 2]);
  });

  it('honours an idempotency key across a restart, for a day', async () => {
    const scenario = scenarioIn('UTC', '2026-01-05');
    const run = start(scenario);
    await play(run, new Map(), 0, 2);
    await run.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'once');
    const restored = resume(scenario, run.sink);
    const replay = await restored.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'once');
    expect(replay.applied).toBe(false);
    await play(restored, new Map(), 2, 30);
    expect((await restored.account.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 700 }, 'once')).applied).toBe(true);
  });

  it('refuses a saved world that lacks hours', async () => {
    const scenario = scenarioIn('UTC', '2026-01-05');
    const run = start(scenario);
    await play(run, new Map(), 0, 4);
    run.sink.hours.splice(2, 1);
    expect(() => resume(scenario, run.sink)).toThrow('test: the saved sandbox world lacks hour 2');
  });
});
