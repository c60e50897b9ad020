import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';
import { forecastCalendar } from '@engine/agents/calendar';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { startScheduler } from '@engine/runtime/scheduler';
import { createSandboxAccount } from '@platforms/sandbox/index';
import { HOUR_MS, ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { AccountZone } from '@shared/zone';
import { openDatabase, type Store } from '@store/index';

const MINUTE = 60_000;
const file = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/**
 * The bundled single-agent account split between two agents, run by one scheduler on one
 * ManualClock that is both the account's time and real time, started `from` hours into the
 * scenario. With `sale`, a high-volatility week makes both review every 6 hours; without, daily
 * at midnight (UTC).
 */
function laptop(options: { sale: boolean; from: number }) {
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('the bundled scenario does not load');
  const [efficiency] = parsed.scenario.agents;
  const scenario: Scenario = {
    ...parsed.scenario,
    days: 10,
    calendar: options.sale ? [{ name: 'Spring sale', from: '2026-03-02', to: '2026-03-08', demand: 1.2, cpc: 1.1, volatility: 'high' }] : [],
    agents: [
      { ...efficiency, name: 'Prospecting keeper', campaigns: ['prosp-broad', 'retarget-7d', 'lookalike-1'] },
      { ...efficiency, name: 'Search keeper', campaigns: ['brand-search', 'video-broad', 'shopping'] },
    ],
  };
  const zone = AccountZone.UTC;
  const startMs = zone.dayOfDate(scenario.start).startMs;
  const clock = new ManualClock(startMs + options.from * HOUR_MS);
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  const runtime = new AgentRuntime({
    store,
    platform: createSandboxAccount({ scenario, clock, startMs, days: scenario.days }),
    clock,
    zone,
    random: new SeededRandom(5),
    sleep: async () => undefined,
    policies: scenario.policies,
    accountDailySpendCap: scenario.account?.dailySpendCap,
    calendar: forecastCalendar(scenario.calendar, zone),
  });
  const agentIds = runtime.addAgents(scenario.agents);
  const logged: string[] = [];
  // Looked at every hour here, so a gap is anything past an hour and a half of real time.
  const scheduler = startScheduler({ pollMs: Infinity, realClock: clock, gapMs: 90 * MINUTE, log: (line) => logged.push(line) });
  scheduler.add(runtime, clock, zone);
  const reviews = new Map(agentIds.map((id) => [id, new Set<string>()]));
  return {
    logged,
    /** The distinct times (UTC hh:mm) each agent was reviewed at. */
    reviews: () => [...reviews.values()].map((times) => [...times]),
    missedAlerts: () => store.alerts.list().filter((a) => a.message.startsWith('Reviews were missed')),
    /** Sets the clock to `hour` past the start (fractions allowed) and lets the scheduler look once. */
    async at(hour: number) {
      clock.set(startMs + hour * HOUR_MS);
      scheduler.poll();
      await scheduler.idle();
      for (const id of agentIds) {
        const at = runtime.reviewReport(id)?.at;
        if (at !== undefined) reviews.get(id)!.add(new Date(at).toISOString().slice(11, 16));
      }
    },
    stop: () => scheduler.stop(),
  };
}

describe('a laptop that sleeps through its agents’ reviews', () => {
  it('reviews each due agent once on waking, logs the gap once and raises one alert naming the agents it kept past their interval', async () => {
    const host = laptop({ sale: true, from: 5 });
    for (const hour of [5, 6, 7]) await host.at(hour);
    expect(host.reviews()).toEqual([['06:00'], ['06:00']]);

    // Asleep from 07:00 to 13:12: the 12:00 reviews were missed.
    await host.at(13.2);
    expect(host.reviews()).toEqual([
      ['06:00', '13:12'],
      ['06:00', '13:12'],
    ]);
    expect(host.logged).toEqual(['woke after 6 h 12 min asleep; catching up once']);
    const alerts = host.missedAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'warning', kind: 'goal_at_risk' });
    // One alert for the account, not one per agent.
    expect(alerts[0].agentId).toBeUndefined();
    expect(alerts[0].message).toContain('6 h 12 min');
    expect(alerts[0].message).toContain('Prospecting keeper (every 6 h), Search keeper (every 6 h)');

    // Awake again: the next hour is an ordinary look.
    await host.at(14);
    expect(host.reviews()[0]).toEqual(['06:00', '13:12']);
    expect(host.logged).toHaveLength(1);
    expect(host.missedAlerts()).toHaveLength(1);
    host.stop();
  });

  it('catches up on a missed midnight review without an alert when the gap was shorter than a day', async () => {
    const host = laptop({ sale: false, from: 20 });
    for (const hour of [20, 21]) await host.at(hour);
    expect(host.reviews()).toEqual([[], []]);

    // Asleep from 21:00 to 03:12 the next day: midnight passed.
    await host.at(27.2);
    expect(host.reviews()).toEqual([['03:12'], ['03:12']]);
    expect(host.logged).toEqual(['woke after 6 h 12 min asleep; catching up once']);
    expect(host.missedAlerts()).toEqual([]);
    host.stop();
  });
});
