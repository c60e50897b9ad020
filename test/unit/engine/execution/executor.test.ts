import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@shared/domain/decision';
import { ScenarioSchema } from '@shared/scenario/schema';
import { Executor, type AttemptEvent } from '@engine/execution/executor';
import { CircuitBreaker } from '@engine/execution/circuit-breaker';
import { HOUR_MS, ManualClock } from '@shared/time';
import { PlatformError } from '@shared/platform/adapter';
import { SeededRandom } from '@shared/random';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';

const START = Date.UTC(2026, 0, 5);

const scenario = ScenarioSchema.parse({
  format: 'acm-scenario/1',
  name: 'executor',
  days: 10,
  start: '2026-01-05',
  campaigns: [{ id: 'c1', name: 'One', dailyBudget: 1000, orderValue: { mean: 80 }, response: { maxConversions: 100, halfSaturationSpend: 1000 } }],
  agents: [{ name: 'A', campaigns: '*' }],
});

let store: Store;
let platform: SandboxPlatform;
let active: boolean;
let attempts: AttemptEvent[];
let waits: number[];
let n = 0;

function executor(extra: Partial<ConstructorParameters<typeof Executor>[0]> = {}) {
  return new Executor({
    platform,
    decisions: store.decisions,
    mayExecute: () => active,
    clock: new ManualClock(START),
    random: new SeededRandom(1),
    sleep: async (ms) => void waits.push(ms),
    onAttempt: (e) => attempts.push(e),
    ...extra,
  });
}

function propose(after: number, before = 1000): Decision {
  n += 1;
  return store.decisions.insert({
    id: `d${n}`,
    createdAt: START + n,
    agentId: 'agent-a',
    campaignId: 'c1',
    kind: 'budget',
    before: { kind: 'budget', dailyBudget: before },
    after: { kind: 'budget', dailyBudget: after },
    reasoning: 'test',
    confidence: 0.9,
    prediction: { metric: 'revenue', windowHours: 24, point: 1, low80: 0, high80: 2 },
    metrics: {},
    state: 'proposed',
    idempotencyKey: `key-${n}`,
  });
}

const budget = async () => (await platform.getCampaign('c1')).dailyBudget;
const applyCalls = () => attempts.filter((a) => a.result === 'applied').length;

beforeEach(() => {
  store = openDatabase({ path: ':memory:' });
  store.agents.create({ id: 'agent-a', name: 'A', definition: {}, goals: [] }, START);
  platform = new SandboxPlatform(new World(scenario, { startMs: START }));
  active = true;
  attempts = [];
  waits = [];
});
afterEach(() => store.close());

describe('executor', () => {
  it('commits pending before the call and executed after, applying the absolute value', async () => {
    const d = propose(1200);
    const outcome = await executor().execute(d.id);
    expect(outcome).toMatchObject({ state: 'executed', attempts: 1 });
    expect(await budget()).toBe(1200);
    expect(store.decisions.get(d.id)?.state).toBe('executed');
  });

  it('retries transient errors and rate limits with growing jittered waits, then succeeds', async () => {
    platform.faults.inject({ kind: 'transient', count: 2, match: { operation: 'applyChange' } });
    platform.faults.inject({ kind: 'rate_limit', count: 1, match: { operation: 'applyChange' } });
    const outcome = await executor().execute(propose(1100).id);
    expect(outcome).toMatchObject({ state: 'executed', attempts: 4 });
    expect(waits).toHaveLength(3);
    expect(waits[1]).toBeGreaterThan(waits[0] / 2);
    expect(waits[2]).toBeGreaterThanOrEqual(60_000);
    expect(await budget()).toBe(1100);
  });

  it('does not wait out a wait of hours: a decision refused for hours before it was sent is cancelled at once, saying how long', async () => {
    const read = platform.getCampaign.bind(platform);
    let refusals = 1;
    platform.getCampaign = async (id) => {
      if (refusals-- > 0) throw new PlatformError('RATE_LIMITED', "the day's operations are spent", 5 * HOUR_MS + 7 * 60_000);
      return read(id);
    };
    const d = propose(1100);
    const outcome = await executor({ breaker: new CircuitBreaker(1), onBreakerTrip: () => expect.fail('the breaker tripped') }).execute(d.id);
    expect(outcome).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(store.decisions.get(d.id)?.error).toBe(
      "not sent: RATE_LIMITED: the day's operations are spent; the platform asks to wait 5 h 7 min, too long for a decision to stay pending: the agent decides anew after it",
    );
    expect(waits).toEqual([]);
    expect(await budget()).toBe(1000);
  });

  it('leaves a change refused for hours at the moment it was sent in doubt, not failed, and settles it by reading it back', async () => {
    const apply = platform.applyChange.bind(platform);
    platform.applyChange = async () => {
      throw new PlatformError('RATE_LIMITED', 'too many budget changes on this ad set', HOUR_MS);
    };
    const ex = executor({ breaker: new CircuitBreaker(1), onBreakerTrip: () => expect.fail('the breaker tripped') });
    const d = propose(1100);
    expect(await ex.execute(d.id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waits).toEqual([]);
    platform.applyChange = apply;
    const [settled] = await ex.settleInDoubt();
    expect(settled).toMatchObject({ decisionId: d.id, state: 'cancelled' });
    expect(await budget()).toBe(1000);
  });

  it("does not retry the platform's refusal of the change: the decision is blocked in the platform's words, and the breaker does not count it", async () => {
    platform.faults.inject({ kind: 'reject', count: 5 });
    const refused: string[] = [];
    const ex = executor({ breaker: new CircuitBreaker(1), onBreakerTrip: () => expect.fail('the breaker tripped'), onRefused: (_d, why) => refused.push(why) });
    const d = propose(1100);
    const outcome = await ex.execute(d.id);
    expect(outcome).toMatchObject({ state: 'blocked', attempts: 1 });
    expect(store.decisions.get(d.id)).toMatchObject({
      state: 'blocked',
      error: 'refused by the platform: change rejected by platform policy: applyChange on c1 (injected)',
    });
    expect(refused).toEqual([store.decisions.get(d.id)?.error]);
    expect(attempts.map((a) => a.error)).toEqual([expect.stringMatching(/^POLICY_REJECTED: /)]);
    expect(waits).toEqual([]);
    expect(await budget()).toBe(1000);
  });

  it('after a timeout reads the setting back and does not send the change again', async () => {
    platform.faults.inject({ kind: 'timeout', count: 1 });
    const d = propose(1150);
    const outcome = await executor().execute(d.id);
    expect(outcome.state).toBe('executed');
    expect(attempts.map((a) => a.result)).toEqual(['error', 'found-applied']);
    expect(await budget()).toBe(1150);
  });

  it('never calls a change failed that may have landed: it stays pending until a read-back settles it, and is not sent again', async () => {
    platform.faults.inject({ kind: 'timeout', count: 1 });
    platform.faults.inject({ kind: 'transient', count: 4, match: { operation: 'getCampaign' } });
    const ex = executor();
    const d = propose(1150);
    const outcome = await ex.execute(d.id);
    expect(outcome.state).toBe('pending');
    expect(outcome.error).toMatch(
      /^the change was sent but no answer or read-back confirmed it \(TRANSIENT: .*\): it stays pending until the platform can be read$/,
    );
    expect(store.decisions.get(d.id)?.state).toBe('pending');
    expect(await budget()).toBe(1150);
    active = false;
    expect(await ex.settleInDoubt()).toEqual([]);
    active = true;
    const [settled] = await ex.settleInDoubt();
    expect(settled).toMatchObject({ decisionId: d.id, state: 'executed' });
    expect(store.decisions.get(d.id)?.state).toBe('executed');
    expect(applyCalls()).toBe(0);
    expect(await ex.settleInDoubt()).toEqual([]);
  });

  it('cancels a change left in doubt that turns out not to have landed, rather than sending it late', async () => {
    platform.faults.inject({ kind: 'transient', count: 1, match: { operation: 'applyChange' } });
    platform.faults.inject({ kind: 'transient', count: 4, match: { operation: 'getCampaign' } });
    const ex = executor();
    const d = propose(1150);
    expect((await ex.execute(d.id)).state).toBe('pending');
    const [settled] = await ex.settleInDoubt();
    expect(settled).toMatchObject({
      decisionId: d.id,
      state: 'cancelled',
      error: 'the change was not in effect when it could be read back, and is out of date: it is not sent again',
    });
    expect(store.decisions.get(d.id)?.state).toBe('cancelled');
    expect(await budget()).toBe(1000);
  });

  it('refuses to apply over a setting that changed since the decision saw it', async () => {
    await platform.applyChange({ kind: 'budget', campaignId: 'c1', dailyBudget: 700 }, 'someone-else');
    const d = propose(1200);
    const outcome = await executor().execute(d.id);
    expect(outcome.state).toBe('cancelled');
    expect(outcome.error).toMatch(/saw 1000\.00.*now has 700\.00/);
    expect(await budget()).toBe(700);
  });

  it('starts no platform call once the agent is paused, even mid-flight between read-back and apply', async () => {
    const d = propose(1200);
    const original = platform.getCampaign.bind(platform);
    platform.getCampaign = async (id) => {
      const campaign = await original(id);
      active = false;
      return campaign;
    };
    const outcome = await executor().execute(d.id);
    expect(outcome.state).toBe('cancelled');
    expect(applyCalls()).toBe(0);
    expect(await original('c1').then((c) => c.dailyBudget)).toBe(1000);
    expect(store.decisions.get(d.id)?.state).toBe('cancelled');
  });

  it('applies a decision left pending by a crash exactly once on restart', async () => {
    const d = propose(1200);
    store.decisions.transition(d.id, 'proposed', 'pending');
    await platform.applyChange({ kind: 'budget', campaignId: 'c1', dailyBudget: 1200 }, d.idempotencyKey);
    const landed = propose(900, 1200);
    store.decisions.transition(landed.id, 'proposed', 'pending');
    const outcomes = await executor().recover();
    expect(outcomes.map((o) => o.state)).toEqual(['executed', 'executed']);
    expect(attempts.map((a) => a.result)).toEqual(['found-applied', 'applied']);
    expect(await budget()).toBe(900);
  });

  it('trips the circuit breaker after repeated failures', async () => {
    platform.faults.inject({ kind: 'transient', count: Infinity, match: { operation: 'applyChange' } });
    const tripped: string[] = [];
    const ex = executor({ breaker: new CircuitBreaker(3), onBreakerTrip: (agent) => tripped.push(agent) });
    for (let i = 0; i < 3; i++) await ex.execute(propose(1000 + 10 * (i + 1)).id);
    expect(tripped).toEqual(['agent-a']);
  });
});

describe('executor with another host on the same database', () => {
  it('waits for the campaign lease and gives up without calling the platform while another host holds it', async () => {
    store.leases.acquire('c1', 'other-host', Date.now(), 60_000);
    const lease = {
      acquire: (id: string) => store.leases.acquire(id, 'this-host', Date.now(), 60_000),
      release: (id: string) => store.leases.release(id, 'this-host'),
    };
    const d = propose(1100);
    const outcome = await executor({ lease }).execute(d.id);
    expect(outcome.state).toBe('failed');
    expect(outcome.error).toContain('another host is acting on this campaign');
    expect(attempts.filter((a) => a.result !== 'error')).toEqual([]);
    expect(await budget()).toBe(1000);
    store.leases.release('c1', 'other-host');
    const again = propose(1100);
    expect((await executor({ lease }).execute(again.id)).state).toBe('executed');
    expect(store.leases.holder('c1', Date.now())).toBeUndefined();
  });

  it('cancels a decision whose very change another decision already made, instead of claiming it', async () => {
    const first = propose(1200);
    const twin = propose(1200);
    await executor().execute(first.id);
    const outcome = await executor({ madeBy: (d) => (d.id === twin.id ? first.id : undefined) }).execute(twin.id);
    expect(outcome).toMatchObject({ state: 'cancelled', error: `the same change was already made by decision ${first.id}` });
  });
});
