import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseScenario, validateAgentDefinition, validateScenario } from '@shared/scenario/load';

/** A scenario's JSON as a test edits it, any key at any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary paths of a parsed file on purpose
type Json = Record<string, any>;

const minimal = {
  format: 'acm-scenario/1',
  name: 'm',
  days: 5,
  campaigns: [{ id: 'c1', name: 'C1', dailyBudget: 100, response: { maxConversions: 10, halfSaturationSpend: 100 }, orderValue: { mean: 50 } }],
  agents: [{ name: 'A', campaigns: '*' }],
};

const errorsOf = (value: unknown) => {
  const result = validateScenario(value);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('scenario format acm-scenario/1', () => {
  it('fills in every default of FORMAT.md', () => {
    const result = validateScenario(minimal);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const s = result.scenario;
    expect(s).toMatchObject({ seed: 1, start: '2026-01-05', currency: 'USD', weekly: [1, 1, 1, 1, 1, 1, 1], calendar: [], pools: [], policies: [] });
    expect(s.hourly.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.campaigns[0]).toMatchObject({
      platform: 'sandbox',
      status: 'active',
      minDailyBudget: 1,
      labels: [],
      response: { shape: 1 },
      orderValue: { sigma: 0.3 },
      noise: { dispersion: 0.1 },
      bid: { strategy: 'lowest_cost' },
      market: { cpc: 1, cpcSigma: 0.2 },
      attribution: { delayHoursMean: 0 },
    });
    expect(s.agents[0]).toMatchObject({
      role: 'custom',
      priority: 1,
      objective: 'revenue',
      status: 'active',
      constraints: {
        maxBudgetChangePct: 20,
        cooldownHours: 24,
        minConversionsToAct: 10,
        minConfidence: 0.6,
        actions: ['budget', 'bid', 'status', 'targeting', 'creative'],
      },
    });
    expect(s.agents[0].constraints.maxDailyBudget).toBeUndefined();
  });

  it('normalises hourly to shares summing to 1', () => {
    const result = validateScenario({ ...minimal, hourly: Array.from({ length: 24 }, (_, h) => (h === 0 ? 2 : 1)) });
    if (!result.ok) throw new Error('invalid');
    expect(result.scenario.hourly[0]).toBeCloseTo(2 / 25, 12);
  });

  it('names the key and JSON path of an unknown key, deep down', () => {
    const value = structuredClone(minimal) as Json;
    value.campaigns[0].response.halfSaturation = 3;
    value.agents[0].constraints = { maxBudgetChangePercent: 10 };
    expect(errorsOf(value)).toEqual([
      { path: 'campaigns[0].response.halfSaturation', message: "unknown key 'halfSaturation'" },
      { path: 'agents[0].constraints.maxBudgetChangePercent', message: "unknown key 'maxBudgetChangePercent'" },
    ]);
  });

  it('checks references between sections: campaign ids in agents, agent names in pools, unique ids', () => {
    const value = structuredClone(minimal) as Json;
    value.campaigns.push({ ...value.campaigns[0] });
    value.agents.push({ name: 'A', campaigns: ['c1', 'c9'] });
    value.pools = [{ id: 'p', dailyBudget: 10, agents: ['A', 'Ghost'] }];
    const errors = errorsOf(value);
    expect(errors).toContainEqual({ path: 'campaigns[1].id', message: 'duplicate campaign id "c1" (also at campaigns[0].id)' });
    expect(errors).toContainEqual({ path: 'agents[1].name', message: 'duplicate agent name "A" (also at agents[0].name)' });
    expect(errors).toContainEqual({ path: 'agents[1].campaigns[1]', message: 'unknown campaign id "c9"' });
    expect(errors).toContainEqual({ path: 'pools[0].agents[1]', message: 'unknown agent "Ghost"' });
  });

  it('checks dates: real days, and `to` on or after `from`', () => {
    const errors = errorsOf({
      ...minimal,
      start: '2026-02-29',
      calendar: [
        { name: 'E', from: '2026-03-10', to: '2026-03-01' },
        { name: 'F', from: '3 March', to: '2026-03-01' },
      ],
    });
    expect(errors).toContainEqual({ path: 'start', message: 'is not a real date: "2026-02-29"' });
    expect(errors).toContainEqual({ path: 'calendar[0].to', message: 'must be on or after from (2026-03-10), got "2026-03-01"' });
    expect(errors).toContainEqual({ path: 'calendar[1].from', message: 'must be a date YYYY-MM-DD, got "3 March"' });
  });

  it('requires a response unless every audience has its own', () => {
    const value = structuredClone(minimal) as Json;
    delete value.campaigns[0].response;
    expect(errorsOf(value)).toEqual([{ path: 'campaigns[0].response', message: 'is required unless every audience has its own response' }]);
    value.campaigns[0].audiences = [{ id: 'a', name: 'A', weight: 1, response: { maxConversions: 1, halfSaturationSpend: 1 } }];
    expect(validateScenario(value).ok).toBe(true);
  });

  it('names line and column of a JSON syntax error', () => {
    const result = parseScenario('{\n  "format": "acm-scenario/1",\n  "name": "x",,\n}');
    expect(result).toEqual({ ok: false, errors: [{ path: 'line 3, column 15', message: expect.stringContaining('invalid JSON') }] });
    const other = parseScenario('{"a": }');
    expect(other.ok === false && other.errors[0].path).toBe('line 1, column 7');
  });

  it('validates an agent on its own, as the app imports it', () => {
    const ok = validateAgentDefinition({ name: 'Solo', campaigns: ['c1'], goals: [{ metric: 'roas', op: '>=', value: 3 }] }, ['c1']);
    expect(ok.ok && ok.agent.goals[0]).toEqual({ metric: 'roas', op: '>=', value: 3, per: 'day', window: 7 });
    const bad = validateAgentDefinition({ name: 'Solo', campaigns: ['zz'], role: 'boss', constraints: { minDailyBudget: 50, maxDailyBudget: 10 } }, ['c1']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.path).sort()).toEqual(['campaigns[0]', 'constraints.maxDailyBudget', 'role']);
    }
  });

  it('accepts every bundled scenario', () => {
    const dir = new URL('../../../../resources/scenarios/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const result = parseScenario(readFileSync(new URL(file, dir), 'utf8'));
      expect(result.ok ? 'ok' : `${file}: ${JSON.stringify(result.errors)}`).toBe('ok');
    }
  });
});
