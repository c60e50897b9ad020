import type { Scenario } from '@shared/scenario/schema';

/** The targets of the manual and rules baselines, with FORMAT.md's defaults drawn from the agents' goals. */
export interface BaselineTargets {
  manualRoas: number;
  rulesRoas: number;
  rulesCpa: number;
  /** The account's daily spend cap, which budget raises must respect (Infinity when none). */
  accountCap: number;
}

export function baselineTargets(scenario: Scenario): BaselineTargets {
  const goals = scenario.agents.flatMap((a) => a.goals);
  const roasGoals = goals.filter((g) => g.metric === 'roas').map((g) => g.value);
  const cpaGoals = goals.filter((g) => g.metric === 'cpa').map((g) => g.value);
  const manualRoas = scenario.baselines.manual.targetRoas ?? (roasGoals.length > 0 ? Math.max(...roasGoals) : 3);
  const capPolicies = scenario.policies.flatMap((p) => (p.rule === 'accountDailySpendCap' ? [p.value] : []));
  return {
    manualRoas,
    rulesRoas: scenario.baselines.rules.targetRoas ?? manualRoas,
    rulesCpa: scenario.baselines.rules.targetCpa ?? (cpaGoals.length > 0 ? Math.min(...cpaGoals) : 50),
    accountCap: Math.min(scenario.account?.dailySpendCap ?? Infinity, ...capPolicies),
  };
}
