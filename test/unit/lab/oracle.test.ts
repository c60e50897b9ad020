import { describe, expect, it } from 'vitest';
import { World } from '@platforms/sandbox/world';
import { SandboxPlatform } from '@platforms/sandbox/platform';
import { oracleStrategy } from '@lab/oracle';
import { makeScenario } from '../platforms/sandbox/make-scenario';

const hill = (x: number, m: number, k: number) => (x <= 0 ? 0 : (m * x) / (x + k));

const scenario = makeScenario({
  days: 2,
  agents: [{ name: 'A', campaigns: '*', constraints: { maxDailyBudget: 1200 } }],
  campaigns: [
    {
      minDailyBudget: 50,
      response: { maxConversions: 100, halfSaturationSpend: 800 },
      orderValue: { mean: 50, sigma: 0 },
      creatives: [
        { id: 'dull', name: 'Dull', quality: 1 },
        { id: 'sharp', name: 'Sharp', quality: 1.4 },
      ],
    },
    { bid: { strategy: 'max_cpc', amount: 0.8 }, response: { maxConversions: 80, halfSaturationSpend: 400 }, orderValue: { mean: 70, sigma: 0 } },
    {
      orderValue: { mean: 40, sigma: 0 },
      audiences: [
        { id: 'small', name: 'Small', weight: 1, response: { maxConversions: 60, halfSaturationSpend: 300 } },
        { id: 'big', name: 'Big', weight: 1, response: { maxConversions: 120, halfSaturationSpend: 1500 } },
      ],
    },
  ],
});

// Delivered spend x per unit: c1, c2 (delivery share 0.64), c3 small, c3 big.
const value = ([x1, x2, xs, xb]: number[]) => 50 * 1.4 * hill(x1, 100, 800) + 70 * hill(x2, 80, 400) + 40 * (hill(xs, 60, 300) + hill(xb, 120, 1500));
const bounds = [
  [50, 1200],
  [0.64, 1200 * 0.64],
  [0.5, 600],
  [0.5, 600],
];

function bruteForce(total: number, step: number): { best: number; at: number[] } {
  let best = -Infinity;
  let at: number[] = [];
  for (let x1 = bounds[0][0]; x1 <= bounds[0][1]; x1 += step) {
    for (let x2 = bounds[1][0]; x2 <= bounds[1][1]; x2 += step) {
      for (let xs = bounds[2][0]; xs <= bounds[2][1]; xs += step) {
        const xb = total - x1 - x2 - xs;
        if (xb < bounds[3][0] || xb > bounds[3][1]) continue;
        const v = value([x1, x2, xs, xb]);
        if (v > best) [best, at] = [v, [x1, x2, xs, xb]];
      }
    }
  }
  return { best, at };
}

async function oracleDay(total: number): Promise<{ world: World; spend: number[] }> {
  const world = new World(scenario);
  const agentsDaySpend = new Float64Array(3 * 2);
  agentsDaySpend[0] = total / 2;
  agentsDaySpend[2] = total / 4;
  agentsDaySpend[4] = total / 4;
  const strategy = oracleStrategy(world, scenario, agentsDaySpend);
  await strategy.onHour({ platform: new SandboxPlatform(world), scenario, hour: 0, day: 0, dayStartHour: (d) => world.dayStartHour(d), now: world.now() });
  const [c1, c2, c3] = world.campaigns;
  const c3Spend = c3.dailyBudget;
  return {
    world,
    spend: [c1.dailyBudget, c2.dailyBudget * 0.64, c3Spend * c3.audiences[0].weight, c3Spend * c3.audiences[1].weight],
  };
}

describe('oracle baseline', () => {
  it('splits the day exactly as well as a brute-force search, or better', async () => {
    for (const total of [900, 2000, 2900]) {
      const { spend } = await oracleDay(total);
      expect(spend.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
      spend.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(bounds[i][0] - 1e-9);
        expect(x).toBeLessThanOrEqual(bounds[i][1] + 1e-9);
      });
      const { best, at } = bruteForce(total, 5);
      expect(value(spend)).toBeGreaterThanOrEqual(best - 1e-6);
      // And no better point lies near the grid's best: the optimum is the same one.
      spend.forEach((x, i) => expect(Math.abs(x - at[i])).toBeLessThan(10));
    }
  });

  it('stops at the upper bounds when the agents spent more than they allow', async () => {
    const { spend } = await oracleDay(3200);
    expect(spend.map((x) => Math.round(x * 1e6) / 1e6)).toEqual(bounds.map(([, upper]) => upper));
  });

  it('equalises marginal revenue across units whose bounds do not bind', async () => {
    const { spend } = await oracleDay(2000);
    const marginal = (f: (x: number) => number, x: number) => (f(x + 1e-3) - f(x - 1e-3)) / 2e-3;
    const m = [
      marginal((x) => 70 * hill(x, 100, 800), spend[0]),
      marginal((x) => 70 * hill(x, 80, 400), spend[1]),
      marginal((x) => 40 * hill(x, 60, 300), spend[2]),
      marginal((x) => 40 * hill(x, 120, 1500), spend[3]),
    ];
    const free = m.filter((_, i) => spend[i] > bounds[i][0] + 1e-6 && spend[i] < bounds[i][1] - 1e-6);
    expect(free.length).toBeGreaterThanOrEqual(2);
    for (const v of free) expect(v).toBeCloseTo(free[0], 4);
  });

  it("runs only the best creative and delivers exactly the agents' spend on its world", async () => {
    const { world } = await oracleDay(2000);
    expect(world.campaigns[0].creatives.map((c) => c.enabled)).toEqual([false, true]);
    world.advanceTo(24);
    expect(world.daySpend[0] + world.daySpend[2] + world.daySpend[4]).toBeCloseTo(2000, 6);
  });

  it('pauses everything on a day the agents spent nothing', async () => {
    const { world } = await oracleDay(0);
    expect(world.campaigns.map((c) => c.status)).toEqual(['paused', 'paused', 'paused']);
  });
});
