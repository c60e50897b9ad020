import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignChange } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import type { ApplyResult, PlatformAdapter, PlatformError } from '@shared/platform/adapter';
import { parseScenario } from '@shared/scenario/load';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { Executor } from '@engine/execution/executor';
import { CircuitBreaker } from '@engine/execution/circuit-breaker';
import { ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { metaApiError } from '@platforms/meta/graph-errors';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { fakeId } from '@platforms/meta/fake/index';
import { openDatabase, type Store } from '@store/index';
import { harness, writesTo } from '../platforms/meta/meta-fixture';

/**
 * A platform that says no to a change itself (Meta's `validate_only` dry run refusing it on
 * policy, or a value it does not take) blocks the decision in the platform's own words, as the
 * guard would; a platform that could not answer now is retried as before.
 */

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const AGENT = {
  name: 'Client A - ROAS guard',
  campaigns: ['c1'],
  constraints: { actions: ['budget'], maxBudgetChangePct: 50, cooldownHours: 0, minConversionsToAct: 0, approvalAboveBudgetChange: 1 },
};

/** The sandbox account, with an applyChange that throws the errors queued for it first. */
class RefusingPlatform implements PlatformAdapter {
  readonly errors: PlatformError[] = [];
  sends = 0;
  constructor(private readonly inner: SandboxPlatform) {}
  get id() {
    return this.inner.id;
  }
  get currency() {
    return this.inner.currency;
  }
  listCampaigns = () => this.inner.listCampaigns();
  getCampaign = (id: string) => this.inner.getCampaign(id);
  getMetrics: PlatformAdapter['getMetrics'] = (query) => this.inner.getMetrics(query);
  async applyChange(change: CampaignChange, key: string): Promise<ApplyResult> {
    this.sends++;
    const error = this.errors.shift();
    if (error) throw error;
    return this.inner.applyChange(change, key);
  }
}

const policyRefusal = () =>
  metaApiError(
    'POST 120210000000001 (validate_only)',
    { code: 368, error_user_title: 'Ad account restricted', error_user_msg: 'This change goes against our Advertising Policies.', fbtrace_id: 'AbC1' },
    400,
    'test-token',
  );
const transient = () => metaApiError('POST 120210000000001', { code: 2, message: 'Service temporarily unavailable' }, 503, 'test-token');

async function account() {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'acm-scenario/1',
      name: 'refusals',
      seed: 5,
      start: '2026-03-02',
      days: 10,
      campaigns: [{ id: 'c1', name: 'Prospecting', dailyBudget: 800, response: { maxConversions: 60, halfSaturationSpend: 900 }, orderValue: { mean: 90 } }],
      agents: [AGENT],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const world = new World(parsed.scenario);
  const platform = new RefusingPlatform(new SandboxPlatform(world));
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const clock = new ManualClock(world.startMs);
  const waits: number[] = [];
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone: world.zone,
    random: new SeededRandom(1),
    sleep: async (ms) => void waits.push(ms),
  });
  const agentId = runtime.addAgent(parsed.scenario.agents[0]);
  await runtime.start();
  let n = 0;
  /** A raise the agent asked a person to approve. */
  const asked = (from: number, to: number): Decision => {
    const id = `d${++n}`;
    store.decisions.insert({
      id,
      createdAt: clock.now(),
      agentId,
      campaignId: 'c1',
      kind: 'budget',
      before: { kind: 'budget', dailyBudget: from },
      after: { kind: 'budget', dailyBudget: to },
      reasoning: 'test',
      confidence: 0.9,
      prediction: { metric: 'revenue', windowHours: 72, point: 1, low80: 0, high80: 2 },
      metrics: { evidenceConversions: 50 },
      state: 'proposed',
      idempotencyKey: `key-${id}`,
    } as Decision);
    store.decisions.transition(id, 'proposed', 'escalated', { error: 'a raise above the approval limit' });
    return store.decisions.get(id)!;
  };
  const budget = async () => (await platform.getCampaign('c1')).dailyBudget;
  return { store, platform, runtime, agentId, asked, budget, waits };
}

const transitions = (store: Store, id: string) =>
  store.audit
    .forDecision(id)
    .filter((e) => e.kind === 'decision.state' || e.kind === 'decision.approved')
    .map((e) => JSON.parse(e.content) as { from: string; to: string; error?: string });

describe("a platform's refusal of the change", () => {
  it("blocks the decision with Meta's own words, one blocked alert, no second send", async () => {
    const a = await account();
    a.platform.errors.push(policyRefusal());
    const d = a.asked(800, 900);
    const outcome = await a.runtime.approve(d.id, 'operator');

    expect(outcome).toMatchObject({ state: 'blocked', attempts: 1 });
    const blocked = a.store.decisions.get(d.id)!;
    expect(blocked.state).toBe('blocked');
    expect(blocked.error).toMatch(
      /^refused by the platform: Meta refused POST 120210000000001 \(validate_only\) \(code 368\): Ad account restricted — This change/,
    );
    const alerts = a.store.alerts.forDecision(d.id).filter((alert) => alert.kind === 'blocked');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('was stopped from changing Prospecting: refused by the platform: Meta refused'),
    });
    expect(a.platform.sends).toBe(1);
    expect(a.waits).toEqual([]);
    expect(await a.budget()).toBe(800);
    expect(transitions(a.store, d.id).map((t) => t.to)).toEqual(['escalated', 'pending', 'blocked']);
    expect(transitions(a.store, d.id).at(-1)?.error).toBe(blocked.error);
    expect(a.store.audit.forDecision(d.id).filter((e) => e.kind === 'decision.attempt')).toHaveLength(1);
    expect(JSON.stringify(a.store.audit.forDecision(d.id))).not.toContain('test-token');
  });

  it('never trips the circuit breaker, however many in a row', async () => {
    const a = await account();
    for (let i = 0; i < 4; i++) {
      a.platform.errors.push(policyRefusal());
      expect((await a.runtime.approve(a.asked(800, 900 + i).id, 'operator')).state).toBe('blocked');
    }
    expect(a.runtime.status(a.agentId)).toBe('active');
    expect(a.store.alerts.list({ limit: 100 }).filter((alert) => alert.kind === 'circuit_break')).toEqual([]);
    // The breaker still counts from zero: two sends left in doubt after it are not yet the three that trip it.
    for (let i = 0; i < 2; i++) {
      a.platform.errors.push(...Array.from({ length: 5 }, transient));
      expect((await a.runtime.approve(a.asked(800, 950 + i).id, 'operator')).state).toBe('pending');
    }
    expect(a.runtime.status(a.agentId)).toBe('active');
  });

  it('a transient error is still retried, and the change lands', async () => {
    const a = await account();
    a.platform.errors.push(transient(), transient());
    const d = a.asked(800, 900);
    expect(await a.runtime.approve(d.id, 'operator')).toMatchObject({ state: 'executed', attempts: 3 });
    expect(a.platform.sends).toBe(3);
    expect(a.waits).toHaveLength(2);
    expect(a.store.alerts.forDecision(d.id).filter((alert) => alert.kind === 'blocked')).toEqual([]);
    expect(await a.budget()).toBe(900);
  });

  it('a transient error on every send still leaves the change in doubt, as before, never blocked', async () => {
    const a = await account();
    a.platform.errors.push(...Array.from({ length: 5 }, transient));
    const d = a.asked(800, 900);
    expect(await a.runtime.approve(d.id, 'operator')).toMatchObject({
      state: 'pending',
      attempts: 5,
      error: expect.stringContaining('TRANSIENT: Meta refused'),
    });
    expect(a.platform.sends).toBe(5);
    expect(a.store.decisions.get(d.id)?.state).toBe('pending');
    expect(a.store.alerts.forDecision(d.id).filter((alert) => alert.kind === 'blocked')).toEqual([]);
  });
});

describe('through the Meta adapter, against the fake Graph API', () => {
  it("a validate_only refusal is recorded as blocked in Meta's words, and nothing is written", async () => {
    const h = await harness();
    const store = openDatabase({ path: ':memory:' });
    stores.push(store);
    try {
      const campaignId = fakeId('campaign', 0);
      const before = (await h.adapter.getCampaign(campaignId)).dailyBudget;
      store.agents.create({ id: 'agent-a', name: 'A', definition: {}, goals: [] }, h.clock.now());
      store.decisions.insert({
        id: 'd1',
        createdAt: h.clock.now(),
        agentId: 'agent-a',
        campaignId,
        kind: 'budget',
        before: { kind: 'budget', dailyBudget: before },
        after: { kind: 'budget', dailyBudget: before + 20 },
        reasoning: 'test',
        confidence: 0.9,
        prediction: { metric: 'revenue', windowHours: 24, point: 1, low80: 0, high80: 2 },
        metrics: {},
        state: 'proposed',
        idempotencyKey: 'key-d1',
      });
      const words = 'Budget increases on this account are on hold while its payment method is reviewed.';
      h.fake.faults.inject({ kind: 'policy', match: { validateOnly: true }, message: words });
      const refused: string[] = [];
      const executor = new Executor({
        platform: h.adapter,
        decisions: store.decisions,
        mayExecute: () => true,
        clock: h.clock,
        random: new SeededRandom(1),
        sleep: async () => expect.fail('a refusal is not retried'),
        breaker: new CircuitBreaker(1),
        onBreakerTrip: () => expect.fail('the breaker tripped'),
        onRefused: (_d, why) => refused.push(why),
      });
      expect(await executor.execute('d1')).toMatchObject({ state: 'blocked', attempts: 1 });
      expect(store.decisions.get('d1')?.error).toMatch(new RegExp(`^refused by the platform: Meta refused .*\\(code 368\\): .*${words}`));
      expect(refused).toHaveLength(1);
      expect(writesTo(h.fake, campaignId)).toEqual([]);
      expect((await h.adapter.getCampaign(campaignId)).dailyBudget).toBe(before);
    } finally {
      await h.close();
    }
  });
});
