import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignChange, CampaignInfo, LearningStage } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import { parseScenario } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';

/** `grow` has room to grow under the agent's ROAS goal, so its plan raises it; `full` is saturated. */
function scenario(hold: boolean | undefined): Scenario {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'acm-scenario/1',
      name: 'learning',
      seed: 5,
      start: '2026-03-02',
      days: 20,
      campaigns: [
        {
          id: 'grow',
          name: 'Grow',
          dailyBudget: 1000,
          response: { maxConversions: 200, halfSaturationSpend: 5000 },
          orderValue: { mean: 80 },
          audiences: [
            { id: 'broad', name: 'Broad', weight: 2 },
            { id: 'lal', name: 'Lookalike', weight: 1 },
          ],
        },
        { id: 'full', name: 'Full', dailyBudget: 1000, response: { maxConversions: 60, halfSaturationSpend: 300 }, orderValue: { mean: 80 } },
      ],
      agents: [
        {
          name: 'Efficiency',
          role: 'efficiency',
          campaigns: '*',
          goals: [{ metric: 'roas', op: '>=', value: 1.5 }],
          constraints: { actions: ['budget'], ...(hold === undefined ? {} : { holdBudgetWhileLearning: hold }) },
        },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return parsed.scenario;
}

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/**
 * The sandbox, reporting `Broad` of `grow` at the learning stage the test sets (the sandbox has
 * no learning phase of its own), and counting the budget changes that reach it.
 */
function harness(hold: boolean | undefined) {
  const s = scenario(hold);
  const world = new World(s, { days: s.days });
  const platform = new SandboxPlatform(world);
  const state: { stage: LearningStage | undefined } = { stage: 'learning' };
  const sent: CampaignChange[] = [];
  const staged = (c: CampaignInfo): CampaignInfo =>
    c.id === 'grow' && state.stage ? { ...c, audiences: c.audiences.map((a) => (a.id === 'broad' ? { ...a, learning: state.stage } : a)) } : c;
  const [list, get, apply] = [platform.listCampaigns.bind(platform), platform.getCampaign.bind(platform), platform.applyChange.bind(platform)];
  platform.listCampaigns = async () => (await list()).map(staged);
  platform.getCampaign = async (id) => staged(await get(id));
  platform.applyChange = async (change, key) => (sent.push(change), apply(change, key));
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const clock = new ManualClock(world.startMs);
  const make = () => new AgentRuntime({ store, platform, clock, zone: world.zone, random: new SeededRandom(3), sleep: async () => undefined });
  let runtime = make();
  const [agentId] = s.agents.map((a) => runtime.addAgent(a));
  return {
    state,
    sent,
    get runtime() {
      return runtime;
    },
    agentId,
    /** A new process on the same record and account. */
    async restart() {
      runtime = make();
      await runtime.start();
    },
    async days(n: number) {
      for (let i = 0; i < n * 24; i++) {
        clock.set(world.now());
        await runtime.tick();
        world.step();
      }
    },
    growBudgets: (): Decision[] => store.decisions.page({ campaignId: 'grow', kinds: ['budget'] }, undefined, 500).items,
  };
}

describe('holdBudgetWhileLearning', () => {
  it('holds the agent’s budget changes on a campaign whose audience is learning, records the hold once, and goes ahead once learning ends', async () => {
    const h = harness(true);
    await h.days(10);
    expect(h.sent.filter((c) => c.campaignId === 'grow')).toEqual([]);
    const held = h.growBudgets();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ state: 'cancelled', kind: 'budget', before: { dailyBudget: 1000 }, metrics: { heldWhileLearning: ['Broad'] } });
    expect(held[0].after.kind === 'budget' && held[0].after.dailyBudget).toBeGreaterThan(1000);
    expect(held[0].error).toMatch(/^held while learning: audience “Broad” is still in the platform's learning phase/);
    expect(held[0].reasoning).toMatch(/^Raise daily budget/);
    // Every review says so where the agent's card reads it.
    expect(h.runtime.reviewReport(h.agentId)?.why).toContain('budget of Grow: it waits while an audience is still learning (Broad)');
    // The other campaign was not held.
    expect(h.sent.some((c) => c.campaignId === 'full')).toBe(true);

    h.state.stage = undefined;
    await h.days(2);
    const executed = h.growBudgets().filter((d) => d.state === 'executed');
    expect(executed).toHaveLength(1);
    expect(h.sent.filter((c) => c.campaignId === 'grow')).toHaveLength(1);

    // A new learning phase is a new hold, recorded once more.
    h.state.stage = 'learning';
    await h.days(4);
    expect(h.growBudgets().filter((d) => d.state === 'cancelled')).toHaveLength(2);
    expect(h.sent.filter((c) => c.campaignId === 'grow')).toHaveLength(1);
  });

  it('records a hold once across a restart in the middle of it', async () => {
    // A learning phase lasts a week at most (then it is limited): the restart falls within it.
    const h = harness(true);
    await h.days(3);
    expect(h.growBudgets().filter((d) => d.state === 'cancelled')).toHaveLength(1);
    await h.restart();
    await h.days(3);
    expect(h.growBudgets().filter((d) => d.state === 'cancelled')).toHaveLength(1);
    expect(h.runtime.reviewReport(h.agentId)?.why).toContain('budget of Grow: it waits while an audience is still learning (Broad)');
    expect(h.sent.filter((c) => c.campaignId === 'grow')).toEqual([]);
  });

  it('does not hold while learning is limited, nor for an agent without the option', async () => {
    for (const [hold, stage] of [
      [true, 'limited'],
      [undefined, 'learning'],
      [false, 'learning'],
    ] as const) {
      const h = harness(hold);
      h.state.stage = stage;
      await h.days(10);
      const decisions = h.growBudgets();
      expect(decisions.filter((d) => d.state === 'cancelled')).toEqual([]);
      expect(decisions.some((d) => d.state === 'executed')).toBe(true);
    }
  });
});
