import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '@shared/domain/decision';
import { parseScenario } from '@shared/scenario/load';
import { forecastCalendar } from '@engine/agents/calendar';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { startScheduler } from '@engine/runtime/scheduler';
import { createSandboxAccount } from '@platforms/sandbox/index';
import { HOUR_MS, ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { AccountZone } from '@shared/zone';
import { openDatabase, type Store } from '@store/index';

const file = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** The bundled single-agent account (from 2026-03-02) in `timezone`, with its agent running on a store of its own. */
function account(timezone: string, days: number) {
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('the bundled scenario does not load');
  const scenario = { ...parsed.scenario, timezone, days };
  const zone = AccountZone.of(timezone);
  const startMs = zone.dayOfDate(scenario.start).startMs;
  const clock = new ManualClock(startMs);
  const platform = createSandboxAccount({ scenario, clock, startMs, days });
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone,
    random: new SeededRandom(5),
    sleep: async () => undefined,
    policies: scenario.policies,
    accountDailySpendCap: scenario.account?.dailySpendCap,
    calendar: forecastCalendar(scenario.calendar, zone),
  });
  const agentId = runtime.addAgent(scenario.agents[0]);
  const decisions = (): Decision[] => store.decisions.page({}, undefined, 500).items;
  return { zone, startMs, clock, runtime, agentId, decisions };
}

const utcTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('account time zones in the agent runtime', () => {
  it('one scheduler reviews a New York and a Kolkata account each at its own local midnight, across the March change', async () => {
    const ny = account('America/New_York', 12);
    const kolkata = account('Asia/Kolkata', 12);
    const scheduler = startScheduler({ pollMs: Infinity });
    scheduler.add(ny.runtime, ny.clock, ny.zone);
    scheduler.add(kolkata.runtime, kolkata.clock, kolkata.zone);
    const reviews = { ny: new Set<number>(), kolkata: new Set<number>() };
    const end = ny.startMs + 11 * 24 * HOUR_MS;
    for (let t = kolkata.startMs; t < end; t += HOUR_MS / 2) {
      for (const a of [ny, kolkata]) a.clock.set(Math.max(a.clock.now(), t));
      scheduler.poll();
      await scheduler.idle();
      const nyReview = ny.runtime.reviewReport(ny.agentId)?.at;
      const inReview = kolkata.runtime.reviewReport(kolkata.agentId)?.at;
      if (nyReview !== undefined) reviews.ny.add(nyReview);
      if (inReview !== undefined) reviews.kolkata.add(inReview);
    }
    scheduler.stop();

    // New York's midnight is 05:00 UTC until Sunday 8 March, 04:00 UTC from Monday 9 March.
    const nyDays = [...reviews.ny].map((at) => [ny.zone.date(at), utcTime(at)]);
    expect(nyDays).toContainEqual(['2026-03-07', '05:00']);
    expect(nyDays).toContainEqual(['2026-03-08', '05:00']);
    expect(nyDays).toContainEqual(['2026-03-09', '04:00']);
    for (const at of reviews.ny) expect(at - ny.zone.startOfDay(at)).toBe(0);
    // Kolkata's midnight is 18:30 UTC the evening before, every day.
    expect(reviews.kolkata.size).toBeGreaterThanOrEqual(10);
    for (const at of reviews.kolkata) expect(utcTime(at)).toBe('18:30');

    // Every decision is stamped at its account's review: local midnight, a millisecond apart within one.
    for (const { account: a, hours } of [
      { account: ny, hours: ['05:00', '04:00'] },
      { account: kolkata, hours: ['18:30'] },
    ]) {
      const made = a.decisions();
      expect(made.length).toBeGreaterThan(0);
      for (const d of made) {
        expect(d.createdAt - a.zone.startOfDay(d.createdAt)).toBeLessThan(1000);
        expect(hours).toContain(utcTime(d.createdAt));
      }
    }
    const nyHours = new Set(ny.decisions().map((d) => utcTime(d.createdAt)));
    expect(nyHours).toEqual(new Set(['05:00', '04:00']));
  });
});
