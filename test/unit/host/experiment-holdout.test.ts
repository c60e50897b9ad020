import { afterEach, describe, expect, it } from 'vitest';
import { guard } from '@engine/guardrails/guard';
import { createExperimentBook } from '@host/experiment-book';
import { loadScenarioFile } from '@lab/load-file';
import { createSandboxAccount, defaultScenarioPath } from '@platforms/sandbox/index';
import { toHourlyMetricRow } from '@shared/domain/metrics';
import { ConstraintsSchema, type AgentDefinition } from '@shared/scenario/schema';
import { HOUR_MS, ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { efficiencyDraft } from '../ipc/app-fixture';
import { experimentApp, type ExperimentApp } from '../ipc/experiment-app';

let t: ExperimentApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The built-in sandbox account, composed as the hosts compose a workspace, on a manual clock at its start. */
async function sandbox(): Promise<ExperimentApp & { advanceHours(hours: number): Promise<void> }> {
  const loaded = await loadScenarioFile(defaultScenarioPath());
  if (!loaded.ok) throw new Error('the bundled scenario does not load');
  const { scenario } = loaded;
  const start = Date.parse(`${scenario.start}T00:00:00Z`);
  const clock = new ManualClock(start);
  const platform = createSandboxAccount({ scenario, clock, startMs: start });
  const app = await experimentApp({ platform, clock, zone: AccountZone.of(scenario.timezone) });
  t = app;
  return {
    ...app,
    /** Hour by hour, as the host runs: the metrics recorded, then the agents woken. */
    async advanceHours(hours) {
      for (let h = 0; h < hours; h++) {
        clock.advance(HOUR_MS);
        const now = clock.now();
        app.store.metrics.upsertMany((await platform.getMetrics({ from: now - 48 * HOUR_MS, to: now })).map((r) => toHourlyMetricRow(r, now)));
        await app.app.runtime.tick();
      }
    },
  };
}

const agent = (overrides: Partial<AgentDefinition> = {}) =>
  efficiencyDraft({ status: 'active', constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'], ...overrides });

const ALL = ['prosp-broad', 'retarget-7d', 'lookalike-1', 'brand-search', 'video-broad', 'shopping'];

/** The campaigns the agent's decisions since `from` were about. */
function touched(app: ExperimentApp, agentId: string, from: number): Set<string> {
  const decisions = app.store.decisions.page({ agentId }, undefined, 500).items.filter((d) => d.createdAt >= from);
  return new Set(decisions.map((d) => d.campaignId));
}

describe('a running experiment’s holdout, end to end in a composed workspace', () => {
  it('keeps an agent that changes every campaign off the holdout campaigns while it runs', async () => {
    // Without an experiment: the agent changes the campaigns it will not be let near below.
    const control = await sandbox();
    await control.advanceHours(7 * 24);
    const free = await control.client['agents.create']({ definition: agent() });
    const since = control.clock.now();
    await control.advanceHours(3 * 24);
    const changedFree = touched(control, free.id, since);
    await control.close();

    const app = await sandbox();
    await app.advanceHours(7 * 24);
    const held = await app.client['agents.create']({ definition: agent() });
    const experiment = await app.client['experiments.create']({ name: 'Agents vs hands', campaignIds: ALL, agentIds: [held.id], seed: 11, preDays: 7 });
    const { holdout, treatment } = experiment.assignment;
    expect(holdout.some((id) => changedFree.has(id))).toBe(true);

    const started = app.clock.now();
    await app.advanceHours(3 * 24);
    const changed = touched(app, held.id, started);
    expect(treatment.some((id) => changed.has(id))).toBe(true);
    expect(holdout.filter((id) => changed.has(id))).toEqual([]);
  });

  it('blocks an approved change to a campaign the experiment has since held out, and releases it when stopped', async () => {
    const app = await sandbox();
    await app.advanceHours(7 * 24);
    const careful = await app.client['agents.create']({
      definition: agent({ constraints: ConstraintsSchema.parse({ maxDailySpend: 6000, minConfidence: 0.99 }) }),
    });
    await app.advanceHours(24);
    const waiting = (await app.client['decisions.page']({ filter: { agentId: careful.id, states: ['escalated'] } })).items;
    expect(waiting.length).toBeGreaterThan(0);
    const target = waiting[0];

    // A seed whose split holds the decision's campaign out.
    let seed = 0;
    const request = { campaignIds: ALL, agentIds: [careful.id], preDays: 7 };
    while (!(await app.client['experiments.plan']({ ...request, seed })).assignment.holdout.includes(target.campaignId)) seed++;
    const experiment = await app.client['experiments.create']({ name: 'Agents vs hands', ...request, seed });

    await app.client['decisions.approve']({ id: target.id });
    const blocked = app.store.decisions.get(target.id)!;
    expect(blocked.state).toBe('blocked');
    expect(blocked.error).toContain("is in the holdout of experiment 'Agents vs hands': no agent changes it until the experiment ends");

    // What the runtime is told, asked as it asks: the guard blocks with the experiment's rule.
    const book = createExperimentBook({ store: app.store, clock: app.clock, zone: app.zone });
    const account = await app.app.services.campaigns.list();
    const campaign = account.find((c) => c.id === target.campaignId)!;
    const judge = () =>
      guard({
        now: app.clock.now(),
        change: { kind: 'status', campaignId: campaign.id, status: campaign.status === 'active' ? 'paused' : 'active' },
        campaign,
        account,
        agentCampaignIds: ALL,
        constraints: ConstraintsSchema.parse({}),
        policies: [],
        history: [],
        evidenceConversions: 1000,
        confidence: 1,
        holdout: book.holdout(),
      });
    const verdict = judge();
    expect(verdict.outcome === 'block' && verdict.findings.map((f) => f.rule)).toContain('experiment.holdout');

    await app.client['experiments.stop']({ id: experiment.id, reason: 'the client wants the agents everywhere' });
    expect(book.holdout().size).toBe(0);
    const after = judge();
    expect(after.outcome === 'block' ? after.findings.map((f) => f.rule) : []).not.toContain('experiment.holdout');
  });
});
