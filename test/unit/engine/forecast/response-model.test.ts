import { describe, expect, it } from 'vitest';
import { MEMORY_DAYS } from '@engine/forecast/assumptions';
import { confidence } from '@engine/forecast/confidence';
import { ResponseModel } from '@engine/forecast/response-model';
import { DAY_MS } from '@shared/time';
import { stream } from '@shared/random';
import { binomial, draw, expected, history, START, type Truth } from './synthetic';

const truth: Truth = { maxConversions: 60, halfSaturationSpend: 500, dispersion: 0.01, orderValue: 40 };
const afterDays = (n: number) => START + n * DAY_MS;

function fitted(seed: number, t: Truth = truth, days = 42, spend = 400): ResponseModel {
  const model = new ResponseModel();
  model.observe(history(stream(seed, 'history'), t, days, spend));
  return model;
}

describe('ResponseModel: the fitted curve', () => {
  it('predicts daily conversions inside and a little outside the observed spend range', () => {
    // Observed spend: 400 · e^(0.35·N(0,1)), roughly 230..700 for most days.
    for (const spend of [250, 400, 700, 900]) {
      const errors: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const f = fitted(seed).predict({ dailySpend: spend, days: 7, from: afterDays(42) });
        errors.push(f.conversions.point / (7 * expected(truth, spend, afterDays(42))) - 1);
      }
      const meanAbs = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
      expect(meanAbs, `mean relative error at spend ${spend}`).toBeLessThan(spend > 700 ? 0.12 : 0.08);
    }
  });

  it('puts about 80% of actual outcomes inside the 80% intervals over many seeded trials', () => {
    let conversionsInside = 0;
    let revenueInside = 0;
    const trials = 200;
    for (let seed = 1; seed <= trials; seed++) {
      const r = stream(seed, 'coverage');
      const model = fitted(seed);
      const spend = 400 * Math.exp(0.6 * (r.next() - 0.5));
      const f = model.predict({ dailySpend: spend, days: 7, from: afterDays(42) });
      let conversions = 0;
      let revenue = 0;
      for (let j = 0; j < 7; j++) {
        const d = draw(r, truth, spend, afterDays(42 + j));
        conversions += d.conversions;
        revenue += d.revenue;
      }
      if (conversions >= f.conversions.low80 && conversions <= f.conversions.high80) conversionsInside++;
      if (revenue >= f.revenue.low80 && revenue <= f.revenue.high80) revenueInside++;
    }
    expect(conversionsInside / trials).toBeGreaterThanOrEqual(0.7);
    expect(conversionsInside / trials).toBeLessThanOrEqual(0.9);
    expect(revenueInside / trials).toBeGreaterThanOrEqual(0.7);
    expect(revenueInside / trials).toBeLessThanOrEqual(0.9);
  });

  it('gives a marginal return that falls as spend grows', () => {
    const model = fitted(7);
    const marginals = [100, 300, 600, 1200, 2400].map((spend) => model.predict({ dailySpend: spend, days: 7, from: afterDays(42) }));
    for (let i = 1; i < marginals.length; i++) {
      expect(marginals[i].marginalConversions.point).toBeLessThan(marginals[i - 1].marginalConversions.point);
      expect(marginals[i].marginalRevenue.point).toBeLessThan(marginals[i - 1].marginalRevenue.point);
    }
    const at400 = model.predict({ dailySpend: 400, days: 7, from: afterDays(42) });
    // True slope of M·x/(x+K) at 400: M·K/(x+K)² conversions per unit of spend.
    expect(at400.marginalConversions.point).toBeCloseTo((60 * 500) / 900 ** 2, 1);
    expect(at400.marginalConversions.low80).toBeLessThan(at400.marginalConversions.point);
  });

  it('notices within a week that maxConversions dropped by half', () => {
    const drop: Truth = { ...truth, maxConversions: 30 };
    let driftSeen = 0;
    const levels: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const r = stream(seed, 'drift');
      const before = history(r, truth, 42, 400);
      const after = history(r, drop, 7, 400).map((o, i) => ({ ...o, day: afterDays(42 + i) }));
      const model = new ResponseModel();
      model.observe([...before, ...after]);
      const f = model.predict({ dailySpend: 400, days: 7, from: afterDays(49) });
      levels.push(f.conversions.point / (7 * expected(truth, 400, afterDays(49))));
      if (model.summary().drift) driftSeen++;
    }
    const meanLevel = levels.reduce((s, x) => s + x, 0) / levels.length;
    // The truth is now 0.5 of the old level; a fit without recency weights would say ~0.93.
    expect(meanLevel).toBeLessThan(0.68);
    expect(meanLevel).toBeGreaterThan(0.4);
    expect(driftSeen).toBeGreaterThanOrEqual(8);
  });

  it('keeps a change it noticed in mind: three weeks on, the old level no longer pulls its forecast up', () => {
    const drop: Truth = { ...truth, maxConversions: 30 };
    const levels: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const r = stream(seed, 'drift');
      const model = new ResponseModel();
      model.observe(history(r, truth, 42, 400));
      // Day by day, asked for a forecast after each, as an agent's reviews do.
      history(r, drop, 21, 400).forEach((o, i) => {
        model.observe([{ ...o, day: afterDays(42 + i) }]);
        model.predict({ dailySpend: 400, days: 1, from: afterDays(43 + i) });
      });
      const f = model.predict({ dailySpend: 400, days: 7, from: afterDays(63) });
      levels.push(f.conversions.point / (7 * expected(truth, 400, afterDays(63))));
    }
    const meanLevel = levels.reduce((s, x) => s + x, 0) / levels.length;
    // The truth is 0.5 of the old level; weighting by recency alone (half-life 10 days) leaves about a fifth of the old days' weight: ~0.6.
    expect(meanLevel).toBeLessThan(0.57);
    expect(meanLevel).toBeGreaterThan(0.43);
  });

  it('is not biased low by incomplete recent days, unlike a fit that ignores attribution delay', () => {
    const completeness = [0.95, 0.8, 0.6, 0.4, 0.25];
    const corrected: number[] = [];
    const naive: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = stream(seed, 'delay');
      const days = history(r, truth, 28, 400).map((o, i, all) => {
        const c = completeness[all.length - 1 - i] ?? 1;
        return c === 1 ? o : { ...o, conversions: binomial(r, o.conversions, c), completeness: c };
      });
      const withDelay = new ResponseModel();
      withDelay.observe(days);
      const ignoring = new ResponseModel();
      ignoring.observe(days.map((o) => ({ ...o, completeness: 1 })));
      const truthLevel = 7 * expected(truth, 400, afterDays(28));
      const window = { dailySpend: 400, days: 7, from: afterDays(28) };
      corrected.push(withDelay.predict(window).conversions.point / truthLevel - 1);
      naive.push(ignoring.predict(window).conversions.point / truthLevel - 1);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean(corrected))).toBeLessThan(0.03);
    expect(mean(naive)).toBeLessThan(-0.08);
  });

  it('learns weekday multipliers from the data', () => {
    const weekly: Truth = { ...truth, weekly: [1.15, 1.15, 1.15, 1.15, 1.15, 0.65, 0.6] };
    const sunday = afterDays(90); // 2026-04-05 is a Sunday
    const ratios: number[] = [];
    const sundayLevels: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const model = fitted(seed, weekly, 84);
      const w = model.summary().weekday;
      ratios.push(w[6] / w[0]);
      sundayLevels.push(model.predict({ dailySpend: 400, days: 1, from: sunday }).conversions.point / expected(weekly, 400, sunday));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // Truth: Sunday / Monday = 0.52; with no weekday model every day would be forecast alike (ratio 1).
    expect(mean(ratios)).toBeGreaterThan(0.45);
    expect(mean(ratios)).toBeLessThan(0.65);
    expect(mean(sundayLevels)).toBeGreaterThan(0.9);
    expect(mean(sundayLevels)).toBeLessThan(1.12);
  });
});

describe('ResponseModel: calendar, changes and confidence', () => {
  it('widens intervals and lowers confidence over a high-volatility event it knows only by date', () => {
    const event = { name: 'Black Friday', from: afterDays(45), to: afterDays(48), volatility: 'high' as const };
    const model = new ResponseModel({ calendar: [event] });
    model.observe(history(stream(5, 'history'), truth, 42, 400));
    const quiet = model.predict({ dailySpend: 400, days: 3, from: afterDays(42) });
    const busy = model.predict({ dailySpend: 400, days: 3, from: afterDays(45) });
    expect(busy.volatility).toBe('high');
    expect(quiet.volatility).toBe('none');
    expect(busy.conversions.high80 - busy.conversions.low80).toBeGreaterThan(2 * (quiet.conversions.high80 - quiet.conversions.low80));
    expect(confidence(busy.conversions)).toBeLessThan(confidence(quiet.conversions));
  });

  it('learns an event multiplier from the event days already seen, leaving the base curve alone', () => {
    const event = { name: 'Sale', from: afterDays(40), to: afterDays(46), volatility: 'normal' as const };
    const r = stream(9, 'event');
    const days = history(r, truth, 44, 400).map((o) => (o.day >= event.from ? { ...o, ...draw(r, truth, o.spend, o.day, 2) } : o));
    const model = new ResponseModel({ calendar: [event] });
    model.observe(days);
    const during = model.predict({ dailySpend: 400, days: 1, from: afterDays(45) });
    const after = model.predict({ dailySpend: 400, days: 1, from: afterDays(47) });
    expect(during.conversions.point / after.conversions.point).toBeGreaterThan(1.6);
    expect(after.conversions.point / expected(truth, 400, afterDays(47))).toBeCloseTo(1, 0);
  });

  it('predicts the effect of a budget change as a difference with an interval', () => {
    const model = fitted(11);
    const effect = model.predictChange({ from: afterDays(42), days: 7 }, 400, 480);
    const trueGain = 7 * (expected(truth, 480, afterDays(42)) - expected(truth, 400, afterDays(42)));
    expect(effect.conversions.point).toBeGreaterThan(0);
    expect(effect.conversions.low80).toBeLessThan(trueGain);
    expect(effect.conversions.high80).toBeGreaterThan(trueGain);
    expect(effect.conversions.point).toBeCloseTo(effect.after.conversions.point - effect.before.conversions.point, 6);
    expect(effect.conversions.probabilityOfGain).toBeGreaterThan(0.5);
    const cut = model.predictChange({ from: afterDays(42), days: 7 }, 400, 200);
    expect(cut.revenue.point).toBeLessThan(0);
    expect(cut.revenue.probabilityOfGain).toBeLessThan(0.5);
  });

  it('derives confidence from the relative interval width', () => {
    expect(confidence({ point: 100, low80: 100, high80: 100 })).toBe(1);
    expect(confidence({ point: 100, low80: 50, high80: 150 })).toBeCloseTo(0.5, 12);
    expect(confidence({ point: 0, low80: 0, high80: 3 })).toBe(0);
    const short = fitted(2, truth, 7).predict({ dailySpend: 400, days: 7, from: afterDays(7) });
    const long = fitted(2, truth, 56).predict({ dailySpend: 400, days: 7, from: afterDays(56) });
    expect(confidence(long.conversions)).toBeGreaterThan(confidence(short.conversions));
  });
});

describe('ResponseModel: input', () => {
  it('refuses to forecast before it has learned anything, saying why', () => {
    const model = new ResponseModel();
    expect(model.ready).toBe(false);
    expect(() => model.predict({ dailySpend: 10, days: 7, from: START })).toThrow(/no usable observations yet/);
    model.observe([{ day: START, spend: 0, conversions: 0, revenue: 0, completeness: 1 }]);
    expect(model.ready).toBe(false);
  });

  it('names the bad field and its position', () => {
    const model = new ResponseModel();
    const good = { day: START, spend: 10, conversions: 1, revenue: 5, completeness: 1 };
    expect(() => model.observe([good, { ...good, day: START + 5 }])).toThrow(
      /observations\[1\]\.day must be the epoch ms of a day start \(a midnight in UTC\)/,
    );
    expect(() => model.observe([{ ...good, spend: -1 }])).toThrow(/observations\[0\]\.spend must be a finite number ≥ 0, got -1/);
    expect(() => model.observe([{ ...good, completeness: 1.5 }])).toThrow(/completeness must be in 0..1, got 1.5/);
    model.observe([good]);
    expect(() => model.predict({ dailySpend: 10, days: 0, from: START })).toThrow(/days must be an integer 1..366, got 0/);
    expect(() => new ResponseModel({ calendar: [{ name: 'x', from: START + DAY_MS, to: START, volatility: 'high' }] })).toThrow(
      /calendar\[0\] \(x\): to must be on or after from/,
    );
  });

  it('forgets days too old to matter, so a long-running campaign stays cheap to fit', () => {
    const days = history(stream(6, 'history'), truth, 200, 400);
    const all = new ResponseModel();
    all.observe(days);
    const recent = new ResponseModel();
    recent.observe(days.filter((d) => d.day >= days[199].day - MEMORY_DAYS * DAY_MS));
    const window = { dailySpend: 400, days: 7, from: afterDays(200) };
    expect(all.predict(window)).toEqual(recent.predict(window));
  });

  it('replaces a re-read day instead of counting it twice', () => {
    const days = history(stream(4, 'history'), truth, 28, 400);
    const once = new ResponseModel();
    once.observe(days);
    const twice = new ResponseModel();
    twice.observe(days);
    twice.observe(days.slice(-3));
    const window = { dailySpend: 400, days: 7, from: afterDays(28) };
    expect(twice.predict(window)).toEqual(once.predict(window));
  });
});
