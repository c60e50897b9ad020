import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@shared/domain/decision';
import { DEFAULT_RETRY } from '@engine/execution/backoff';
import { DAY_MS } from '@shared/time';
import { generateScenario } from '@lab/generate';
import { RATE_LIMIT_RETRY_MS } from '@platforms/sandbox/index';
import { reportFigures } from './support/figures';
import { sandboxRig, type SandboxRig } from './support/sandbox-rig';

const DAYS = 45;
let rig: SandboxRig;
let decisions: Decision[];
let resumed = 0;

function allDecisions(): Decision[] {
  const out: Decision[] = [];
  let cursor: Parameters<SandboxRig['store']['decisions']['page']>[1];
  do {
    const page = rig.store.decisions.page({}, cursor, 500);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  rig = sandboxRig(generateScenario({ campaigns: 12, days: DAYS, seed: 3 }));
  const each = (ids: string[], spec: Parameters<typeof rig.sandbox.faults.inject>[0]) =>
    ids.forEach((campaignId) => rig.sandbox.faults.inject({ ...spec, count: Infinity, match: { operation: 'applyChange', campaignId } }));
  each(['c1', 'c2', 'c3'], { kind: 'timeout', rate: 0.5 });
  each(['c4', 'c5', 'c6'], { kind: 'rate_limit', rate: 0.5 });
  each(['c7', 'c8', 'c9'], { kind: 'transient', rate: 0.6 });
  each(['c10', 'c11', 'c12'], { kind: 'reject', rate: 0.5 });
  // A platform refusal blocks, and is no failure: these campaigns also fail to read back often enough to give up on, and to trip the breaker.
  for (const campaignId of ['c10', 'c11', 'c12']) {
    rig.sandbox.faults.inject({ kind: 'transient', rate: 0.8, count: Infinity, match: { operation: 'getCampaign', campaignId } });
  }
  rig.sandbox.faults.inject({ kind: 'transient', rate: 0.25, count: Infinity, match: { operation: 'getCampaign' } });
  // A person looks in once a day and resumes what the circuit breaker paused.
  await rig.runHours(DAYS * 24, () => {
    if (rig.clock.now() % DAY_MS !== 0) return;
    for (const id of rig.agentIds) {
      if (rig.runtime.status(id) === 'paused') {
        rig.runtime.resume(id);
        resumed++;
      }
    }
  });
  decisions = allDecisions();
}, 300_000);
afterAll(() => rig.close());

describe('platform faults at a high rate', () => {
  it('meets every kind of fault many times', () => {
    expect(rig.log.failures('TRANSIENT').length).toBeGreaterThan(20);
    expect(rig.log.failures('RATE_LIMITED').length).toBeGreaterThan(5);
    expect(rig.log.failures('POLICY_REJECTED').length).toBeGreaterThan(5);
    expect(rig.log.calls.filter((c) => c.result === 'applied' && c.threw).length, 'timeouts after the change landed').toBeGreaterThan(5);
    expect(rig.failedCycles).toEqual([]);
  });

  it('retries with capped, growing backoff that honours a rate limit, never more than the attempts allowed', () => {
    const attemptsByKey = new Map<string, number>();
    for (const c of rig.log.calls) if (c.operation === 'applyChange') attemptsByKey.set(c.key!, (attemptsByKey.get(c.key!) ?? 0) + 1);
    expect(Math.max(...attemptsByKey.values())).toBeLessThanOrEqual(DEFAULT_RETRY.maxAttempts);
    expect([...attemptsByKey.values()].filter((n) => n > 1).length, 'decisions sent more than once').toBeGreaterThan(0);

    expect(rig.waits.length).toBeGreaterThan(20);
    for (const wait of rig.waits) {
      const failed = rig.log.calls[wait.afterCall - 1];
      expect(failed.threw, 'a wait follows a failed call').toBeDefined();
      expect(['TRANSIENT', 'RATE_LIMITED']).toContain(failed.threw);
      if (failed.threw === 'RATE_LIMITED') expect(wait.ms).toBeGreaterThanOrEqual(RATE_LIMIT_RETRY_MS);
      else expect(wait.ms).toBeGreaterThanOrEqual(DEFAULT_RETRY.baseMs / 2);
      expect(wait.ms).toBeLessThanOrEqual(Math.max(DEFAULT_RETRY.capMs, RATE_LIMIT_RETRY_MS));
    }
    const plain = rig.waits.filter((w) => rig.log.calls[w.afterCall - 1].threw === 'TRANSIENT').map((w) => w.ms);
    expect(Math.max(...plain), 'a third attempt waited longer than a first could').toBeGreaterThan(DEFAULT_RETRY.baseMs * 2);
  });

  it('settles every decision, says why each failed one failed, and blocks what the platform refused', () => {
    const failed = decisions.filter((d) => d.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.state === 'pending' || d.state === 'proposed')).toEqual([]);
    for (const d of failed) {
      expect(d.error, `failed decision ${d.id}`).toMatch(/^gave up after 5 attempts: (TRANSIENT|RATE_LIMITED): /);
      const history = rig.store.audit.forDecision(d.id).map((e) => JSON.parse(e.content) as { to?: string });
      expect(history.map((h) => h.to).filter(Boolean)).toEqual(['pending', 'failed']);
    }
    // A change the platform refused is blocked in its words, never failed: asking again gets the same no.
    const refused = decisions.filter((d) => d.state === 'blocked' && d.error?.startsWith('refused by the platform: change rejected by platform policy'));
    expect(refused.length).toBeGreaterThan(5);
  });

  it('trips the circuit breaker, pauses the agent, alerts a person, and sends nothing more until resumed', () => {
    const trips = rig.store.alerts.list({ limit: 10_000 }).filter((a) => a.kind === 'circuit_break');
    expect(trips.length).toBeGreaterThan(0);
    // Every trip was followed by a person's resume, but a trip on the last day, which nobody got to.
    const stillPaused = rig.agentIds.filter((id) => rig.runtime.status(id) === 'paused').length;
    expect(resumed + stillPaused).toBeGreaterThanOrEqual(trips.length);
    for (const alert of trips) {
      expect(alert.severity).toBe('critical');
      expect(alert.message).toMatch(/was paused after 3 failed changes in a row; the last: /);
    }
    const entries = rig.store.audit.entries(0, 1_000_000);
    for (const agentId of rig.agentIds) {
      let tripped = false;
      for (const e of entries.filter((x) => x.agentId === agentId)) {
        if (e.kind === 'alert.raised' && e.content.includes('"circuit_break"')) tripped = true;
        else if (e.kind === 'agent.resumed') tripped = false;
        else if (tripped && e.kind === 'decision.state') expect(JSON.parse(e.content).to, `agent ${agentId} acted while tripped`).not.toBe('pending');
      }
    }
  });

  it('leaves nothing half-applied: each change the platform took belongs to an executed decision, and each setting is the last one taken', async () => {
    const byKey = new Map(decisions.map((d) => [d.idempotencyKey, d]));
    const taken = rig.log.calls.filter((c) => c.operation === 'applyChange' && c.result === 'applied');
    for (const call of taken) expect(['executed', 'undone']).toContain(byKey.get(call.key!)?.state);
    const executedKeys = decisions.filter((d) => d.state === 'executed' || d.state === 'undone').map((d) => d.idempotencyKey);
    expect(executedKeys.sort()).toEqual(taken.map((c) => c.key!).sort());
    rig.sandbox.faults.clear();
    const initial = new Map(rig.world.scenario.campaigns.map((c) => [c.id, c.dailyBudget]));
    for (const campaign of await rig.sandbox.listCampaigns()) {
      const last = taken.filter((c) => c.campaignId === campaign.id && c.change!.kind === 'budget').pop();
      const expected = last ? (last.change as { dailyBudget: number }).dailyBudget : initial.get(campaign.id);
      expect(campaign.dailyBudget, `budget of ${campaign.id}`).toBe(expected);
    }
    reportFigures('platform faults', {
      'simulated days': DAYS,
      'platform calls': rig.log.calls.length,
      'faults injected': rig.log.failures().length,
      'timeouts after the change landed': rig.log.calls.filter((c) => c.result === 'applied' && c.threw).length,
      'backoff waits': rig.waits.length,
      'decisions executed': executedKeys.length,
      'decisions failed': decisions.filter((d) => d.state === 'failed').length,
      'circuit breaker trips': rig.store.alerts.list({ limit: 10_000 }).filter((a) => a.kind === 'circuit_break').length,
      'half-applied changes': 0,
    });
  });
});
