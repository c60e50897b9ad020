import { randomInt } from 'node:crypto';
import type { CampaignInfo } from '@shared/domain/campaign';
import { alreadyInExperiment, type Assignment, type CampaignDay, type ExperimentUnit, type PowerEstimate } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';
import type { ParsedRequestOf } from '@shared/ipc/contract';
import { AccountZone } from '@shared/zone';
import { assignCampaigns } from '@engine/experiments/assignment';
import { estimatePower } from '@engine/experiments/power';
import type { Services } from '../services';
import { campaignDays } from './campaign-days';

type PlanRequest = ParsedRequestOf<'experiments.plan'>;

/** Seeds drawn for the operator stay within what the contract's seed accepts back (a non-negative integer). */
const SEED_RANGE = 2 ** 31;

const label = (campaign: CampaignInfo) => `'${campaign.name}' (${campaign.id})`;

/**
 * What makes a choice of campaigns and agents testable: the campaigns are the account's, the
 * agents exist and still work, and each campaign is one the chosen agents manage, so that the
 * treatment group is really theirs.
 */
function checkChoice(request: PlanRequest, account: readonly CampaignInfo[], services: Services): void {
  const byId = new Map(account.map((c) => [c.id, c]));
  const unknown = request.campaignIds.find((id) => !byId.has(id));
  if (unknown !== undefined) throw new AcmError('INVALID_INPUT', `no campaign ${unknown} in this account`, { path: 'campaignIds' });
  const agents = request.agentIds.map((id) => {
    const agent = services.records.agents.get(id);
    if (!agent) throw new AcmError('INVALID_INPUT', `no agent with id ${id}`, { path: 'agentIds' });
    if (agent.status === 'terminated')
      throw new AcmError('INVALID_INPUT', `agent '${agent.name}' is terminated: there is no management left to test`, { path: 'agentIds' });
    return agent;
  });
  for (const id of request.campaignIds) {
    if (agents.some((a) => a.definition.campaigns === '*' || a.definition.campaigns.includes(id))) continue;
    throw new AcmError('INVALID_INPUT', `campaign ${label(byId.get(id)!)} is not managed by any of the chosen agents: choose its agent too, or leave it out`, {
      path: 'campaignIds',
    });
  }
  const conflict = alreadyInExperiment(request.campaignIds, services.experiments.list());
  if (conflict) throw conflict;
}

/** Each campaign's totals over the pre-period, a campaign without a reported hour at zero. */
function unitsOf(campaignIds: readonly string[], rows: readonly CampaignDay[]): ExperimentUnit[] {
  const units = new Map(campaignIds.map((campaignId) => [campaignId, { campaignId, spend: 0, revenue: 0, conversions: 0 }]));
  for (const row of rows) {
    const unit = units.get(row.campaignId)!;
    unit.spend += row.spend;
    unit.revenue += row.revenue;
    unit.conversions += row.conversions;
  }
  return [...units.values()];
}

/**
 * The split and the power an experiment starting on the local day that begins at `start` would
 * have: balanced on the `preDays` complete local days before it. Without a seed one is drawn, and
 * the assignment carries it, so the same split can be drawn again.
 */
export async function planExperiment(
  services: Services,
  request: PlanRequest,
  start: number,
): Promise<{ assignment: Assignment; power: PowerEstimate; startDate: string }> {
  checkChoice(request, await services.campaigns.list(), services);
  const zone = AccountZone.of(services.account.timezone);
  const rows = campaignDays(services.records.metrics, request.campaignIds, zone.addLocalDays(start, -request.preDays), start, zone);
  const assignment = assignCampaigns(unitsOf(request.campaignIds, rows), request.seed ?? randomInt(SEED_RANGE));
  return { assignment, power: estimatePower({ assignment, rows, lift: request.detectableLift }), startDate: zone.date(start) };
}
