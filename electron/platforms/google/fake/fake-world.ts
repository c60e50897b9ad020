import type { Scenario } from '@shared/scenario/schema';
import type { Clock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { World } from '../../sandbox/world';
import { addDays } from './fake-date-ranges';

/** Like a real account, the fake has a past: it plays these days before now first, so reports have days to read. */
export const FAKE_GOOGLE_PAST_DAYS = 28;

/**
 * The world a fake customer plays: it starts at the local midnight `pastDays` days before the
 * clock's today (in the scenario's zone) and runs the scenario's days after them.
 */
export function fakeGoogleWorld(scenario: Scenario, clock: Clock, pastDays = FAKE_GOOGLE_PAST_DAYS): World {
  const zone = AccountZone.of(scenario.timezone);
  const today = zone.date(clock.now());
  const startMs = zone.dayOfDate(addDays(today, -pastDays)).startMs;
  return new World(scenario, { startMs, days: pastDays + scenario.days });
}
