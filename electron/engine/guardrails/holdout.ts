import type { Finding, GuardInput } from './types';

/**
 * A holdout campaign is the experiment's control: any agent's change to it, or to a budget it
 * shares, would spoil the comparison the operator is paying for. Not even a person's override
 * of an agent's limits moves it; stopping the experiment releases it.
 */
export function holdoutFindings({ change, campaign, account, holdout }: GuardInput): Finding[] {
  if (!holdout || holdout.size === 0) return [];
  const moved = change.kind === 'budget' && campaign.sharedBudget ? campaign.sharedBudget.campaignIds : [campaign.id];
  const findings: Finding[] = [];
  for (const id of moved) {
    const experiment = holdout.get(id);
    if (experiment === undefined) continue;
    const name = id === campaign.id ? campaign.name : (account.find((c) => c.id === id)?.name ?? id);
    const via = id === campaign.id ? '' : ` (it shares the budget '${campaign.sharedBudget?.name}')`;
    findings.push({
      rule: 'experiment.holdout',
      message: `'${name}'${via} is in the holdout of experiment '${experiment}': no agent changes it until the experiment ends`,
    });
  }
  return findings;
}
