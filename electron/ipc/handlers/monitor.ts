import type { StoredAgent } from '@shared/domain/agent';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import type { AgentMonitorView } from '@shared/ipc/channels/monitor';
import type { Handlers } from '@shared/ipc/contract';
import type { AgentDefinition } from '@shared/scenario/schema';
import { activeBudgetSum } from '@engine/guardrails/settings';
import { AccountZone } from '@shared/zone';
import type { Services } from '../services';
import { AcmError } from '@shared/errors';
import { cpaOf, dailyTotals, goalProgress, roasOf } from './goal-progress';

const LAST_ACTIONS = 5;

const campaignsOf = (agent: AgentDefinition, account: readonly CampaignInfo[]) =>
  agent.campaigns === '*' ? [...account] : account.filter((c) => agent.campaigns.includes(c.id));

/** The account less the campaigns running experiments hold out: no agent's while they last, as the runtime sees it. */
function managedAccount(services: Services, account: readonly CampaignInfo[]): CampaignInfo[] {
  const held = services.experiments.holdout();
  return account.filter((c) => !held.has(c.id));
}

/** What the agent is doing now, in words, from its status and its latest decisions; `timezone`: the account's, whose midnight it reviews at. */
export function focusOf(
  status: StoredAgent['status'],
  campaigns: number,
  waiting: number,
  latest: Decision | undefined,
  names: Map<string, string>,
  timezone: string,
): string {
  if (status === 'paused') return 'Paused: it makes no changes until it is resumed.';
  if (waiting > 0) return `Waiting for your approval on ${waiting} change${waiting === 1 ? '' : 's'} (see Alerts).`;
  const scope = `${campaigns} campaign${campaigns === 1 ? '' : 's'}`;
  if (!latest) return `Learning ${scope}; its first review is at the next midnight (${timezone}).`;
  const campaign = names.get(latest.campaignId) ?? latest.campaignId;
  return `Watching ${scope}; last ${latest.state} a ${latest.kind} change on ${campaign}.`;
}

export const monitorHandlers = (services: Services): Pick<Handlers, 'monitor.summary' | 'monitor.kpis'> => {
  const { records } = services;
  return {
    'monitor.summary': async () => {
      const everything = await services.campaigns.list();
      const names = new Map(everything.map((c) => [c.id, c.name]));
      const account = managedAccount(services, everything);
      const now = services.clock.now();
      const zone = AccountZone.of(services.account.timezone);
      return records.agents
        .list()
        .filter((a) => a.status !== 'terminated')
        .map((agent): AgentMonitorView => {
          const campaigns = campaignsOf(agent.definition, account);
          const ids = campaigns.map((c) => c.id);
          const lastActions = records.decisions.page({ agentId: agent.id }, undefined, LAST_ACTIONS).items;
          const waiting = records.decisions.countByState({ agentId: agent.id }).escalated;
          const limit = agent.definition.constraints.maxDailySpend;
          return {
            id: agent.id,
            name: agent.name,
            role: agent.definition.role,
            status: agent.status,
            focus: focusOf(agent.status, campaigns.length, waiting, lastActions[0], names, zone.id),
            lastActions,
            goals: agent.definition.goals.map((goal) => goalProgress(goal, records.metrics, ids, now, zone)),
            spendLimit: limit === undefined ? null : { budgeted: activeBudgetSum(campaigns), limit },
            awaitingApproval: waiting,
            lastReview: services.runtime.reviewReport(agent.id) ?? null,
          };
        });
    },
    'monitor.kpis': async ({ agentId, days }) => {
      const agent = records.agents.get(agentId);
      if (!agent) throw new AcmError('NOT_FOUND', `no agent with id ${agentId}`);
      const ids = campaignsOf(agent.definition, managedAccount(services, await services.campaigns.list())).map((c) => c.id);
      const zone = AccountZone.of(services.account.timezone);
      const today = zone.startOfDay(services.clock.now());
      const series = dailyTotals(records.metrics, ids, zone.addLocalDays(today, -(days - 1)), zone.nextMidnight(today), zone);
      const goalOf = (metric: 'roas' | 'cpa' | 'spend') =>
        agent.definition.goals.find((g) => g.metric === metric && (metric !== 'spend' || g.per === 'day'))?.value;
      const goals = Object.fromEntries((['roas', 'cpa', 'spend'] as const).flatMap((m) => (goalOf(m) === undefined ? [] : [[m, goalOf(m)]])));
      return { days: series.map((d) => ({ ...d, roas: roasOf(d), cpa: cpaOf(d) })), goals, timezone: zone.id };
    },
  };
};
