/**
 * The largest (and for amounts something is divided by, the smallest) values a scenario or agent
 * file may hold. Each is far beyond any real account, so that no honest file meets it, and close
 * enough that the simulator and the agents' arithmetic stay finite and quick: a digit slip such
 * as `1e308` is refused with its path instead of overflowing to Infinity or NaN deep in a
 * forecast, or asking the simulator for more conversions than it can draw.
 */

/** Names and ids, in UTF-16 code units (what a text field's maxlength counts). */
export const MAX_NAME_LENGTH = 120;

/** One campaign's money for a day: budgets, their bounds, one budget change. */
export const MAX_CAMPAIGN_BUDGET = 10_000_000;

/** The least a budget or a spend limit may be: a cent. */
export const MIN_BUDGET = 0.01;

/** Money for a day over many campaigns: the account's cap, an agent's or a pool's spend, a curve's half-saturation spend. */
export const MAX_ACCOUNT_BUDGET = 1_000_000_000;

/** What a goal may ask for: up to a whole run's revenue or spend of the largest account. */
export const MAX_GOAL_VALUE = 1_000_000_000_000;

/** The price of one click: bids and market CPCs, from a tenth of a cent. */
export const MAX_CPC = 10_000;
export const MIN_CPC = 0.001;

/** Revenue of one order, and a target cost per conversion. */
export const MAX_ORDER_VALUE = 1_000_000;

/** A campaign's or an audience's conversions a day at saturation. */
export const MAX_DAILY_CONVERSIONS = 1_000_000;

/**
 * Factors: a weekday's demand, a calendar event's demand and CPC (also all of one day's events
 * together), a creative's quality. A CPC factor is also at least its inverse.
 */
export const MAX_MULTIPLIER = 100;

/** A target return on ad spend. */
export const MAX_ROAS = 1_000;

/** Log standard deviations (order values, CPCs): 5 already spreads a price over a factor of e^10. */
export const MAX_LOG_SD = 5;

/** Coefficient of variation of a day's conversion rate. */
export const MAX_DISPERSION = 10;

/** Exponent of the Hill curve. */
export const MAX_SHAPE = 10;

/** Relative weights: audiences' shares of spend, hours' shares of a day. */
export const MAX_WEIGHT = 1_000_000_000;

export const MAX_PRIORITY = 1_000;

/** A percent change of a budget: an agent's step, or a policy's limit within a day. */
export const MAX_PERCENT = 1_000;

/** Durations in hours (a cooldown, an attribution delay): a year. */
export const MAX_HOURS = 8_760;

/** Length of a run, and of a goal's window. */
export const MAX_DAYS = 730;

/** A creative's fatigue half-life: ten years is already "never tires" over the longest run. */
export const MAX_HALF_LIFE_DAYS = 3_650;

/**
 * Audience × creative units over all campaigns (a campaign without either is one), times the days
 * they are played. The simulator keeps an hourly ledger of each unit (32 bytes an hour: 0.77 kB a
 * day), so this many take about a gigabyte: 2,000 units for the two years of a live account, or a
 * 10,000-campaign account for four months.
 */
export const MAX_UNIT_DAYS = 2_000 * 730;

/** Audience × creative units over the campaigns of a scenario (a campaign without either is one). */
export function unitCount(campaigns: readonly { audiences?: readonly unknown[]; creatives?: readonly unknown[] }[]): number {
  return campaigns.reduce((n, c) => n + Math.max(1, c.audiences?.length ?? 0) * Math.max(1, c.creatives?.length ?? 0), 0);
}

/** Counts: conversions needed before acting, changes allowed a day. */
export const MAX_COUNT = 1_000_000;

/** The seed range `acm simulate --seed` accepts: any 32-bit integer, signed or not. */
export const MIN_SEED = -(2 ** 31);
export const MAX_SEED = 2 ** 32 - 1;
