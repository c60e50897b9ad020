import { HOUR_MS } from '@shared/time';
import type { Scenario } from '@shared/scenario/schema';
import { baselineTargets } from './baseline-targets';
import { reviewBudgets } from './budget-review';
import type { HourContext, Strategy } from './strategy';

const WEEK_DAYS = 7;
const RULES_WINDOW_DAYS = 3;

/** Whether the hour starts one of the account's local days. */
const startsDay = (ctx: HourContext) => ctx.hour === ctx.dayStartHour(ctx.day);

/** The hours of the `days` local days before this one (24 a day before the run began). */
function hoursBack(ctx: HourContext, days: number): number {
  return ctx.day >= days ? ctx.hour - ctx.dayStartHour(ctx.day - days) : days * 24;
}

/** A person reviewing weekly: at the end of every 7th day, trailing 7-day ROAS against target ± 10%. */
export function manualStrategy(scenario: Scenario): Strategy {
  const targets = baselineTargets(scenario);
  return {
    async onHour(ctx) {
      if (ctx.day === 0 || ctx.day % WEEK_DAYS !== 0 || !startsDay(ctx)) return;
      await reviewBudgets(
        ctx,
        {
          windowHours: hoursBack(ctx, WEEK_DAYS),
          cutBelow: targets.manualRoas * 0.9,
          raiseAbove: targets.manualRoas * 1.1,
          accountCap: targets.accountCap,
          keyPrefix: 'manual',
        },
        await ctx.platform.listCampaigns(),
      );
    },
  };
}

/**
 * An automated-rules tool: at the end of every day, trailing 3-day ROAS below target cuts 20%,
 * above 1.2 × target raises 20%; a campaign that has spent 3 × target CPA since its last
 * reported conversion is paused.
 */
export function rulesStrategy(scenario: Scenario, totalHours: number): Strategy {
  const targets = baselineTargets(scenario);
  const pauseAfterSpend = 3 * targets.rulesCpa;
  // What the tool has seen: hourly spend per campaign (as prefix sums) and the last hour with a conversion.
  const seen = new Map<string, { prefix: Float64Array; lastConversionHour: number }>();
  let filledTo = 0;

  return {
    async onHour(ctx: HourContext) {
      if (ctx.day === 0 || !startsDay(ctx)) return;
      const startMs = ctx.now - ctx.hour * HOUR_MS;
      const windowHours = hoursBack(ctx, RULES_WINDOW_DAYS);
      const rows = await ctx.platform.getMetrics({ from: ctx.now - windowHours * HOUR_MS, to: ctx.now });
      const windowStart = ctx.hour - windowHours;
      const hourly = new Map<string, Float64Array>();
      for (const row of rows) {
        let entry = seen.get(row.campaignId);
        if (!entry) seen.set(row.campaignId, (entry = { prefix: new Float64Array(totalHours + 1), lastConversionHour: -1 }));
        const t = Math.round((row.hour - startMs) / HOUR_MS);
        if (row.conversions > 0) entry.lastConversionHour = Math.max(entry.lastConversionHour, t);
        let spend = hourly.get(row.campaignId);
        if (!spend) hourly.set(row.campaignId, (spend = new Float64Array(windowHours)));
        spend[t - windowStart] += row.spend;
      }
      for (const [id, entry] of seen) {
        const spend = hourly.get(id);
        for (let t = filledTo; t < ctx.hour; t++) entry.prefix[t + 1] = entry.prefix[t] + (spend && t >= windowStart ? spend[t - windowStart] : 0);
      }
      filledTo = ctx.hour;

      const campaigns = await ctx.platform.listCampaigns();
      const stillActive = [];
      for (const c of campaigns) {
        const entry = seen.get(c.id);
        const since = entry ? entry.prefix[ctx.hour] - entry.prefix[entry.lastConversionHour + 1] : 0;
        if (c.status === 'active' && since >= pauseAfterSpend) {
          await ctx.platform.applyChange({ kind: 'status', campaignId: c.id, status: 'paused' }, `rules:${ctx.hour}:${c.id}:status`);
        } else {
          stillActive.push(c);
        }
      }
      await reviewBudgets(
        ctx,
        {
          windowHours,
          cutBelow: targets.rulesRoas,
          raiseAbove: targets.rulesRoas * 1.2,
          accountCap: targets.accountCap,
          keyPrefix: 'rules',
        },
        stillActive,
        rows,
      );
    },
  };
}
