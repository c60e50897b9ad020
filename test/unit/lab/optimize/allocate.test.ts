import { describe, expect, it } from 'vitest';
import { AllocationError, allocate, hillUnit, solveAllocation, type AllocationUnit } from '@lab/optimize/allocate';
import { hill, hillDerivative, hillInflection, type HillParams } from '@platforms/sandbox/hill';
import { stream } from '@shared/random';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const objective = (units: AllocationUnit[], xs: number[]) => units.reduce((s, u, i) => s + u.value(xs[i]), 0);

describe('allocate: hand-computed cases', () => {
  it('splits evenly between two identical units', () => {
    const p = { maxConversions: 100, halfSaturationSpend: 500, shape: 0.8 };
    const x = allocate([hillUnit(p, 1, 0, 5000), hillUnit(p, 1, 0, 5000)], 1000);
    expect(x[0]).toBeCloseTo(500, 6);
    expect(x[1]).toBeCloseTo(500, 6);
  });

  it('matches the analytic optimum of two shape-1 curves (equal marginal return)', () => {
    const a = { maxConversions: 200, halfSaturationSpend: 300, shape: 1 };
    const b = { maxConversions: 50, halfSaturationSpend: 100, shape: 1 };
    const total = 1000;
    // M1·K1/(x1+K1)² = M2·K2/(x2+K2)²  with x1 + x2 = total
    const ra = Math.sqrt(200 * 300);
    const rb = Math.sqrt(50 * 100);
    const x1 = (ra * (total + 300 + 100)) / (ra + rb) - 300;
    const result = solveAllocation([hillUnit(a, 1, 0, Infinity), hillUnit(b, 1, 0, Infinity)], total);
    expect(result.spend[0]).toBeCloseTo(x1, 6);
    expect(result.spend[1]).toBeCloseTo(total - x1, 6);
    expect(result.marginalReturn).toBeCloseTo(hillDerivative(x1, a), 9);
  });

  it('does not split a small budget between two S-shaped units, where splitting wastes it', () => {
    const p = { maxConversions: 100, halfSaturationSpend: 500, shape: 3 };
    const x = allocate([hillUnit(p, 1, 0, 5000), hillUnit(p, 1, 0, 5000)], 300);
    expect([...x].sort((a, b) => a - b)).toEqual([0, 300]);
    const large = allocate([hillUnit(p, 1, 0, 5000), hillUnit(p, 1, 0, 5000)], 3000);
    expect(large[0]).toBeCloseTo(1500, 4);
  });

  it('refuses a total below the sum of lower bounds, naming both numbers', () => {
    const p = { maxConversions: 10, halfSaturationSpend: 10, shape: 1 };
    expect(() => allocate([hillUnit(p, 1, 60, 100), hillUnit(p, 1, 50, 100)], 100)).toThrow(AllocationError);
    expect(() => allocate([hillUnit(p, 1, 60, 100), hillUnit(p, 1, 50, 100)], 100)).toThrow(/total 100 is below the sum of lower bounds 110/);
  });

  it('puts every unit at its upper bound when the total exceeds their sum', () => {
    const p = { maxConversions: 10, halfSaturationSpend: 10, shape: 1 };
    expect(allocate([hillUnit(p, 1, 0, 30), hillUnit(p, 2, 5, 40)], 500)).toEqual([30, 40]);
  });

  it('returns the lower bounds when the total equals their sum', () => {
    const p = { maxConversions: 10, halfSaturationSpend: 10, shape: 0.5 };
    expect(allocate([hillUnit(p, 1, 20, 30), hillUnit(p, 1, 5, 40)], 25)).toEqual([20, 5]);
  });

  it('sends budget to a dead unit only once the live one is full, and still spends the total', () => {
    const live = hillUnit({ maxConversions: 100, halfSaturationSpend: 50, shape: 1 }, 1, 0, 300);
    const dead = hillUnit({ maxConversions: 0, halfSaturationSpend: 50, shape: 1 }, 1, 10, 1000);
    expect(allocate([live, dead], 200)).toEqual([190, 10]);
    const x = allocate([live, dead], 700);
    expect(x[0]).toBeCloseTo(300, 9);
    expect(x[1]).toBeCloseTo(400, 9);
  });

  it('keeps a unit with upper = lower fixed', () => {
    const p = { maxConversions: 100, halfSaturationSpend: 50, shape: 1 };
    const x = allocate([hillUnit(p, 1, 70, 70), hillUnit(p, 1, 0, 1000), hillUnit(p, 1, 0, 1000)], 270);
    expect(x[0]).toBe(70);
    expect(x[1]).toBeCloseTo(100, 6);
    expect(x[2]).toBeCloseTo(100, 6);
  });

  it('stops at zero marginal return when more spend would lower the value', () => {
    const peaked: AllocationUnit = { lower: 0, upper: 100, value: (x) => -((x - 40) ** 2), marginal: (x) => -2 * (x - 40) };
    const x = allocate([peaked, peaked], 200);
    expect(x[0]).toBeCloseTo(40, 6);
    expect(x[1]).toBeCloseTo(40, 6);
  });

  it('names the unit and bound that is wrong', () => {
    const p = { maxConversions: 10, halfSaturationSpend: 10, shape: 1 };
    expect(() => allocate([hillUnit(p, 1, 0, 10), hillUnit(p, 1, 20, 10)], 25)).toThrow(/units\[1\]\.upper \(10\) must be ≥ lower \(20\)/);
    expect(() => allocate([hillUnit(p, 1, 0, 10)], Number.NaN)).toThrow(/total must be a finite number/);
    expect(() => hillUnit({ ...p, halfSaturationSpend: 0 }, 1, 0, 10)).toThrow(/halfSaturationSpend must be a finite number > 0, got 0/);
  });
});

describe('hill helpers', () => {
  it('halves at K and its derivative matches a finite difference', () => {
    const p = { maxConversions: 80, halfSaturationSpend: 200, shape: 1.7 };
    expect(hill(200, p)).toBeCloseTo(40, 12);
    for (const x of [10, 150, 900]) {
      const h = 1e-4 * x;
      expect(hillDerivative(x, p)).toBeCloseTo((hill(x + h, p) - hill(x - h, p)) / (2 * h), 6);
    }
  });

  it('puts the inflection of an S-curve where its slope peaks', () => {
    const p = { maxConversions: 80, halfSaturationSpend: 200, shape: 2.5 };
    const t = hillInflection(p);
    expect(hillDerivative(t, p)).toBeGreaterThan(hillDerivative(t * 0.99, p));
    expect(hillDerivative(t, p)).toBeGreaterThan(hillDerivative(t * 1.01, p));
    expect(hillInflection({ ...p, shape: 0.9 })).toBe(0);
  });
});

function randomHill(r: { next(): number }, shapeMax: number): HillParams {
  return {
    maxConversions: 10 + 190 * r.next(),
    halfSaturationSpend: 50 + 950 * r.next(),
    shape: 0.3 + (shapeMax - 0.3) * r.next(),
  };
}

/** Exhaustive search on a grid of the first n−1 units' spends; the last takes the rest. */
function bruteForce(units: AllocationUnit[], total: number, steps: number): number {
  let best = -Infinity;
  const walk = (i: number, left: number, acc: number) => {
    const u = units[i];
    if (i === units.length - 1) {
      if (left >= u.lower - 1e-9 && left <= u.upper + 1e-9) best = Math.max(best, acc + u.value(left));
      return;
    }
    const hi = Math.min(u.upper, left);
    for (let k = 0; k <= steps; k++) {
      const x = u.lower + ((hi - u.lower) * k) / steps;
      if (x <= hi) walk(i + 1, left - x, acc + u.value(x));
    }
  };
  walk(0, total, 0);
  return best;
}

function randomCase(seed: number, shapeMax: number) {
  const r = stream(seed, 'allocate-case');
  const n = 2 + Math.floor(r.next() * 3);
  const units = Array.from({ length: n }, () => {
    const lower = r.next() < 0.5 ? 0 : 200 * r.next();
    const upper = lower + 100 + 1500 * r.next();
    return hillUnit(randomHill(r, shapeMax), 1 + 4 * r.next(), lower, upper);
  });
  const lowerSum = sum(units.map((u) => u.lower));
  const upperSum = sum(units.map((u) => u.upper));
  const total = lowerSum + (upperSum - lowerSum) * (0.05 + 0.9 * r.next());
  return { units, total };
}

describe('allocate: against brute force on random small cases', () => {
  const steps = { 2: 4000, 3: 300, 4: 60 } as Record<number, number>;

  it('concave curves (S ≤ 1): never worse than the grid optimum, bounds and total hold, marginals equal', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { units, total } = randomCase(seed, 1);
      const result = solveAllocation(units, total);
      const x = result.spend;
      expect(sum(x)).toBeCloseTo(total, 6);
      x.forEach((xi, i) => {
        expect(xi).toBeGreaterThanOrEqual(units[i].lower);
        expect(xi).toBeLessThanOrEqual(units[i].upper);
      });
      const brute = bruteForce(units, total, steps[units.length]);
      expect(objective(units, x)).toBeGreaterThanOrEqual(brute - 1e-9 * Math.abs(brute));
      x.forEach((xi, i) => {
        const m = units[i].marginal(xi);
        const tol = 1e-6 * result.marginalReturn;
        if (xi > units[i].lower && xi < units[i].upper) expect(Math.abs(m - result.marginalReturn)).toBeLessThan(tol);
        if (xi <= units[i].lower) expect(m).toBeLessThanOrEqual(result.marginalReturn + tol);
        if (xi >= units[i].upper) expect(m).toBeGreaterThanOrEqual(result.marginalReturn - tol);
      });
    }
  });

  /**
   * The largest distance between a unit's concave envelope and its curve (the documented
   * S-curve guarantee), found on a grid: the tangent from the lower bound is the steepest chord.
   */
  const envelopeGap = (u: AllocationUnit, total: number) => {
    const cap = Math.min(u.upper, total);
    const grid = Array.from({ length: 2001 }, (_, k) => u.lower + ((cap - u.lower) * k) / 2000);
    const base = u.value(u.lower);
    const slope = Math.max(...grid.slice(1).map((t) => (u.value(t) - base) / (t - u.lower)));
    return Math.max(...grid.map((x) => base + slope * (x - u.lower) - u.value(x)));
  };

  it('S-shaped curves (S up to 3): within the largest envelope gap of the grid optimum, usually at least as good', () => {
    let atLeastAsGood = 0;
    for (let seed = 101; seed <= 160; seed++) {
      const { units, total } = randomCase(seed, 3);
      const x = allocate(units, total);
      expect(sum(x)).toBeCloseTo(total, 6);
      x.forEach((xi, i) => {
        expect(xi).toBeGreaterThanOrEqual(units[i].lower);
        expect(xi).toBeLessThanOrEqual(units[i].upper);
      });
      const brute = bruteForce(units, total, steps[units.length]);
      const got = objective(units, x);
      expect(got).toBeGreaterThanOrEqual(brute - Math.max(...units.map((u) => envelopeGap(u, total))) - 1e-9 * brute);
      if (got >= brute - 1e-9 * brute) atLeastAsGood++;
    }
    expect(atLeastAsGood).toBeGreaterThanOrEqual(50);
  });
});
