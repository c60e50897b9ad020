import type { CampaignChange, CampaignInfo } from '../../../shared/domain/campaign';
import type { ChangeValue, Prediction } from '../../../shared/domain/decision';
import type { Interval80 } from '../forecast';

export interface RawForecast extends Interval80 {
  metric: 'revenue' | 'conversions';
}

/** What an agent wants to do, before the guard, the arbiter and the executor have their say. */
export interface Proposal {
  agentName: string;
  campaign: CampaignInfo;
  change: CampaignChange;
  before: ChangeValue;
  after: ChangeValue;
  reasoning: string;
  /** Calibrated: what the decision records. */
  prediction: Prediction;
  /** The model's own forecast of the objective (revenue or conversions) before calibration: what calibration learns from. */
  raw: RawForecast;
  confidence: number;
  /** Conversions observed on the campaign over the evidence window. */
  evidenceConversions: number;
  /** The metrics the agent looked at, recorded with the decision. */
  metrics: Record<string, unknown>;
  /** A raise made again with its budget at most `budget` (prediction and reasoning redone), if still worth making. */
  resize?(budget: number): Proposal | undefined;
}

/** A campaign an agent chose to keep as it is, though it was free to move it. */
export interface Keep {
  campaign: CampaignInfo;
  reasoning: string;
}
