import type { AgentDefinition, Goal, GoalMetric } from '@shared/scenario/schema';
import { cents, ratio4 } from './report';
import type { RunLedger } from './run-strategy';

export const GOAL_JUDGING_DAYS = 28;

export interface GoalOutcome {
  agent: string;
  goal: string;
  met: boolean;
  value: number;
}

export function describeGoal(goal: Goal): string {
  return `${goal.metric} ${goal.op} ${goal.value}${goal.per === 'total' ? ' total' : ''}`;
}

const MONEY_METRICS: readonly GoalMetric[] = ['cpa', 'spend', 'revenue'];

/** A goal's value as the report shows it: money to the cent, ratios and counts to four decimals. */
function reported(metric: GoalMetric, value: number): number {
  return MONEY_METRICS.includes(metric) ? cents(value) : ratio4(value);
}

/**
 * Each goal judged on the agents' run over its final 28 days (all of it when shorter), on the
 * agent's campaigns together: ratios over the whole stretch, sums per day (`per: "day"`) or
 * in total, on the value as the report shows it (so that a spend of exactly the goal, summed
 * hour by hour in floating point, meets it). A CPA with spend and no conversion is never met.
 */
export function judgeGoals(agents: AgentDefinition[], ledger: RunLedger): GoalOutcome[] {
  const days = Math.min(GOAL_JUDGING_DAYS, ledger.days);
  const out: GoalOutcome[] = [];
  for (const agent of agents) {
    const ids = agent.campaigns === '*' ? null : new Set(agent.campaigns);
    let spend = 0;
    let conversions = 0;
    let revenue = 0;
    ledger.campaignIds.forEach((id, c) => {
      if (ids && !ids.has(id)) return;
      for (let d = ledger.days - days; d < ledger.days; d++) {
        spend += ledger.daySpend[c * ledger.days + d];
        conversions += ledger.dayConversions[c * ledger.days + d];
        revenue += ledger.dayRevenue[c * ledger.days + d];
      }
    });
    for (const goal of agent.goals) {
      const perDay = goal.per === 'day' ? days : 1;
      let value: number;
      let judgeable = true;
      switch (goal.metric) {
        case 'roas':
          value = spend > 0 ? revenue / spend : 0;
          break;
        case 'cpa':
          value = conversions > 0 ? spend / conversions : 0;
          judgeable = conversions > 0 || spend === 0;
          break;
        case 'spend':
          value = spend / perDay;
          break;
        case 'conversions':
          value = conversions / perDay;
          break;
        case 'revenue':
          value = revenue / perDay;
          break;
      }
      value = reported(goal.metric, value);
      const met = judgeable && (goal.op === '>=' ? value >= goal.value : value <= goal.value);
      out.push({ agent: agent.name, goal: describeGoal(goal), met, value });
    }
  }
  return out;
}
