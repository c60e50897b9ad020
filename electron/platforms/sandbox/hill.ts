/**
 * The Hill saturation curve of FORMAT.md and of open marketing-mix models:
 * conversions(x) = M · x^S / (x^S + K^S). S ≤ 1 is concave; S > 1 is S-shaped (convex up to the
 * inflection point K·((S−1)/(S+1))^(1/S), concave after).
 */
export interface HillParams {
  maxConversions: number;
  halfSaturationSpend: number;
  shape: number;
}

/** Refuses curve parameters no curve has: the message names the one that is wrong. */
export function checkHill(params: HillParams): void {
  const { maxConversions: m, halfSaturationSpend: k, shape: s } = params;
  if (!Number.isFinite(m) || m < 0) throw new RangeError(`hill: maxConversions must be a finite number ≥ 0, got ${m}`);
  if (!Number.isFinite(k) || k <= 0) throw new RangeError(`hill: halfSaturationSpend must be a finite number > 0, got ${k}`);
  if (!Number.isFinite(s) || s <= 0) throw new RangeError(`hill: shape must be a finite number > 0, got ${s}`);
}

export function hill(x: number, params: HillParams): number {
  if (x <= 0) return 0;
  const r = Math.pow(x / params.halfSaturationSpend, params.shape);
  return Number.isFinite(r) ? (params.maxConversions * r) / (1 + r) : params.maxConversions;
}

/** d hill / dx; +Infinity at zero spend when shape < 1, M/K when shape = 1, 0 when shape > 1. */
export function hillDerivative(x: number, params: HillParams): number {
  const { maxConversions: m, halfSaturationSpend: k, shape: s } = params;
  if (x <= 0) return s < 1 ? (m > 0 ? Infinity : 0) : s === 1 ? m / k : 0;
  const r = Math.pow(x / k, s);
  if (!Number.isFinite(r)) return 0;
  return (m * s * r) / (x * (1 + r) * (1 + r));
}

/** Where an S-shaped curve (shape > 1) turns from convex to concave; 0 for concave curves. */
export function hillInflection(params: HillParams): number {
  checkHill(params);
  const { halfSaturationSpend: k, shape: s } = params;
  return s > 1 ? k * Math.pow((s - 1) / (s + 1), 1 / s) : 0;
}
