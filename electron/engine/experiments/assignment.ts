import { AcmError } from '@shared/errors';
import type { Assignment, AssignmentBalance, ExperimentUnit, MatchedPair } from '@shared/domain/experiment';
import { stream } from '@shared/random';

/**
 * Matched-pair randomisation: campaigns alike before the test are paired, and a seeded coin
 * decides which of each pair the agents get. Pairing first keeps a lucky draw from giving the
 * agents all the big or all the efficient campaigns, which with a dozen units happens often.
 */
export function assignCampaigns(units: readonly ExperimentUnit[], seed: number): Assignment {
  if (units.length < 2) throw new AcmError('INVALID_INPUT', `an experiment needs at least 2 campaigns to compare, got ${units.length}`);
  const ids = new Set(units.map((u) => u.campaignId));
  if (ids.size !== units.length) throw new AcmError('INVALID_INPUT', 'each campaign may be in an experiment once');
  // By id first, so that the same campaigns give the same assignment whatever order they came in.
  const sorted = [...units].sort((a, b) => (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0));
  const { pairs: matched, left } = matchPairs(sorted.map(features));
  const coin = stream(seed, 'experiment', 'assignment');
  const pairs: MatchedPair[] = matched.map(([i, j]) => {
    const [a, b] = coin.next() < 0.5 ? [i, j] : [j, i];
    return { treatment: sorted[a].campaignId, holdout: sorted[b].campaignId };
  });
  const treatment = pairs.map((p) => p.treatment);
  const holdout = pairs.map((p) => p.holdout);
  let unpaired: string | undefined;
  if (left !== undefined) {
    unpaired = sorted[left].campaignId;
    (coin.next() < 0.5 ? treatment : holdout).push(unpaired);
  }
  const byId = new Map(sorted.map((u) => [u.campaignId, u]));
  const balance = balanceOf(
    treatment.map((id) => byId.get(id) as ExperimentUnit),
    holdout.map((id) => byId.get(id) as ExperimentUnit),
  );
  return { seed, treatment, holdout, pairs, ...(unpaired === undefined ? {} : { unpaired }), balance };
}

/** Spend on a log scale (a 2x difference matters as much at $100 as at $10,000) and ROAS, each in units of its spread across the campaigns. */
function features(unit: ExperimentUnit): [number, number] {
  return [Math.log1p(Math.max(0, unit.spend)), roasOf(unit.spend, unit.revenue) ?? 0];
}

/**
 * Greedy matching: the two closest units (Euclidean, each feature standardised) pair first,
 * then the closest of the rest, and so on; an odd count leaves the unit least like any other.
 * Not the optimal matching, and it need not be: pairing only makes the groups closer, the coin
 * flips are what make the comparison fair.
 */
function matchPairs(points: [number, number][]): { pairs: [number, number][]; left?: number } {
  const scale = [0, 1].map((k) => spread(points.map((p) => p[k])) || 1);
  const z = points.map((p) => [p[0] / scale[0], p[1] / scale[1]]);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < z.length; i++) {
    for (let j = i + 1; j < z.length; j++) edges.push([Math.hypot(z[i][0] - z[j][0], z[i][1] - z[j][1]), i, j]);
  }
  // Ties keep index order, so the pairing depends on the units alone.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const taken = new Uint8Array(points.length);
  const pairs: [number, number][] = [];
  for (const [, i, j] of edges) {
    if (taken[i] || taken[j]) continue;
    taken[i] = taken[j] = 1;
    pairs.push([i, j]);
  }
  const left = taken.indexOf(0);
  return left < 0 ? { pairs } : { pairs, left };
}

function balanceOf(treatment: readonly ExperimentUnit[], holdout: readonly ExperimentUnit[]): AssignmentBalance {
  const totals = (group: readonly ExperimentUnit[]) => {
    const spend = group.reduce((s, u) => s + u.spend, 0);
    const revenue = group.reduce((s, u) => s + u.revenue, 0);
    return { spend, revenue, roas: roasOf(spend, revenue) };
  };
  const roas = (u: ExperimentUnit) => roasOf(u.spend, u.revenue) ?? 0;
  return {
    treatment: totals(treatment),
    holdout: totals(holdout),
    standardizedDiff: {
      spend: standardizedDiff(
        treatment.map((u) => u.spend),
        holdout.map((u) => u.spend),
      ),
      roas: standardizedDiff(treatment.map(roas), holdout.map(roas)),
    },
  };
}

/** Cohen's d: the difference of the means over the SD pooled from both groups (0 when the groups do not vary). */
function standardizedDiff(a: readonly number[], b: readonly number[]): number {
  const pooled = Math.sqrt((variance(a) + variance(b)) / 2);
  return pooled > 0 ? (mean(a) - mean(b)) / pooled : 0;
}

function roasOf(spend: number, revenue: number): number | null {
  return spend > 0 ? revenue / spend : null;
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

function spread(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}
