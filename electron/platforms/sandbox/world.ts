import { AcmError } from '@shared/errors';
import { MAX_UNIT_DAYS, unitCount } from '@shared/scenario/limits';
import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { hill } from './hill';
import { buildCalendar, type DayCalendar } from './calendar';
import { applyDueChanges, createCampaignState, type CampaignState } from './campaign-state';
import { exponential, gammaMultiplier, lognormalWithMean, normalQuantile, poissonQuantile, uniform } from './draws';
import { creativeFactor, deliveryShare } from './formulas';
import { localHours, type LocalHours } from './local-hours';

/**
 * Conversions of one audience × creative unit in one hour drawn one by one (order value and
 * attribution delay each). Far above any hour of a real campaign; past it, each draw stands for
 * an equal share of the hour's conversions, so that an hour costs the same however large the
 * account, and totals keep their expectation.
 */
const MAX_DRAWS_PER_HOUR = 1_000;

export interface WorldOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Hour zero, epoch ms: a local midnight of the scenario's zone (default: the scenario's start date's). */
  startMs?: number;
  /** How many days the world can run (default: the scenario's days). */
  days?: number;
}

/** What a world has done so far beyond its campaigns' settings and ledger. */
export interface WorldProgress {
  /** Hours simulated: the world stands at the start of this hour. */
  hour: number;
  /** The day whose draws the campaigns hold (-1 before the first). */
  preparedDay: number;
  accountSpentToday: number;
  /** Conversions waiting for their attribution delay, by the hour they become visible: [campaign, slot, count, revenue] quadruples in the order drawn. */
  pending: Map<number, number[]>;
}

/**
 * The simulated ad account of FORMAT.md. It advances one hour at a time; its settings change
 * only through the adapter (or the oracle); it keeps an hourly ledger of what the platform
 * reports, and beside it the truth (every conversion and its revenue, reported or not yet)
 * per campaign and day for the simulation's totals. Its days are the account's local days
 * (`timezone`), of 23 or 25 hours across a daylight-saving change.
 */
export class World {
  readonly seed: number;
  readonly zone: AccountZone;
  readonly startMs: number;
  readonly days: number;
  readonly totalHours: number;
  readonly campaigns: CampaignState[];
  readonly calendar: DayCalendar;
  /** Where each local day begins, and each hour's share of its day. */
  readonly hours: LocalHours;
  readonly dailySpendCap: number;
  /** Truth per campaign and day, index campaign * days + day. */
  readonly daySpend: Float64Array;
  readonly dayConversions: Float64Array;
  readonly dayRevenue: Float64Array;
  private readonly byId = new Map<string, CampaignState>();
  private simulatedHours = 0;
  private preparedDay = -1;
  private accountSpentToday = 0;
  private readonly intended: Float64Array;
  /** Conversions waiting for their attribution delay, by the hour they become visible: [campaign, slot, count, revenue] quadruples. */
  private readonly pending = new Map<number, number[]>();

  constructor(
    readonly scenario: Scenario,
    options: WorldOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.zone = AccountZone.of(scenario.timezone);
    this.startMs = options.startMs ?? this.zone.dayOfDate(scenario.start).startMs;
    this.days = options.days ?? scenario.days;
    const units = unitCount(scenario.campaigns);
    if (units * this.days > MAX_UNIT_DAYS) {
      throw new AcmError(
        'INVALID_INPUT',
        `${units} audience × creative units cannot be played for ${this.days} days: the ledger holds at most ${MAX_UNIT_DAYS} unit-days`,
      );
    }
    this.hours = localHours(this.zone, this.startMs, this.days, scenario.hourly);
    this.totalHours = this.hours.dayStart[this.days];
    this.dailySpendCap = scenario.account?.dailySpendCap ?? Infinity;
    this.calendar = buildCalendar(scenario, this.hours.firstKey, this.days);
    this.campaigns = scenario.campaigns.map((spec, i) => createCampaignState(spec, i, this.seed, this.startMs, this.totalHours));
    for (const c of this.campaigns) this.byId.set(c.spec.id, c);
    const cells = this.campaigns.length * this.days;
    this.daySpend = new Float64Array(cells);
    this.dayConversions = new Float64Array(cells);
    this.dayRevenue = new Float64Array(cells);
    this.intended = new Float64Array(this.campaigns.length);
  }

  /** Hours simulated so far: the world stands at the start of this hour. */
  get hour(): number {
    return this.simulatedHours;
  }

  get finished(): boolean {
    return this.simulatedHours >= this.totalHours;
  }

  now(): number {
    return this.startMs + this.simulatedHours * HOUR_MS;
  }

  campaign(id: string): CampaignState | undefined {
    return this.byId.get(id);
  }

  /** The local day (0-based) an hour belongs to; the hour past the end belongs to the last day. */
  dayAt(hour: number): number {
    return this.hours.dayOf[Math.min(Math.max(hour, 0), this.totalHours - 1)];
  }

  /** The hour at which a local day begins (`days` gives the end of the run). */
  dayStartHour(day: number): number {
    return this.hours.dayStart[day];
  }

  /** Sets today's draws and factors (idempotent within a day); the oracle calls it to read the day's truth before acting. */
  prepareDay(): number {
    const day = this.dayAt(this.simulatedHours);
    if (day === this.preparedDay) return day;
    this.preparedDay = day;
    this.accountSpentToday = 0;
    for (const c of this.campaigns) {
      applyDueChanges(c, day);
      const z = normalQuantile(uniform(c.cpcKey, day));
      c.cpcToday = c.spec.market.cpc * this.calendar.cpc[day] * Math.exp(c.spec.market.cpcSigma * z);
      c.rateMultiplier = this.calendar.demand[day] * gammaMultiplier(c.spec.noise.dispersion, uniform(c.rateKey, day));
      c.creatives.forEach((cr, i) => (c.creativeFactors[i] = creativeFactor(cr.quality, cr.liveHours / 24, cr.fatigueHalfLifeDays)));
    }
    return day;
  }

  advanceTo(hour: number): void {
    const target = Math.min(hour, this.totalHours);
    while (this.simulatedHours < target) this.step();
  }

  /** Simulates the current hour: delivery, conversions, revenue, attribution. */
  step(): void {
    if (this.finished) throw new Error(`the world has run its ${this.days} days`);
    const t = this.simulatedHours;
    const day = this.prepareDay();
    const hourShare = this.hours.share[t];
    let wanted = 0;
    for (const c of this.campaigns) {
      const rate = c.status === 'active' && c.creatives.some((cr) => cr.enabled) ? c.dailyBudget * deliveryShare(c.bid, c.cpcToday) : 0;
      this.intended[c.index] = rate;
      wanted += rate * hourShare;
    }
    const room = this.dailySpendCap - this.accountSpentToday;
    // The account cap stops delivery once reached, scaling every campaign's hour alike.
    const capScale = wanted > room ? Math.max(0, room) / wanted : 1;
    for (const c of this.campaigns) {
      const rate = this.intended[c.index] * capScale;
      if (rate > 0) this.accountSpentToday += this.deliver(c, t, day, rate, hourShare);
      for (const cr of c.creatives) if (cr.enabled) cr.liveHours++;
    }
    this.simulatedHours = t + 1;
    this.release(this.simulatedHours);
  }

  /** One campaign's hour at a delivered daily rate; returns the spend. */
  private deliver(c: CampaignState, t: number, day: number, rate: number, hourShare: number): number {
    let weightSum = 0;
    for (const a of c.audiences) if (a.enabled) weightSum += a.weight;
    let liveCreatives = 0;
    for (const cr of c.creatives) if (cr.enabled) liveCreatives++;
    if (weightSum <= 0 || liveCreatives === 0) return 0;
    const hourSpend = rate * hourShare;
    const cell = c.index * this.days + day;
    const nC = c.creatives.length;
    const delayMean = c.spec.attribution.delayHoursMean;
    let conversions = 0;
    let revenue = 0;
    for (let a = 0; a < c.audiences.length; a++) {
      const audience = c.audiences[a];
      if (!audience.enabled) continue;
      const audienceShare = audience.weight / weightSum;
      const expected = (hourShare * hill(rate * audienceShare, audience.response) * c.rateMultiplier) / liveCreatives;
      const pairSpend = (hourSpend * audienceShare) / liveCreatives;
      for (let k = 0; k < nC; k++) {
        if (!c.creatives[k].enabled) continue;
        const p = a * nC + k;
        const slot = t * c.pairs + p;
        c.spend[slot] = pairSpend;
        c.clicks[slot] = pairSpend / c.cpcToday;
        const n = poissonQuantile(expected * c.creativeFactors[k], uniform(c.convKeys[p], t));
        const draws = Math.min(n, MAX_DRAWS_PER_HOUR);
        for (let j = 0; j < draws; j++) {
          // Each draw stands for a group of conversions (one, unless the hour has more than MAX_DRAWS_PER_HOUR), the groups adding up to n.
          const group = draws === n ? 1 : Math.floor(n / draws) + (j < n % draws ? 1 : 0);
          const value = lognormalWithMean(c.orderMean, c.orderSigma, uniform(c.revenueKeys[p], t, j)) * group;
          revenue += value;
          const visibleAt = t + 1 + Math.floor(exponential(delayMean, uniform(c.delayKeys[p], t, j)));
          if (visibleAt <= t + 1) {
            c.conversions[slot] += group;
            c.revenue[slot] += value;
          } else if (visibleAt < this.totalHours) {
            let bucket = this.pending.get(visibleAt);
            if (!bucket) this.pending.set(visibleAt, (bucket = []));
            bucket.push(c.index, slot, group, value);
          }
        }
        conversions += n;
      }
    }
    this.daySpend[cell] += hourSpend;
    this.dayConversions[cell] += conversions;
    this.dayRevenue[cell] += revenue;
    return hourSpend;
  }

  /** The world's own progress beside its campaigns' state, for world-state.ts to save; `pending` is the live map, to read only. */
  progress(): WorldProgress {
    return { hour: this.simulatedHours, preparedDay: this.preparedDay, accountSpentToday: this.accountSpentToday, pending: this.pending };
  }

  /** Takes up progress saved by an earlier run (world-state.ts restores the campaigns and their ledger beside it). */
  restoreProgress(progress: WorldProgress): void {
    this.simulatedHours = progress.hour;
    this.preparedDay = progress.preparedDay;
    this.accountSpentToday = progress.accountSpentToday;
    this.pending.clear();
    for (const [hour, bucket] of progress.pending) this.pending.set(hour, bucket);
  }

  private release(hour: number): void {
    const bucket = this.pending.get(hour);
    if (!bucket) return;
    this.pending.delete(hour);
    for (let i = 0; i < bucket.length; i += 4) {
      const c = this.campaigns[bucket[i]];
      c.conversions[bucket[i + 1]] += bucket[i + 2];
      c.revenue[bucket[i + 1]] += bucket[i + 3];
    }
  }
}
