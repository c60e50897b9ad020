import { describe, expect, it } from 'vitest';
import { parseScenario, validateAgentDefinition, validateScenario } from '@shared/scenario/load';

const minimal = () => ({
  format: 'acm-scenario/1',
  name: 'm',
  days: 5,
  campaigns: [{ id: 'c1', name: 'C1', dailyBudget: 100, response: { maxConversions: 10, halfSaturationSpend: 100 }, orderValue: { mean: 50 } }] as Record<
    string,
    unknown
  >[],
  agents: [{ name: 'A', campaigns: '*' }] as Record<string, unknown>[],
});

/** What `acm simulate` prints for each problem, without the file name. */
const linesOf = (value: unknown): string[] => {
  const result = validateScenario(value);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('numbers past what any account holds', () => {
  it('refuses each with one line naming its path, the bound and the value', () => {
    const s = minimal();
    Object.assign(s.campaigns[0], {
      dailyBudget: 1e308,
      response: { maxConversions: 1e9, halfSaturationSpend: 100 },
      orderValue: { mean: 1e7 },
      bid: { strategy: 'max_cpc', amount: 1e5 },
    });
    Object.assign(s.agents[0], { priority: 1e6, constraints: { maxDailySpend: 1e12, cooldownHours: 1e6, minConversionsToAct: 1e9 } });
    expect(linesOf(s).sort()).toEqual(
      [
        'campaigns[0].dailyBudget: must be at most 10000000, got 1e+308',
        'campaigns[0].response.maxConversions: must be at most 1000000, got 1000000000',
        'campaigns[0].orderValue.mean: must be at most 1000000, got 10000000',
        'campaigns[0].bid.amount: must be at most 10000, got 100000',
        'agents[0].priority: must be at most 1000, got 1000000',
        'agents[0].constraints.maxDailySpend: must be at most 1000000000, got 1000000000000',
        'agents[0].constraints.cooldownHours: must be at most 8760, got 1000000',
        'agents[0].constraints.minConversionsToAct: must be at most 1000000, got 1000000000',
      ].sort(),
    );
  });

  it('refuses amounts so small that the agents would divide by nothing, and steps past any real account', () => {
    const s = minimal();
    s.campaigns.push({
      ...s.campaigns[0],
      id: 'c2',
      dailyBudget: 1e-9,
      response: { maxConversions: 10, halfSaturationSpend: 1e-300 },
      market: { cpc: 1e-300 },
    });
    Object.assign(s.agents[0], { constraints: { maxBudgetChangePct: 1500 } });
    expect(linesOf(s).sort()).toEqual(
      [
        'campaigns[1].dailyBudget: must be >= 0.01, got 1e-9',
        'campaigns[1].response.halfSaturationSpend: must be >= 0.01, got 1e-300',
        'campaigns[1].market.cpc: must be >= 0.001, got 1e-300',
        'agents[0].constraints.maxBudgetChangePct: must be at most 1000, got 1500',
      ].sort(),
    );
  });

  it('refuses a pile of calendar events whose factors together go past the bound of one', () => {
    const event = (name: string, from: string, to: string, demand: number) => ({ name, from, to, demand });
    const overlapping = { ...minimal(), calendar: [event('Sale', '2026-01-05', '2026-01-09', 20), event('Launch', '2026-01-07', '2026-01-07', 20)] };
    expect(linesOf(overlapping)).toEqual(['calendar: the events on 2026-01-07 together multiply demand by 400; at most 100']);
    const apart = { ...minimal(), calendar: [event('Sale', '2026-01-05', '2026-01-06', 20), event('Launch', '2026-01-07', '2026-01-07', 20)] };
    expect(linesOf(apart)).toEqual([]);
  });

  it('refuses more audience × creative units, over the days played, than the simulator keeps', () => {
    const s = minimal();
    Object.assign(s.campaigns[0], {
      audiences: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, name: `A${i}`, weight: 1 })),
      creatives: Array.from({ length: 50 }, (_, i) => ({ id: `k${i}`, name: `K${i}` })),
    });
    s.days = 730;
    expect(linesOf(s)).toEqual([
      'campaigns: hold 2500 audience × creative units over 730 days; the simulator keeps an hourly ledger of each, for at most 1460000 unit-days',
    ]);
    s.days = 500;
    expect(linesOf(s)).toEqual([]);
  });
});

describe('JSON text', () => {
  it('accepts a file saved with a UTF-8 byte order mark', () => {
    expect(parseScenario(`\uFEFF${JSON.stringify(minimal())}`).ok).toBe(true);
  });

  it('refuses a million unclosed brackets at the first one past the nesting bound, without exhausting the stack', () => {
    expect(parseScenario('['.repeat(1_000_000))).toEqual({
      ok: false,
      errors: [{ path: 'line 1, column 65', message: 'invalid JSON: arrays and objects nested more than 64 deep' }],
    });
    const balanced = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseScenario(balanced)).toMatchObject({ ok: false, errors: [{ path: 'line 1, column 65' }] });
  });

  it('does not count brackets inside strings as nesting', () => {
    const s = minimal();
    s.campaigns[0].name = '['.repeat(100);
    expect(parseScenario(JSON.stringify(s)).ok).toBe(true);
  });
});

describe('names', () => {
  const agent = (name: string) => validateAgentDefinition({ name, campaigns: ['c1'] }, ['c1']);

  it('limits a name to 120 characters', () => {
    expect(agent('x'.repeat(120)).ok).toBe(true);
    expect(agent('x'.repeat(121))).toEqual({ ok: false, errors: [{ path: 'name', message: 'must be at most 120 characters, got 121' }] });
  });

  it('keeps a name in NFC, so that one typed with a combining accent is the same name', () => {
    const decomposed = agent('Cafe\u0301 ads');
    expect(decomposed.ok && decomposed.agent.name).toBe('Caf\u00e9 ads');
    const s = minimal();
    s.agents = [
      { name: 'Caf\u00e9', campaigns: '*' },
      { name: 'Cafe\u0301', campaigns: '*' },
    ];
    expect(linesOf(s)).toEqual(['agents[1].name: duplicate agent name "Cafe\u0301" (also at agents[0].name)']);
    const pooled = { ...minimal(), agents: [{ name: 'Caf\u00e9', campaigns: '*' }], pools: [{ id: 'p', dailyBudget: 100, agents: ['Cafe\u0301'] }] };
    const result = validateScenario(pooled);
    expect(result.ok && result.scenario.pools[0].agents).toEqual(['Caf\u00e9']);
  });

  it('refuses a lone UTF-16 surrogate, saying where it is', () => {
    expect(agent('Scale \ud800 agent')).toEqual({
      ok: false,
      errors: [{ path: 'name', message: 'has a lone UTF-16 surrogate (U+D800) at character 7; text must be valid Unicode' }],
    });
    expect(agent('Scale \ud83d\ude80').ok).toBe(true);
  });
});
