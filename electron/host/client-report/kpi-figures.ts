import type { Goal } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import type { Store } from '@store/index';
import { cpaOf, dailyTotals, roasOf, type DayTotals } from '@ipc/handlers/goal-progress';
import type { ReportPeriod } from './report-period';

export interface Totals {
  spend: number;
  revenue: number;
  conversions: number;
}

/** The headline figures of a period; ROAS and CPA are null where there is nothing to divide by. */
export interface Kpis extends Totals {
  roas: number | null;
  cpa: number | null;
}

export interface CampaignLine extends Kpis {
  id: string;
  name: string;
}

/** An agent's goal, judged on the period as a whole (a per-day goal on the average day). */
export interface GoalLine {
  agent: string;
  goal: Goal;
  actual: number | null;
  met: boolean | null;
}

export interface KpiFigures {
  current: Kpis;
  previous: Kpis;
  /** The period's days with any reported hour, oldest first. */
  days: DayTotals[];
  campaigns: CampaignLine[];
  goals: GoalLine[];
}

const sum = (days: readonly Totals[]): Totals =>
  days.reduce((s, d) => ({ spend: s.spend + d.spend, revenue: s.revenue + d.revenue, conversions: s.conversions + d.conversions }), {
    spend: 0,
    revenue: 0,
    conversions: 0,
  });

export const kpisOf = (t: Totals): Kpis => ({ ...t, roas: roasOf(t), cpa: cpaOf(t) });

function goalLine(agent: string, goal: Goal, days: readonly DayTotals[]): GoalLine {
  if (days.length === 0) return { agent, goal, actual: null, met: null };
  const k = kpisOf(sum(days));
  const actual = goal.metric === 'roas' || goal.metric === 'cpa' ? k[goal.metric] : k[goal.metric] / (goal.per === 'day' ? days.length : 1);
  return { agent, goal, actual, met: actual === null ? null : goal.op === '>=' ? actual >= goal.value : actual <= goal.value };
}

/** Spend, revenue and conversions from the stored hourly metrics: the period, the one before it, by day, by campaign, and each agent's goals. */
export function kpiFigures(store: Store, zone: AccountZone, period: ReportPeriod, previous: ReportPeriod): KpiFigures {
  const ids = store.metrics.campaignIds(previous.start, period.end);
  const days = dailyTotals(store.metrics, ids, period.start, period.end, zone);
  const campaigns = ids
    .map((id) => ({
      id,
      name: store.snapshots.latest(id, period.end)?.campaign.name ?? id,
      ...kpisOf(sum(dailyTotals(store.metrics, [id], period.start, period.end, zone))),
    }))
    .filter((c) => c.spend > 0 || c.revenue > 0 || c.conversions > 0);
  const goals = store.agents.list<{ campaigns?: '*' | string[] }>().flatMap((agent) => {
    const own = agent.definition.campaigns;
    const agentDays = own === undefined || own === '*' ? days : dailyTotals(store.metrics, own, period.start, period.end, zone);
    return store.agents.goals(agent.id).map((goal) => goalLine(agent.name, goal, agentDays));
  });
  return {
    current: kpisOf(sum(days)),
    previous: kpisOf(sum(dailyTotals(store.metrics, ids, previous.start, previous.end, zone))),
    days,
    campaigns,
    goals,
  };
}
