import { cooldown } from './constraints';
import { campaignPolicyFindings } from './policies';
import { budgetSharers } from './settings';
import type { Finding, GuardInput } from './types';

/**
 * A shared budget's change is a change of every campaign on it: each of the others is judged as
 * if changed itself, against its cooldown and the policies about one campaign (a protected label,
 * the changes a day, the move within 24 h), with its name in the finding. The sums (the agent's
 * limit, pools, the account's cap) count the budget once and are judged for the change as a whole.
 */
export function sharerFindings(input: GuardInput): Finding[] {
  if (input.change.kind !== 'budget') return [];
  const findings: Finding[] = [];
  for (const sharer of budgetSharers(input.account, input.campaign)) {
    const asSharer: GuardInput = { ...input, campaign: sharer, change: { ...input.change, campaignId: sharer.id } };
    const found = [cooldown(asSharer), ...campaignPolicyFindings(asSharer)].filter((f): f is Finding => f !== undefined);
    for (const f of found) findings.push({ rule: f.rule, message: `'${sharer.name}' shares the budget: ${f.message}` });
  }
  return findings;
}
