import type { Prediction } from '@shared/domain/decision';
import { Z80 } from '../forecast/assumptions';
import { normalCdf } from '../forecast/distribution';

/**
 * How sure the agent is that the decision does what it says: the forecast probability that the
 * outcome lands on the predicted side of "unchanged" (the baseline), reading the 80% interval
 * as a normal spread: Φ(|point − baseline| / σ), σ = (high80 − low80) / (2 · z₀.₉).
 * A clear effect against little noise is near 1; an effect lost in the noise is near 0.5. It is
 * the quantity `accuracy.directional` measures afterwards, so the two can be held against each other.
 */
export function decisionConfidence(
  prediction: Pick<Prediction, 'point' | 'low80' | 'high80' | 'baseline'>,
  spread?: Pick<Prediction, 'low80' | 'high80'>,
): number {
  if (prediction.baseline === undefined) return 0.5;
  const { low80, high80 } = spread ?? prediction;
  const sigma = (high80 - low80) / (2 * Z80);
  const effect = Math.abs(prediction.point - prediction.baseline);
  if (!(sigma > 0)) return effect > 0 ? 1 : 0.5;
  return normalCdf(effect / sigma);
}
