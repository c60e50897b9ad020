import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '@shared/domain/decision';
import { AcmError } from '@shared/errors';
import { parseScenario, validateAgentDefinition } from '@shared/scenario/load';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { SeededRandom } from '@shared/random';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';

/**
 * The limits a person's word meets: an approval, an undo or an edit is judged against the
 * agent's definition and the account as they stand when the change would be sent, not as they
 * stood when the agent asked.
 */

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const AGENT = {
  name: 'Client A - ROAS guard',
  role: 'scale',
  campaigns: ['c1', 'c2', 'c3'],
  goals: [{ metric: 'roas', op: '>=', value: 3 }],
  constraints: {
    actions: ['budget', 'status'],
    maxBudgetChangePct: 25,
    maxDailySpend: 2800,
    cooldownHours: 0,
    minConversionsToAct: 0,
    approvalAboveBudgetChange: 100,
  },
};

async function account() {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'acm-scenario/1',
      name: 'limits',
      seed: 5,
      start: '2026-03-02',
      days: 10,
      campaigns: [
        { id: 'c1', name: 'Prospecting', dailyBudget: 800, response: { maxConversions: 60, halfSaturationSpend: 900 }, orderValue: { mean: 90 } },
        { id: 'c2', name: 'Retargeting', dailyBudget: 500, response: { maxConversions: 40, halfSaturationSpend: 500 }, orderValue: { mean: 90 } },
        { id: 'c3', name: 'Shopping', dailyBudget: 1200, response: { maxConversions: 70, halfSaturationSpend: 1500 }, orderValue: { mean: 90 } },
      ],
      agents: [AGENT],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const world = new World(parsed.scenario);
  const platform = new SandboxPlatform(world);
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const clock = new ManualClock(world.startMs);
  const runtime = new AgentRuntime({ store, platform, clock, zone: world.zone, random: new SeededRandom(1), sleep: async () => undefined });
  const agentId = runtime.addAgent(parsed.scenario.agents[0]);
  await runtime.start();
  let n = 0;
  /** A decision of the agent as it would have recorded it, in `state`. */
  const decide = (campaignId: string, from: number, to: number, state: 'escalated' | 'executed'): Decision => {
    const id = `d${++n}`;
    store.decisions.insert({
      id,
      createdAt: clock.now(),
      agentId,
      campaignId,
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
    if (state === 'escalated') store.decisions.transition(id, 'proposed', 'escalated', { error: 'a raise above the approval limit' });
    else {
      store.decisions.transition(id, 'proposed', 'pending');
      store.decisions.transition(id, 'pending', 'executed', { executedAt: clock.now() });
    }
    store.alerts.raise({ createdAt: clock.now(), severity: 'warning', kind: 'escalation', agentId, decisionId: id, message: 'asks for approval' });
    return store.decisions.get(id)!;
  };
  const edit = (constraints: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const checked = validateAgentDefinition({ ...AGENT, ...extra, constraints: { ...AGENT.constraints, ...constraints } });
    if (!checked.ok) throw new Error(checked.errors[0].message);
    return runtime.updateAgent(agentId, checked.agent);
  };
  const budget = async (id: string) => (await platform.getCampaign(id)).dailyBudget;
  return { store, platform, runtime, agentId, decide, edit, budget, clock };
}

describe('an approval meets the limits in force when it executes', () => {
  it('an edit that lowers maxDailyBudget under an escalated raise withdraws it, with its alert and an audit entry', async () => {
    const a = await account();
    const asked = a.decide('c1', 800, 960, 'escalated');
    const withdrawn = await a.edit({ maxDailyBudget: 810 });
    expect(withdrawn).toEqual([asked.id]);
    expect(a.store.decisions.get(asked.id)).toMatchObject({ state: 'cancelled', error: expect.stringMatching(/^withdrawn: .*constraint\.maxDailyBudget/) });
    expect(a.store.alerts.forDecision(asked.id).every((alert) => alert.state === 'resolved')).toBe(true);
    expect(a.store.audit.forDecision(asked.id).some((entry) => entry.kind === 'decision.state' && entry.content.includes('withdrawn'))).toBe(true);
    await expect(a.runtime.approve(asked.id, 'operator')).rejects.toThrow(AcmError);
    expect(await a.budget('c1')).toBe(800);
  });

  it('an edit that takes the campaign and the budget action from the agent withdraws its escalation', async () => {
    const a = await account();
    const asked = a.decide('c2', 500, 600, 'escalated');
    await a.edit({ actions: ['status'] }, { campaigns: ['c1', 'c3'] });
    expect(a.store.decisions.get(asked.id)?.error).toMatch(/constraint\.campaigns.*constraint\.actions|constraint\.actions.*constraint\.campaigns/);
    await expect(a.runtime.approve(asked.id, 'operator')).rejects.toThrow(/cancelled, not escalated/);
    expect(await a.budget('c2')).toBe(500);
  });

  it('an edit the escalation still fits leaves it waiting', async () => {
    const a = await account();
    const asked = a.decide('c1', 800, 960, 'escalated');
    expect(await a.edit({ maxDailyBudget: 1000 })).toEqual([]);
    expect((await a.runtime.approve(asked.id, 'operator')).state).toBe('executed');
    expect(await a.budget('c1')).toBe(960);
  });

  it('an approval that would take the agent over its maxDailySpend after another raise went first is blocked, with an alert', async () => {
    const a = await account();
    const first = a.decide('c3', 1200, 1400, 'escalated');
    const second = a.decide('c1', 800, 960, 'escalated');
    expect((await a.runtime.approve(first.id, 'operator')).state).toBe('executed');
    const outcome = await a.runtime.approve(second.id, 'operator');
    expect(outcome.state).toBe('blocked');
    expect(a.store.decisions.get(second.id)?.error).toMatch(
      /^refused at the moment of execution by the limits in force: constraint\.maxDailySpend: the agent's campaigns would budget 2860\.00 a day, above its limit of 2800\.00/,
    );
    expect(a.store.alerts.forDecision(second.id).some((alert) => alert.kind === 'blocked')).toBe(true);
    expect(await a.budget('c1')).toBe(800);
  });

  it('approvals sent at once are guarded one after the other: together they never pass the limit', async () => {
    const a = await account();
    const asks = [a.decide('c1', 800, 960, 'escalated'), a.decide('c2', 500, 620, 'escalated'), a.decide('c3', 1200, 1400, 'escalated')];
    const outcomes = await Promise.all(asks.map((d) => a.runtime.approve(d.id, 'operator')));
    expect(outcomes.map((o) => o.state).filter((s) => s === 'executed').length).toBeGreaterThan(0);
    const total = (await a.platform.listCampaigns()).reduce((s, c) => s + c.dailyBudget, 0);
    expect(total).toBeLessThanOrEqual(AGENT.constraints.maxDailySpend);
  });
});

describe('an undo obeys the limits in force, unless a person overrides them', () => {
  async function afterACut() {
    const a = await account();
    await a.platform.applyChange({ kind: 'budget', campaignId: 'c3', dailyBudget: 1000 }, 'cut');
    const cut = a.decide('c3', 1200, 1000, 'executed');
    await a.edit({ maxDailyBudget: 810, maxBudgetChangePct: 5 });
    return { ...a, cut };
  }

  it('an old cut undone after the cap was lowered is blocked, and the budget stays', async () => {
    const a = await afterACut();
    const outcome = await a.runtime.undo(a.cut.id, 'operator');
    expect(outcome.state).toBe('blocked');
    expect(a.store.decisions.get(outcome.decisionId)?.error).toMatch(/constraint\.maxBudgetChangePct.*constraint\.maxDailyBudget|constraint\.maxDailyBudget/);
    expect(a.store.decisions.get(a.cut.id)?.state).toBe('executed');
    expect(await a.budget('c3')).toBe(1000);
  });

  it('with the override it runs, and the undo says whose word it was', async () => {
    const a = await afterACut();
    const outcome = await a.runtime.undo(a.cut.id, 'operator', { overrideLimits: true });
    expect(outcome.state).toBe('executed');
    expect(a.store.decisions.get(outcome.decisionId)).toMatchObject({
      approvedBy: 'operator',
      reasoning: expect.stringContaining("overriding the agent's own limits"),
      metrics: expect.objectContaining({ overrideLimits: true }),
    });
    expect(await a.budget('c3')).toBe(1200);
  });

  it('never for a terminated agent; for a paused one only with the override', async () => {
    const a = await afterACut();
    a.runtime.pause(a.agentId);
    await expect(a.runtime.undo(a.cut.id, 'operator')).rejects.toThrow(/it is paused/);
    a.runtime.terminate(a.agentId);
    await expect(a.runtime.undo(a.cut.id, 'operator', { overrideLimits: true })).rejects.toThrow(/it is terminated/);
    expect(await a.budget('c3')).toBe(1000);
  });
});

describe('a restart settles every decision it finds unsettled', () => {
  it('a decision left proposed by a crash is cancelled, never sent', async () => {
    const a = await account();
    a.store.decisions.insert({
      id: 'orphan',
      createdAt: a.clock.now(),
      agentId: a.agentId,
      campaignId: 'c1',
      kind: 'budget',
      before: { kind: 'budget', dailyBudget: 800 },
      after: { kind: 'budget', dailyBudget: 900 },
      reasoning: 'test',
      confidence: 0.9,
      prediction: { metric: 'revenue', windowHours: 72, point: 1, low80: 0, high80: 2 },
      metrics: {},
      state: 'proposed',
      idempotencyKey: 'key-orphan',
    } as Decision);
    const next = new AgentRuntime({
      store: a.store,
      platform: a.platform,
      clock: a.clock,
      zone: AccountZone.UTC,
      random: new SeededRandom(2),
      sleep: async () => undefined,
    });
    await next.start();
    expect(a.store.decisions.get('orphan')).toMatchObject({ state: 'cancelled', error: expect.stringContaining('never sent') });
    expect(await a.budget('c1')).toBe(800);
  });
});
