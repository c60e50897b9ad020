import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignChange } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import { AcmError } from '@shared/errors';
import type { ApplyResult, PlatformAdapter } from '@shared/platform/adapter';
import { parseScenario } from '@shared/scenario/load';
import { ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';

/**
 * An account that may only be read: the agents observe, forecast and propose as ever, but every
 * decision they make waits for a person with the reason, a person's approval sends nothing, and
 * the platform never sees a change.
 */

const REASON = 'the token from ACM_META_TOKEN has ads_read only (ads_management not granted): agents recommend, a person makes the change in Ads Manager';

/** The sandbox account, reads passed through; a change counted and refused, as a read-only token's would be. */
class ReadOnlyStub implements PlatformAdapter {
  readonly changes: CampaignChange[] = [];
  constructor(private readonly inner: SandboxPlatform) {}
  get id() {
    return 'meta';
  }
  get currency() {
    return this.inner.currency;
  }
  listCampaigns = () => this.inner.listCampaigns();
  getCampaign = (id: string) => this.inner.getCampaign(id);
  getMetrics: PlatformAdapter['getMetrics'] = (query) => this.inner.getMetrics(query);
  async applyChange(change: CampaignChange): Promise<ApplyResult> {
    this.changes.push(change);
    throw new Error('a change reached a read-only account');
  }
}

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** `null`: an account whose token may change it. */
function harness(recommendOnly: string | null = REASON) {
  const file = fileURLToPath(new URL('../../../../resources/scenarios/single-agent-roas.json', import.meta.url));
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const scenario = parsed.scenario;
  const world = new World(scenario, { days: scenario.days });
  const platform = new ReadOnlyStub(new SandboxPlatform(world));
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const clock = new ManualClock(world.startMs);
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone: world.zone,
    random: new SeededRandom(3),
    sleep: async () => undefined,
    policies: scenario.policies,
    recommendOnly: recommendOnly ?? undefined,
  });
  const ids = scenario.agents.map((a) => runtime.addAgent(a));
  return {
    store,
    platform,
    runtime,
    clock,
    ids,
    async run(hours: number) {
      for (let i = 0; i < hours; i++) {
        clock.set(world.now());
        await runtime.tick();
        world.step();
      }
    },
    decisions: (): Decision[] => store.decisions.page({}, undefined, 500).items,
  };
}

describe('recommend-only mode', () => {
  it('escalates every decision an agent makes, saying why, and sends none', async () => {
    const h = harness();
    await h.run(10 * 24);
    const decisions = h.decisions();
    const asked = decisions.filter((d) => d.state !== 'blocked');
    expect(asked.length).toBeGreaterThan(2);
    for (const d of asked) {
      // Unanswered for a day, a recommendation expires; the audit trail keeps why it was asked.
      expect(['escalated', 'cancelled']).toContain(d.state);
      const escalation = h.store.audit
        .forDecision(d.id)
        .filter((e) => e.kind === 'decision.state')
        .map((e) => JSON.parse(e.content) as { to: string; error?: string })
        .find((t) => t.to === 'escalated');
      expect(escalation?.error).toMatch(/recommend only: the token from ACM_META_TOKEN has ads_read only/);
    }
    expect(h.platform.changes).toEqual([]);
    const alerts = h.store.alerts.list({ limit: 500 }).filter((a) => a.kind === 'escalation' || a.kind === 'low_confidence');
    expect(alerts.length).toBe(asked.length);
    for (const alert of alerts) expect(alert.message).toMatch(/^Efficiency recommends a change to .+: .*recommend only: the token from ACM_META_TOKEN/);
    expect(h.runtime.status(h.ids[0])).toBe('active');
  });

  it('is what keeps those changes from the platform: the same account that may change them is sent them', async () => {
    const h = harness(null);
    await h.run(10 * 24);
    expect(h.platform.changes.length).toBeGreaterThan(0);
  });

  it("refuses a person's approval with a CONFLICT naming the reason, and leaves the recommendation standing", async () => {
    const h = harness();
    await h.run(10 * 24);
    const waiting = h.decisions().find((d) => d.state === 'escalated')!;
    const refused = await h.runtime.approve(waiting.id, 'operator').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AcmError);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as Error).message).toBe(
      `decision ${waiting.id} cannot be approved here: the account is recommend only (${REASON}); the platform would refuse the change`,
    );
    expect(h.store.decisions.get(waiting.id)?.state).toBe('escalated');
    h.runtime.reject(waiting.id, 'operator');
    expect(h.store.decisions.get(waiting.id)?.state).toBe('cancelled');
    expect(h.platform.changes).toEqual([]);
  });

  /** A budget raise of the first campaign, as an earlier run with a token that could change the account decided it. */
  async function earlier(h: ReturnType<typeof harness>, id: string) {
    const campaign = (await h.platform.listCampaigns())[0];
    h.store.decisions.insert({
      id,
      createdAt: h.clock.now(),
      agentId: h.ids[0],
      campaignId: campaign.id,
      kind: 'budget',
      before: { kind: 'budget', dailyBudget: campaign.dailyBudget },
      after: { kind: 'budget', dailyBudget: campaign.dailyBudget + 10 },
      reasoning: 'decided while the token could still change the account',
      confidence: 0.9,
      prediction: { metric: 'revenue', windowHours: 72, point: 1, low80: 0, high80: 2 },
      metrics: { evidenceConversions: 50 },
      state: 'proposed',
      idempotencyKey: `key-${id}`,
    } as Decision);
    h.store.decisions.transition(id, 'proposed', 'pending');
  }

  it('blocks a decision left pending by a run that could still change the account, without sending it', async () => {
    const h = harness();
    await earlier(h, 'left-pending');
    const [outcome] = await h.runtime.start();
    expect(outcome).toMatchObject({ decisionId: 'left-pending', state: 'blocked' });
    expect(h.store.decisions.get('left-pending')?.error).toContain(`account.recommendOnly: recommend only: ${REASON}`);
    expect(h.platform.changes).toEqual([]);
  });

  it('refuses to undo a change made before, since the undo would be a change too', async () => {
    const h = harness();
    await earlier(h, 'made-before');
    h.store.decisions.transition('made-before', 'pending', 'executed', { executedAt: h.clock.now() });
    await expect(h.runtime.undo('made-before', 'operator', { overrideLimits: true })).rejects.toThrow(
      /^decision made-before cannot be undone here: the account is recommend only \(the token from ACM_META_TOKEN/,
    );
    expect(h.store.decisions.get('made-before')?.state).toBe('executed');
    expect(h.platform.changes).toEqual([]);
  });

  it('keeps the kill switch: a paused agent decides nothing more', async () => {
    const h = harness();
    h.runtime.pauseAll();
    await h.run(4 * 24);
    expect(h.decisions()).toEqual([]);
    expect(h.runtime.status(h.ids[0])).toBe('paused');
  });
});
