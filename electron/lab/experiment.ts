import { DEFAULT_PRE_PERIOD_DAYS, type Assignment, type CampaignDay, type ExperimentUnit, type Holdout } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';
import type { PlatformAdapter } from '@shared/platform/adapter';
import type { Scenario } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import { analyseExperiment } from '../engine/experiments/analysis';
import { assignCampaigns } from '../engine/experiments/assignment';
import { ratio4 } from './report';
import type { RunLedger } from './run-strategy';
import type { AgentsFactory } from './strategy';

/** `acm simulate --experiment`: a holdout experiment played on the scenario's world. */
export interface ExperimentOptions {
  /** Seeds the assignment's coins and the analysis's resampling (default: the run's seed). */
  seed?: number;
  /** Days before the test during which every campaign stays as set (default: defaultPreDays). */
  preDays?: number;
}

/** The `experiment` object of the report: the analysis an operator would read, beside the truth only a simulation knows. */
export interface SimExperiment {
  seed: number;
  preDays: number;
  testDays: number;
  /** The first test day, the account's local date. */
  startDate: string;
  treatment: string[];
  holdout: string[];
  pairs: number;
  /** The estimated ROAS lift of the agents' campaigns and its 90% interval (0.17 is +17%); null when the data cannot say. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  significant: boolean;
  verdict: string;
  /** The true ROAS lift: the treatment campaigns' ROAS over the test period, against the same campaigns on the same draws left static. */
  trueLift: number;
}

export const EXPERIMENT_NAME = 'simulated holdout';

/** A pre-period of 28 days as in the app, but never more than a third of the run, so that short runs keep a test period twice its length. */
export function defaultPreDays(days: number): number {
  return Math.max(1, Math.min(DEFAULT_PRE_PERIOD_DAYS, Math.floor(days / 3)));
}

export interface ExperimentPlan {
  seed: number;
  preDays: number;
  /** Epoch ms of the run's first local midnight. */
  runStartMs: number;
  /** Epoch ms of the first test day's local midnight. */
  startMs: number;
  startDate: string;
}

export function planExperiment(scenario: Scenario, zone: AccountZone, days: number, runSeed: number, options: ExperimentOptions): ExperimentPlan {
  if (days < 2) throw new AcmError('INVALID_INPUT', `an experiment needs a pre-period and a test period: at least 2 days, got ${days}`);
  if (scenario.campaigns.length < 2)
    throw new AcmError('INVALID_INPUT', `an experiment needs at least 2 campaigns, the scenario has ${scenario.campaigns.length}`);
  const preDays = options.preDays ?? defaultPreDays(days);
  if (!Number.isInteger(preDays) || preDays < 1 || preDays >= days) {
    throw new AcmError('INVALID_INPUT', `the pre-period must be from 1 to ${days - 1} days, got ${preDays}`);
  }
  const runStartMs = zone.dayOfDate(scenario.start).startMs;
  const startMs = zone.addLocalDays(runStartMs, preDays);
  return { seed: options.seed ?? runSeed, preDays, runStartMs, startMs, startDate: zone.date(startMs) };
}

/**
 * The agents under the experiment: every campaign held out through the pre-period, so that the
 * account stays as set while the baseline is measured; at the first test hour the campaigns are
 * split from what the platform reports of the pre-period, as an operator would split them,
 * and the agents get the treatment group from then on.
 */
export function agentsUnderExperiment(factory: AgentsFactory, plan: ExperimentPlan): { agents: AgentsFactory; assignment(): Assignment | undefined } {
  let assignment: Assignment | undefined;
  const agents: AgentsFactory = async (env) => {
    const ids = (await env.platform.listCampaigns()).map((c) => c.id);
    let holdout: Holdout = new Map(ids.map((id) => [id, EXPERIMENT_NAME]));
    const inner = await factory({ ...env, holdout: () => holdout });
    return {
      async onHour(ctx) {
        if (assignment === undefined && ctx.now >= plan.startMs) {
          assignment = assignCampaigns(await preperiodUnits(ctx.platform, ids, plan), plan.seed);
          holdout = new Map(assignment.holdout.map((id) => [id, EXPERIMENT_NAME]));
        }
        await inner.onHour(ctx);
      },
      stats: () => inner.stats(),
    };
  };
  return { agents, assignment: () => assignment };
}

async function preperiodUnits(platform: PlatformAdapter, ids: readonly string[], plan: ExperimentPlan): Promise<ExperimentUnit[]> {
  const units = new Map(ids.map((id) => [id, { campaignId: id, spend: 0, revenue: 0, conversions: 0 }]));
  for (const row of await platform.getMetrics({ campaignIds: [...ids], from: plan.runStartMs, to: plan.startMs })) {
    const unit = units.get(row.campaignId);
    if (!unit) continue;
    unit.spend += row.spend;
    unit.revenue += row.revenue;
    unit.conversions += row.conversions;
  }
  return [...units.values()];
}

/** Each campaign's daily totals as the platform reports them at the end of the run (the last hours' conversions may still be on their way, in both groups alike). */
export async function reportedDays(platform: PlatformAdapter, zone: AccountZone, from: number, to: number): Promise<CampaignDay[]> {
  const days = new Map<string, CampaignDay>();
  for (const row of await platform.getMetrics({ from, to })) {
    const date = zone.date(row.hour);
    const key = `${row.campaignId}\u0000${date}`;
    let day = days.get(key);
    if (!day) days.set(key, (day = { campaignId: row.campaignId, date, spend: 0, revenue: 0, conversions: 0 }));
    day.spend += row.spend;
    day.revenue += row.revenue;
    day.conversions += row.conversions;
  }
  return [...days.values()];
}

/** The experiment's analysis from the reported days, and the truth: the treatment's test-period ROAS in the agents' run over the static run's. */
export function experimentFigures(
  plan: ExperimentPlan,
  assignment: Assignment,
  rows: readonly CampaignDay[],
  agents: RunLedger,
  counterfactual: RunLedger,
): SimExperiment {
  const analysis = analyseExperiment({ assignment, rows, startDate: plan.startDate, seed: plan.seed });
  const roas = analysis.lift?.roas;
  const round = (x: number | undefined) => (x === undefined ? null : ratio4(x));
  return {
    seed: plan.seed,
    preDays: analysis.preDays,
    testDays: analysis.testDays,
    startDate: plan.startDate,
    treatment: assignment.treatment,
    holdout: assignment.holdout,
    pairs: assignment.pairs.length,
    estimate: round(roas?.estimate),
    low: round(roas?.low),
    high: round(roas?.high),
    significant: analysis.significant,
    verdict: analysis.verdict,
    trueLift: ratio4(testRoas(agents, assignment.treatment, plan.preDays) / testRoas(counterfactual, assignment.treatment, plan.preDays) - 1),
  };
}

function testRoas(ledger: RunLedger, ids: readonly string[], preDays: number): number {
  let spend = 0;
  let revenue = 0;
  for (const id of ids) {
    const c = ledger.campaignIds.indexOf(id);
    for (let d = preDays; d < ledger.days; d++) {
      spend += ledger.daySpend[c * ledger.days + d];
      revenue += ledger.dayRevenue[c * ledger.days + d];
    }
  }
  return revenue / spend;
}
