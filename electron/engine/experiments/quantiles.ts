/**
 * The two quantiles an experiment's intervals and power need, at any level: the normal's, and
 * Student's t for the few degrees of freedom a handful of campaign pairs leaves.
 */

/** The standard normal's quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a probability strictly between 0 and 1 is needed, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Beyond this many degrees of freedom the Cornish-Fisher expansion is exact to 1e-6. */
const EXPANSION_DF = 100;

/** Student's t quantile for p in (0.5, 1) and whole degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`a probability between 0.5 and 1 is needed, got ${p}`);
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`whole degrees of freedom >= 1 are needed, got ${df}`);
  if (df > EXPANSION_DF) {
    const z = normalQuantile(p);
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
  }
  // Bisection on the exact distribution function: 60 halvings pin it far below any rounding shown.
  const within = 2 * p - 1;
  let lo = 0;
  let hi = 1e6;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (centralProbability(mid, df) < within) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(|T| < t) for t with df degrees of freedom: the finite series of Abramowitz & Stegun 26.7.3–4. */
function centralProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const cos2 = Math.cos(theta) ** 2;
  const sin = Math.sin(theta);
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) sum += term *= (cos2 * (k - 1)) / k;
    return sin * sum;
  }
  if (df === 1) return (2 / Math.PI) * theta;
  let term = 1;
  let sum = 1;
  for (let k = 3; k <= df - 2; k += 2) sum += term *= (cos2 * (k - 1)) / k;
  return (2 / Math.PI) * (theta + sin * Math.cos(theta) * sum);
}
