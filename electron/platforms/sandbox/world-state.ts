import type { BidSetting, CampaignStatus } from '@shared/domain/campaign';
import { AcmError } from '@shared/errors';
import type { ApplyResult } from '@shared/platform/adapter';
import type { Response } from '@shared/scenario/schema';
import type { CampaignState } from './campaign-state';
import type { SandboxPlatform } from './platform';
import type { World } from './world';

/**
 * A sandbox world as it stands, to continue exactly where it stopped after a restart. It comes
 * in two parts, so that a save costs the same on the first day and the seven hundredth:
 *
 * - the state (JSON, rewritten at every save): the clock's position, every campaign's
 *   settings and the day's draws, the idempotency keys of the last day;
 * - one row per simulated hour (a Float64Array, written once, never rewritten): that hour's
 *   ledger as it stood when the hour ended, the day's truth so far, and the conversions drawn in
 *   that hour that attribution had not reported yet, with the hour each becomes visible.
 *
 * An hour's row never changes afterwards because a late conversion only ever adds to the hour it
 * was drawn in: restoring replays the additions due by the saved hour onto each row, in the order
 * the world made them (so that even the floating-point sums are the very same), and puts the
 * others back in the waiting list. Every draw is a pure function of its key and the hour
 * (draws.ts), so the hour is the random stream's whole position.
 */
export const WORLD_STATE_FORMAT = 'acm-sandbox-state/1';

interface SavedCampaign {
  id: string;
  status: CampaignStatus;
  dailyBudget: number;
  bid: BidSetting;
  audiences: { enabled: boolean; response: Response }[];
  creatives: { enabled: boolean; liveHours: number; liveSince: number | null }[];
  orderMean: number;
  orderSigma: number;
  nextChange: number;
  cpcToday: number;
  rateMultiplier: number;
  creativeFactors: number[];
}

export interface WorldState {
  format: typeof WORLD_STATE_FORMAT;
  seed: number;
  startMs: number;
  days: number;
  hour: number;
  preparedDay: number;
  accountSpentToday: number;
  campaigns: SavedCampaign[];
  /** [key, fingerprint, result] of the changes applied in the last day, oldest first. */
  idempotency: [string, string, ApplyResult][];
  /** The account clock's instant when saved (the world stands at the start of its hour). */
  clockMs: number;
  /** Saved by a clean stop, not by a change or an hour. */
  closed: boolean;
}

export interface SavedHour {
  hour: number;
  data: Float64Array;
}

export function snapshotState(platform: SandboxPlatform, clockMs: number, closed: boolean): WorldState {
  const { world } = platform;
  const { hour, preparedDay, accountSpentToday } = world.progress();
  return {
    format: WORLD_STATE_FORMAT,
    seed: world.seed,
    startMs: world.startMs,
    days: world.days,
    hour,
    preparedDay,
    accountSpentToday,
    campaigns: world.campaigns.map((c) => ({
      id: c.spec.id,
      status: c.status,
      dailyBudget: c.dailyBudget,
      bid: { ...c.bid },
      audiences: c.audiences.map((a) => ({ enabled: a.enabled, response: { ...a.response } })),
      creatives: c.creatives.map((cr) => ({ enabled: cr.enabled, liveHours: cr.liveHours, liveSince: cr.liveSince })),
      orderMean: c.orderMean,
      orderSigma: c.orderSigma,
      nextChange: c.nextChange,
      cpcToday: c.cpcToday,
      rateMultiplier: c.rateMultiplier,
      creativeFactors: [...c.creativeFactors],
    })),
    idempotency: [...platform.applied].map(([key, { fingerprint, result }]) => [key, fingerprint, result]),
    clockMs,
    closed,
  };
}

/** Reads a saved state, refusing one this build cannot continue; `where` names it in the message. */
export function parseWorldState(text: string, where: string): WorldState {
  let state: WorldState;
  try {
    state = JSON.parse(text) as WorldState;
  } catch (error) {
    throw new AcmError('INTEGRITY', `${where}: the saved sandbox world is unreadable (${(error as Error).message})`);
  }
  if (state?.format !== WORLD_STATE_FORMAT) {
    throw new AcmError('INTEGRITY', `${where}: the saved sandbox world is in format ${String(state?.format)}, this build continues ${WORLD_STATE_FORMAT}`);
  }
  for (const key of ['seed', 'startMs', 'days', 'hour', 'clockMs'] as const) {
    if (!Number.isFinite(state[key])) throw new AcmError('INTEGRITY', `${where}: the saved sandbox world has no valid ${key}`);
  }
  return state;
}

const ROW_HEAD = 2;
const PENDING_FIELDS = 5;

/** The row of hour `t`, taken right after the world simulated it (before the next hour releases anything). */
export function captureHour(world: World, t: number): Float64Array {
  const { preparedDay, pending } = world.progress();
  // A bucket fills in the order the hours were simulated: hour t's conversions are its tail.
  const drawn: number[][] = [];
  for (const [visibleAt, bucket] of pending) {
    let from = bucket.length;
    while (from >= 4 && Math.floor(bucket[from - 3] / world.campaigns[bucket[from - 4]].pairs) === t) from -= 4;
    for (let i = from; i < bucket.length; i += 4) drawn.push([visibleAt, bucket[i], bucket[i + 1], bucket[i + 2], bucket[i + 3]]);
  }
  drawn.sort((a, b) => a[0] - b[0]);
  const units = world.campaigns.reduce((n, c) => n + c.pairs, 0);
  const row = new Float64Array(ROW_HEAD + 4 * units + 3 * world.campaigns.length + PENDING_FIELDS * drawn.length);
  row[0] = preparedDay;
  row[1] = drawn.length;
  let at = ROW_HEAD;
  for (const c of world.campaigns) {
    const first = t * c.pairs;
    for (const ledger of [c.spend, c.clicks, c.conversions, c.revenue]) {
      row.set(ledger.subarray(first, first + c.pairs), at);
      at += c.pairs;
    }
  }
  for (const c of world.campaigns) {
    const cell = c.index * world.days + preparedDay;
    row[at++] = world.daySpend[cell];
    row[at++] = world.dayConversions[cell];
    row[at++] = world.dayRevenue[cell];
  }
  for (const entry of drawn) for (const value of entry) row[at++] = value;
  return row;
}

/**
 * Puts a fresh world (built from the same scenario, seed, start and length) and its platform in
 * the saved state; `hours` must be the rows of every hour before the saved one, in order.
 */
export function restoreWorld(platform: SandboxPlatform, state: WorldState, hours: Iterable<SavedHour>, where: string): void {
  const { world } = platform;
  if (state.seed !== world.seed || state.startMs !== world.startMs || state.days !== world.days) {
    throw new AcmError('INTEGRITY', `${where}: the saved sandbox world does not match the world built to continue it`);
  }
  if (state.campaigns.length !== world.campaigns.length) {
    throw new AcmError('INTEGRITY', `${where}: the saved sandbox world has ${state.campaigns.length} campaigns, its scenario ${world.campaigns.length}`);
  }
  state.campaigns.forEach((saved, i) => restoreCampaign(world.campaigns[i], saved, where));
  const pending = new Map<number, number[]>();
  let expected = 0;
  for (const { hour, data } of hours) {
    if (hour !== expected) throw new AcmError('INTEGRITY', `${where}: the saved sandbox world lacks hour ${expected}`);
    replayHour(world, hour, data, state.hour, pending);
    expected++;
  }
  if (expected !== state.hour) throw new AcmError('INTEGRITY', `${where}: the saved sandbox world stands at hour ${state.hour} but has ${expected} hours`);
  world.restoreProgress({ hour: state.hour, preparedDay: state.preparedDay, accountSpentToday: state.accountSpentToday, pending });
  platform.applied.clear();
  for (const [key, fingerprint, result] of state.idempotency) platform.applied.set(key, { fingerprint, result });
}

function restoreCampaign(c: CampaignState, saved: SavedCampaign, where: string): void {
  if (saved.id !== c.spec.id || saved.audiences.length !== c.audiences.length || saved.creatives.length !== c.creatives.length) {
    throw new AcmError('INTEGRITY', `${where}: the saved campaign ${saved.id} does not match the scenario's campaign ${c.spec.id}`);
  }
  c.status = saved.status;
  c.dailyBudget = saved.dailyBudget;
  c.bid = saved.bid;
  saved.audiences.forEach((a, i) => Object.assign(c.audiences[i], a));
  saved.creatives.forEach((cr, i) => Object.assign(c.creatives[i], cr));
  c.orderMean = saved.orderMean;
  c.orderSigma = saved.orderSigma;
  c.nextChange = saved.nextChange;
  c.cpcToday = saved.cpcToday;
  c.rateMultiplier = saved.rateMultiplier;
  c.creativeFactors.set(saved.creativeFactors);
}

function replayHour(world: World, t: number, row: Float64Array, now: number, pending: Map<number, number[]>): void {
  const day = row[0];
  let at = ROW_HEAD;
  for (const c of world.campaigns) {
    const first = t * c.pairs;
    for (const ledger of [c.spend, c.clicks, c.conversions, c.revenue]) {
      ledger.set(row.subarray(at, at + c.pairs), first);
      at += c.pairs;
    }
  }
  for (const c of world.campaigns) {
    const cell = c.index * world.days + day;
    world.daySpend[cell] = row[at++];
    world.dayConversions[cell] = row[at++];
    world.dayRevenue[cell] = row[at++];
  }
  for (let n = row[1]; n > 0; n--, at += PENDING_FIELDS) {
    const [visibleAt, campaign, slot, count, revenue] = row.subarray(at, at + PENDING_FIELDS);
    if (visibleAt <= now) {
      world.campaigns[campaign].conversions[slot] += count;
      world.campaigns[campaign].revenue[slot] += revenue;
      continue;
    }
    let bucket = pending.get(visibleAt);
    if (!bucket) pending.set(visibleAt, (bucket = []));
    bucket.push(campaign, slot, count, revenue);
  }
}

/** What a change through the adapter can touch on a campaign: taken before it, put back when it cannot be saved. */
export interface CampaignSettings {
  status: CampaignStatus;
  dailyBudget: number;
  bid: BidSetting;
  audiences: boolean[];
  creatives: { enabled: boolean; liveSince: number | null }[];
}

export function settingsOf(c: CampaignState): CampaignSettings {
  return {
    status: c.status,
    dailyBudget: c.dailyBudget,
    bid: c.bid,
    audiences: c.audiences.map((a) => a.enabled),
    creatives: c.creatives.map((cr) => ({ enabled: cr.enabled, liveSince: cr.liveSince })),
  };
}

export function restoreSettings(c: CampaignState, settings: CampaignSettings): void {
  c.status = settings.status;
  c.dailyBudget = settings.dailyBudget;
  c.bid = settings.bid;
  settings.audiences.forEach((enabled, i) => (c.audiences[i].enabled = enabled));
  settings.creatives.forEach((cr, i) => Object.assign(c.creatives[i], cr));
}
