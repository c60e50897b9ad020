import { describe, expect, it } from 'vitest';
import { generateScenario } from '@lab/generate';
import { SeededRandom } from '@shared/random';
import type { AuditEntry } from '@shared/domain/audit';
import type { Decision } from '@shared/domain/decision';
import { AcmError } from '@shared/errors';
import { validateAgentDefinition, validateScenario } from '@shared/scenario/load';
import type { AgentDefinition, Scenario } from '@shared/scenario/schema';
import { recountFromAudit } from './support/audit-recount';
import { reportFigures } from './support/figures';
import { sandboxRig, type SandboxRig } from './support/sandbox-rig';

/**
 * The money path as a property: with a platform that answers late and sometimes fails, any
 * interleaving of agent reviews, approvals, undos, agent edits, pauses and resumes leaves no
 * executed change that broke the limits in force when it executed (recounted from the audit log
 * alone), and no platform call of an agent starts after its pause returned.
 */

const WARMUP_DAYS = 6;
const PLAYED_HOURS = 120;

function scenarioFor(seed: number): Scenario {
  const base = generateScenario({ campaigns: 10, days: WARMUP_DAYS + 7, seed });
  const ids = base.campaigns.map((c) => c.id);
  const total = base.campaigns.reduce((s, c) => s + c.dailyBudget, 0);
  const half = (from: number) => ids.slice(from, from + 5);
  const budgetOf = (list: string[]) => base.campaigns.filter((c) => list.includes(c.id)).reduce((s, c) => s + c.dailyBudget, 0);
  const constraints = (list: string[]) => ({
    actions: ['budget', 'bid', 'status'],
    maxBudgetChangePct: 20,
    maxDailySpend: Math.round(budgetOf(list) * 1.15),
    cooldownHours: 4,
    minConversionsToAct: 1,
    minConfidence: 0.5,
    approvalAboveBudgetChange: 60,
  });
  const parsed = validateScenario({
    ...base,
    agents: [
      { name: 'Scale', role: 'scale', priority: 2, campaigns: half(0), goals: [{ metric: 'roas', op: '>=', value: 1.2 }], constraints: constraints(half(0)) },
      {
        name: 'Efficiency',
        role: 'efficiency',
        priority: 1,
        campaigns: half(5),
        goals: [{ metric: 'roas', op: '>=', value: 2.5 }],
        constraints: constraints(half(5)),
      },
    ],
    policies: [
      { id: 'cap', rule: 'accountDailySpendCap', value: Math.round(total * 1.1) },
      { id: 'per-day', rule: 'maxBudgetChangePctPerDay', value: 35 },
    ],
    pools: [{ id: 'all', dailyBudget: Math.round(total * 1.08), agents: ['Scale', 'Efficiency'] }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return parsed.scenario;
}

/** A person's edit of an agent: its limits moved down or up, a campaign dropped, an action taken away. */
function edited(definition: AgentDefinition, rng: SeededRandom, campaignIds: readonly string[]): AgentDefinition {
  const scale = (x: number | undefined, lo: number, hi: number) => (x === undefined ? undefined : Math.max(1, Math.round(x * (lo + (hi - lo) * rng.next()))));
  const own = definition.campaigns === '*' ? [...campaignIds] : [...definition.campaigns];
  const dropped = own.length > 1 && rng.next() < 0.3 ? Math.floor(rng.next() * own.length) : -1;
  const campaigns = own.filter((_, i) => i !== dropped);
  const c = definition.constraints;
  const actions = rng.next() < 0.15 ? c.actions.filter((a) => a !== 'budget') : rng.next() < 0.3 ? ['budget', 'bid', 'status'] : c.actions;
  const next = {
    ...definition,
    campaigns,
    constraints: {
      ...c,
      actions: actions.length > 0 ? actions : ['status'],
      maxBudgetChangePct: Math.max(2, Math.round(5 + 25 * rng.next())),
      maxDailySpend: scale(c.maxDailySpend, 0.85, 1.1),
      maxDailyBudget: rng.next() < 0.5 ? Math.round(300 + 1500 * rng.next()) : undefined,
      approvalAboveBudgetChange: scale(c.approvalAboveBudgetChange, 0.5, 1.5),
    },
  };
  const parsed = validateAgentDefinition(next);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return parsed.agent;
}

interface StatusEvent {
  agentId: string;
  paused: boolean;
  /** Platform calls started when the pause or resume returned. */
  afterCall: number;
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** What a person does at a random moment of a busy hour; a refusal the runtime explains is part of the game, anything else fails the run. */
async function personActs(rig: SandboxRig, rng: SeededRandom, events: StatusEvent[], campaignIds: readonly string[]): Promise<string> {
  await turns(Math.floor(rng.next() * 12));
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng.next() * list.length)];
  const agentId = pick(rig.agentIds)!;
  const roll = rng.next();
  try {
    if (roll < 0.3) {
      const waiting = rig.store.decisions.page({ states: ['escalated'] }, undefined, 50).items;
      const decision = pick(waiting);
      if (decision) await rig.runtime.approve(decision.id, 'tester');
      return 'approve';
    }
    if (roll < 0.45) {
      const done = rig.store.decisions.page({ states: ['executed'] }, undefined, 50).items.filter((d) => d.parentDecisionId === undefined);
      const decision = pick(done);
      if (decision) await rig.runtime.undo(decision.id, 'tester');
      return 'undo';
    }
    if (roll < 0.7) {
      const stored = rig.store.agents.get<AgentDefinition>(agentId)!;
      await rig.runtime.updateAgent(agentId, edited(stored.definition, rng, campaignIds));
      return 'edit';
    }
    if (rig.runtime.status(agentId) === 'active') {
      rig.runtime.pause(agentId);
      events.push({ agentId, paused: true, afterCall: rig.log.calls.length });
      return 'pause';
    }
    rig.runtime.resume(agentId);
    events.push({ agentId, paused: false, afterCall: rig.log.calls.length });
    return 'resume';
  } catch (error) {
    if (error instanceof AcmError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) return 'refused';
    throw error;
  }
}

function allDecisions(rig: SandboxRig): Decision[] {
  const out: Decision[] = [];
  let cursor;
  do {
    const page = rig.store.decisions.page({}, cursor, 500);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

function* auditEntries(rig: SandboxRig): Generator<AuditEntry> {
  for (let after = 0; ;) {
    const page = rig.store.audit.entries(after, 1000);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].seq;
  }
}

describe('the money path under interleaved people and agents', () => {
  for (const seed of [3, 17, 29]) {
    it(`seed ${seed}: every executed change held the limits in force at its execution, and nothing ran after a pause`, { timeout: 300_000 }, async () => {
      const scenario = scenarioFor(seed);
      const rig = sandboxRig(scenario, { yieldEachCall: true });
      const rng = new SeededRandom(seed * 7919);
      try {
        const initial = await rig.sandbox.listCampaigns();
        const campaignIds = initial.map((c) => c.id);
        await rig.runHours(WARMUP_DAYS * 24);
        rig.sandbox.faults.inject({ kind: 'transient', rate: 0.2, count: Number.POSITIVE_INFINITY, match: { operation: 'applyChange' } });
        rig.sandbox.faults.inject({ kind: 'reject', rate: 0.05, count: Number.POSITIVE_INFINITY, match: { operation: 'applyChange' } });
        const events: StatusEvent[] = [];
        const acts: string[] = [];
        for (let hour = 0; hour < PLAYED_HOURS; hour++) {
          const people = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => personActs(rig, rng, events, campaignIds));
          await rig.runHours(1);
          acts.push(...(await Promise.all(people)));
        }
        expect(rig.failedCycles).toEqual([]);

        const agentOf = new Map(allDecisions(rig).map((d) => [d.idempotencyKey, d.agentId]));
        const afterPause = rig.log.calls.filter((call) => {
          if (call.operation !== 'applyChange') return false;
          const agentId = agentOf.get(call.key!);
          const last = events.filter((e) => e.agentId === agentId && e.afterCall < call.seq).pop();
          return last?.paused === true;
        });
        expect(afterPause).toEqual([]);

        const violations = recountFromAudit({
          initial,
          entries: auditEntries(rig),
          policies: scenario.policies,
          pools: scenario.pools,
          accountDailySpendCap: scenario.account?.dailySpendCap,
        });
        expect(violations).toEqual([]);

        const decisions = allDecisions(rig);
        const executed = decisions.filter((d) => d.state === 'executed' || d.state === 'undone').length;
        const refusedAtExecution = decisions.filter((d) => d.state === 'blocked' && d.error?.startsWith('refused at the moment of execution')).length;
        // The run must have exercised what it claims to: people acting, changes executed, and the guard refusing some at the last moment.
        expect(executed).toBeGreaterThan(5);
        expect(acts.filter((a) => a === 'edit').length).toBeGreaterThan(5);
        expect(events.filter((e) => e.paused).length).toBeGreaterThan(2);
        reportFigures(`money path seed ${seed}`, {
          'executed changes': executed,
          'refused at execution': refusedAtExecution,
          approvals: acts.filter((a) => a === 'approve').length,
          undos: acts.filter((a) => a === 'undo').length,
          edits: acts.filter((a) => a === 'edit').length,
          pauses: events.filter((e) => e.paused).length,
          'changes sent': rig.log.calls.filter((c) => c.operation === 'applyChange').length,
          'failed platform calls': rig.log.failures().length,
        });
      } finally {
        rig.close();
      }
    });
  }
});
