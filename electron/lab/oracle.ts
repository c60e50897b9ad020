import type { Scenario } from '@shared/scenario/schema';
import { hillUnit, solveAllocation, type AllocationUnit } from './optimize/allocate';
import type { CampaignState } from '../platforms/sandbox/campaign-state';
import { deliveryShare } from '../platforms/sandbox/formulas';
import type { World } from '../platforms/sandbox/world';
import type { Strategy } from './strategy';

/**
 * The oracle: the physical limit of the agents' spend. At the start of each day it takes what
 * the agents actually spent that day on the campaigns they manage and splits it anew, on the
 * true curves and the day's true multipliers, to maximise expected revenue; then the day is
 * played on the world with the same random draws as every other strategy.
 *
 * Assumptions, all here:
 * - Units are the campaigns' audiences (a campaign without audiences is one unit). Spend is
 *   delivered spend; the budget set is spend / today's delivery share of the campaign's bid.
 * - Of a campaign's creatives only the best one today (quality × fatigue) runs: spend splits
 *   evenly over enabled creatives, so any mix is worth less than the best alone.
 * - Bounds per campaign: at least the platform minimum and the largest minDailyBudget of the
 *   agents managing it, at most the smallest maxDailyBudget among them; a campaign's bounds are
 *   shared among its audiences by weight. When the agents spent less than the lower bounds add
 *   up to, the bounds are scaled down to fit.
 * - Expected revenue leaves out the day's conversion-rate luck (the gamma draw), which no one
 *   can know in advance.
 */
function managedCampaignIds(scenario: Scenario): Set<string> {
  const ids = new Set<string>();
  for (const agent of scenario.agents) {
    if (agent.campaigns === '*') scenario.campaigns.forEach((c) => ids.add(c.id));
    else agent.campaigns.forEach((id) => ids.add(id));
  }
  return ids;
}

interface Bounds {
  lower: number;
  upper: number;
}

function budgetBounds(scenario: Scenario, campaign: CampaignState): Bounds {
  let lower = campaign.spec.minDailyBudget;
  let upper = Infinity;
  for (const agent of scenario.agents) {
    if (agent.campaigns !== '*' && !agent.campaigns.includes(campaign.spec.id)) continue;
    lower = Math.max(lower, agent.constraints.minDailyBudget ?? 0);
    upper = Math.min(upper, agent.constraints.maxDailyBudget ?? Infinity);
  }
  return { lower, upper: Math.max(upper, lower) };
}

interface OracleUnit {
  campaign: CampaignState;
  audience: number;
  unit: AllocationUnit;
}

/** The day's allocation units on the true curves; the world must have prepared the day. */
function oracleUnits(world: World, scenario: Scenario, managed: Set<string>, day: number): OracleUnit[] {
  const out: OracleUnit[] = [];
  for (const campaign of world.campaigns) {
    if (!managed.has(campaign.spec.id)) continue;
    const share = deliveryShare(campaign.bid, campaign.cpcToday);
    const bounds = budgetBounds(scenario, campaign);
    const best = Math.max(...campaign.creativeFactors);
    const totalWeight = campaign.audiences.reduce((s, a) => s + a.weight, 0);
    const revenuePerConversion = campaign.orderMean * world.calendar.demand[day] * best;
    campaign.audiences.forEach((audience, a) => {
      const part = (audience.weight / totalWeight) * share;
      out.push({ campaign, audience: a, unit: hillUnit(audience.response, revenuePerConversion, bounds.lower * part, bounds.upper * part) });
    });
  }
  return out;
}

/** Scales lower bounds down when the spend to split cannot cover them all. */
function fitLowerBounds(units: AllocationUnit[], total: number): AllocationUnit[] {
  const lowerSum = units.reduce((s, u) => s + u.lower, 0);
  if (lowerSum <= total) return units;
  const f = lowerSum > 0 ? total / lowerSum : 0;
  return units.map((u) => ({ ...u, lower: u.lower * f, knee: u.knee === undefined ? undefined : Math.max(u.knee, u.lower * f) }));
}

export function oracleStrategy(world: World, scenario: Scenario, agentsDaySpend: Float64Array): Strategy {
  const managed = managedCampaignIds(scenario);
  return {
    onHour(ctx) {
      if (ctx.hour !== ctx.dayStartHour(ctx.day)) return;
      const day = world.prepareDay();
      let total = 0;
      for (const c of world.campaigns) if (managed.has(c.spec.id)) total += agentsDaySpend[c.index * world.days + day];
      const units = oracleUnits(world, scenario, managed, day);
      const spend = solveAllocation(
        fitLowerBounds(
          units.map((u) => u.unit),
          total,
        ),
        total,
      ).spend;
      realise(world, units, spend);
    },
  };
}

/** Puts the allocation on the oracle's world: budgets, audience split, the best creative alone. */
function realise(world: World, units: OracleUnit[], spend: number[]): void {
  const byCampaign = new Map<CampaignState, number[]>();
  units.forEach((u, i) => {
    const list = byCampaign.get(u.campaign) ?? new Array<number>(u.campaign.audiences.length).fill(0);
    list[u.audience] = spend[i];
    byCampaign.set(u.campaign, list);
  });
  for (const [campaign, audienceSpend] of byCampaign) {
    const total = audienceSpend.reduce((s, x) => s + x, 0);
    if (!(total > 1e-9)) {
      campaign.status = 'paused';
      continue;
    }
    campaign.status = 'active';
    campaign.dailyBudget = total / deliveryShare(campaign.bid, campaign.cpcToday);
    campaign.audiences.forEach((a, i) => {
      a.weight = audienceSpend[i] / total;
      a.enabled = audienceSpend[i] > 0;
    });
    let best = 0;
    campaign.creativeFactors.forEach((f, k) => (best = f > campaign.creativeFactors[best] ? k : best));
    campaign.creatives.forEach((cr, k) => {
      cr.enabled = k === best;
      if (cr.enabled && cr.liveSince === null) cr.liveSince = world.now();
    });
  }
}
