import { everyDecision } from '@shared/domain/decision-log';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { Store } from '../store';
import { forecastCalendar } from '../engine/agents/calendar';
import { AgentRuntime } from '../engine/runtime/agent-runtime';
import { recountViolations } from '../engine/guardrails/recount';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { stream } from '@shared/random';
import type { AgentsFactory } from './strategy';

/** The person who answers escalations in `--approvals all`. */
export const SIMULATED_REVIEWER = 'simulated reviewer';

/**
 * The real engine as the `agents` strategy of a simulation: the agents of the scenario run in
 * an AgentRuntime on the given store, in simulated time, and the report's figures are counted
 * back from that store.
 */
export function engineAgents(store: Store): AgentsFactory {
  return async ({ platform, scenario, approvals, holdout }) => {
    const zone = AccountZone.of(scenario.timezone);
    const clock = new ManualClock(zone.dayOfDate(scenario.start).startMs);
    let decisionCount = 0;
    const runtime = new AgentRuntime({
      store,
      platform,
      clock,
      zone,
      random: stream(scenario.seed, 'agents', 'retry-jitter'),
      sleep: async () => undefined,
      policies: scenario.policies,
      accountDailySpendCap: scenario.account?.dailySpendCap,
      calendar: forecastCalendar(scenario.calendar, zone),
      pools: scenario.pools,
      holdout,
      // Ids that depend only on the run, so that two runs of one seed write identical logs.
      newId: () => `${scenario.seed.toString(36)}-${(decisionCount++).toString(36).padStart(6, '0')}`,
    });
    const agents = new Map<string, AgentDefinition>();
    for (const definition of scenario.agents) agents.set(runtime.addAgent(definition), definition);
    const initial = await platform.listCampaigns();

    return {
      async onHour(ctx) {
        clock.set(ctx.now);
        if (approvals === 'all') {
          for (const d of store.decisions.page({ states: ['escalated'] }, undefined, 500).items) await runtime.approve(d.id, SIMULATED_REVIEWER);
        }
        await runtime.tick();
      },
      stats() {
        const decisions = [...everyDecision(store.decisions)];
        const tally = store.reports.runTally();
        const violations = recountViolations({
          initial,
          decisions,
          agents,
          policies: scenario.policies,
          pools: scenario.pools,
          accountDailySpendCap: scenario.account?.dailySpendCap,
          // As it stands after the run: the experiment's holdout group (holding every campaign during the pre-period only kept it static).
          holdout: holdout?.(),
        });
        return {
          decisions: tally.decisions,
          violations: violations.length,
          conflicts: tally.conflicts,
          accuracy: tally.accuracy,
        };
      },
    };
  };
}
