import { afterEach, describe, expect, it } from 'vitest';
import { engineAgents } from '@lab/engine-agents';
import { runSimulation } from '@lab/simulate';
import type { Via } from '@lab/via';
import type { Decision } from '@shared/domain/decision';
import { parseScenario } from '@shared/scenario/load';
import { openDatabase, type Store } from '@store/index';

/**
 * Meta reports conversions by day only, so the hours a Meta account's forecasts are fitted to
 * hold the day's conversions spread by clicks: every decision made on them says so.
 */

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function scenario() {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'acm-scenario/1',
      name: 'assumptions',
      seed: 3,
      start: '2026-03-02',
      timezone: 'America/New_York',
      days: 6,
      campaigns: [
        { id: 'c1', name: 'Prospecting', dailyBudget: 400, response: { maxConversions: 80, halfSaturationSpend: 300 }, orderValue: { mean: 90 } },
        { id: 'c2', name: 'Retargeting', dailyBudget: 400, response: { maxConversions: 20, halfSaturationSpend: 900 }, orderValue: { mean: 90 } },
      ],
      agents: [
        {
          name: 'Client A - ROAS',
          campaigns: '*',
          goals: [{ metric: 'roas', op: '>=', value: 3 }],
          constraints: { actions: ['budget'], maxBudgetChangePct: 30, cooldownHours: 0, minConversionsToAct: 0, minConfidence: 0 },
        },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.scenario;
}

async function decisionsVia(via: Via): Promise<Decision[]> {
  const store = openDatabase({ path: ':memory:' });
  stores.push(store);
  await runSimulation(scenario(), { agents: engineAgents(store), via });
  return store.decisions.page({}, undefined, 500).items;
}

describe('the assumptions a decision rests on', () => {
  it('name, on a Meta account, that hourly conversions are the day’s spread by clicks', async () => {
    const decisions = await decisionsVia('meta');
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) {
      expect((d.metrics as { assumptions?: string[] }).assumptions).toEqual([
        "Meta reports conversions and revenue by day only: each hour's are the day's, spread over its hours by clicks (by spend on a day without clicks).",
      ]);
    }
  });

  it('add nothing on a platform that reports conversions by the hour', async () => {
    const decisions = await decisionsVia('sandbox');
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect(d.metrics).not.toHaveProperty('assumptions');
  });
});
