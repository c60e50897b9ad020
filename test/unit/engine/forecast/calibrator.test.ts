import { describe, expect, it } from 'vitest';
import { Z80 } from '@engine/forecast/assumptions';
import { Calibrator } from '@engine/forecast/calibrator';
import type { Interval80 } from '@engine/forecast/types';
import { stream } from '@shared/random';
import { normal } from './synthetic';

interface Stream {
  /** Relative sd of actual outcomes around the truth. */
  trueSd: number;
  /** Relative sd the model believes. */
  modelSd: number;
  /** The model's point is truth × this. */
  modelBias?: number;
}

function* outcomes(seed: number, s: Stream, count: number): Generator<{ raw: Interval80; actual: number }> {
  const r = stream(seed, 'calibration');
  for (let i = 0; i < count; i++) {
    const truth = 100 + 900 * r.next();
    const point = truth * (s.modelBias ?? 1);
    const half = Z80 * s.modelSd * point;
    yield { raw: { point, low80: point - half, high80: point + half }, actual: truth * (1 + s.trueSd * normal(r)) };
  }
}

/** Runs a calibrator over a stream; returns the coverage of calibrated intervals after a warm-up. */
function run(calibrator: Calibrator, seed: number, s: Stream, count = 300, warmUp = 40): number {
  let inside = 0;
  let i = 0;
  for (const { raw, actual } of outcomes(seed, s, count)) {
    const shown = calibrator.apply(raw);
    if (i++ >= warmUp && actual >= shown.low80 && actual <= shown.high80) inside++;
    calibrator.record({ ...raw, actual });
  }
  return inside / (count - warmUp);
}

describe('Calibrator', () => {
  it('widens intervals that were too narrow until about 80% of outcomes fall inside', () => {
    const calibrator = new Calibrator();
    const coverage = run(calibrator, 1, { trueSd: 0.2, modelSd: 0.1 });
    expect(coverage).toBeGreaterThan(0.72);
    expect(coverage).toBeLessThan(0.88);
    expect(calibrator.widthScale).toBeGreaterThan(1.6);
    expect(calibrator.widthScale).toBeLessThan(2.5);
  });

  it('narrows intervals that were too wide', () => {
    const calibrator = new Calibrator();
    const coverage = run(calibrator, 2, { trueSd: 0.1, modelSd: 0.25 });
    expect(coverage).toBeGreaterThan(0.72);
    expect(coverage).toBeLessThan(0.88);
    expect(calibrator.widthScale).toBeGreaterThan(0.3);
    expect(calibrator.widthScale).toBeLessThan(0.5);
  });

  it('corrects a forecast that runs low', () => {
    const calibrator = new Calibrator();
    const coverage = run(calibrator, 3, { trueSd: 0.1, modelSd: 0.1, modelBias: 0.8 });
    expect(calibrator.bias).toBeGreaterThan(1.18);
    expect(calibrator.bias).toBeLessThan(1.32);
    expect(coverage).toBeGreaterThan(0.72);
    const corrected = calibrator.apply({ point: 80, low80: 70, high80: 90 });
    expect(corrected.point).toBeCloseTo(80 * calibrator.bias, 9);
  });

  it('leaves a well-calibrated stream nearly alone and does not flag it volatile', () => {
    const calibrator = new Calibrator();
    let flagged = 0;
    let scales = 0;
    let inside = 0;
    let i = 0;
    for (const { raw, actual } of outcomes(4, { trueSd: 0.15, modelSd: 0.15 }, 400)) {
      const shown = calibrator.apply(raw);
      calibrator.record({ ...raw, actual });
      if (++i <= 40) continue;
      if (calibrator.volatile) flagged++;
      if (actual >= shown.low80 && actual <= shown.high80) inside++;
      scales += calibrator.widthScale;
    }
    expect(scales / 360).toBeGreaterThan(0.9);
    expect(scales / 360).toBeLessThan(1.15);
    expect(inside / 360).toBeGreaterThan(0.74);
    expect(inside / 360).toBeLessThan(0.86);
    expect(Math.abs(calibrator.bias - 1)).toBeLessThan(0.05);
    expect(flagged).toBeLessThan(8);
  });

  it('flags high volatility within a few outcomes when errors jump, and widens intervals', () => {
    const calibrator = new Calibrator();
    for (const { raw, actual } of outcomes(5, { trueSd: 0.1, modelSd: 0.1 }, 60)) calibrator.record({ ...raw, actual });
    expect(calibrator.volatile).toBe(false);
    const before = calibrator.apply({ point: 100, low80: 90, high80: 110 });
    let seenAfter = -1;
    let n = 0;
    for (const { raw, actual } of outcomes(6, { trueSd: 0.6, modelSd: 0.1 }, 10)) {
      calibrator.record({ ...raw, actual });
      n++;
      if (calibrator.volatile && seenAfter < 0) seenAfter = n;
    }
    expect(seenAfter).toBeGreaterThan(0);
    expect(seenAfter).toBeLessThanOrEqual(6);
    const after = calibrator.apply({ point: 100, low80: 90, high80: 110 });
    expect(after.high80 - after.low80).toBeGreaterThan(1.5 * (before.high80 - before.low80));
  });

  it('keeps non-negative intervals non-negative', () => {
    const calibrator = new Calibrator();
    run(calibrator, 7, { trueSd: 0.6, modelSd: 0.1 }, 80);
    expect(calibrator.apply({ point: 10, low80: 5, high80: 15 }).low80).toBeGreaterThanOrEqual(0);
  });

  it('names what is wrong with an outcome', () => {
    const calibrator = new Calibrator();
    expect(() => calibrator.record({ point: 10, low80: 12, high80: 15, actual: 3 })).toThrow(/low80 ≤ point ≤ high80, got 12 ≤ 10 ≤ 15/);
    expect(() => calibrator.record({ point: 10, low80: 5, high80: 15, actual: Number.NaN })).toThrow(/actual must be a finite number, got NaN/);
  });
});
