import { HOUR_MS } from '@shared/time';
import { CLICK_THROUGH_RATE } from '../../sandbox/formulas';
import type { World } from '../../sandbox/world';
import type { FakeCampaign, FakeGoogleCustomer } from './fake-customer';

export interface Totals {
  spend: number;
  clicks: number;
  impressions: number;
  conversions: number;
  revenue: number;
}

/** A played hour of the world with its local date and wall-clock hour in the account's zone. */
export interface PlayedHour {
  t: number;
  date: string;
  hour: number;
}

/** What a row's metrics add up: ledger units (audience × creative pairs) of campaigns. */
export type Units = { c: FakeCampaign; pairs: number[] }[];

const played = new WeakMap<World, PlayedHour[]>();

/**
 * Every hour the world has played, oldest first. Kept per world and extended as it plays: a
 * simulation reads reports thousands of times, and time-zone arithmetic is not free.
 */
export function playedHours(customer: FakeGoogleCustomer): PlayedHour[] {
  const { world, zone } = customer;
  let hours = played.get(world);
  if (!hours) played.set(world, (hours = []));
  for (let t = hours.length; t < world.hour; t++) {
    const local = zone.isoLocal(world.startMs + t * HOUR_MS);
    hours.push({ t, date: local.slice(0, 10), hour: Number(local.slice(11, 13)) });
  }
  return hours.length === world.hour ? hours : hours.slice(0, world.hour);
}

/** The ledger units of a campaign, optionally narrowed to one ad group (audience) and one ad (creative). */
export function unitsOf(c: FakeCampaign, audience?: number, creative?: number): Units {
  const nC = c.state.creatives.length;
  const pairs: number[] = [];
  c.state.audiences.forEach((_, a) => {
    for (let k = 0; k < nC; k++) if ((audience ?? a) === a && (creative ?? k) === k) pairs.push(a * nC + k);
  });
  return [{ c, pairs }];
}

/**
 * Sums the ledger over hours: conversions are credited to the hour of the click (Google's
 * `conversions`), and keep arriving as the world releases them. Impressions follow clicks at the
 * world's click-through rate.
 */
export function sumHours(units: Units, hours: PlayedHour[]): Totals {
  const totals: Totals = { spend: 0, clicks: 0, impressions: 0, conversions: 0, revenue: 0 };
  for (const { t } of hours) {
    for (const { c, pairs } of units) {
      const s = c.state;
      for (const p of pairs) {
        const slot = t * s.pairs + p;
        totals.spend += s.spend[slot];
        totals.clicks += s.clicks[slot];
        totals.conversions += s.conversions[slot];
        totals.revenue += s.revenue[slot];
      }
    }
  }
  totals.impressions = totals.clicks / CLICK_THROUGH_RATE;
  return totals;
}

export function isEmpty(t: Totals): boolean {
  return t.spend === 0 && t.clicks === 0 && t.conversions === 0;
}
