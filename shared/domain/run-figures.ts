/**
 * What agents did over a run, as `acm-sim-report/1` (FORMAT.md) reports it and the store counts
 * it: how their decisions ended, and how their predictions held.
 */
export interface DecisionCounts {
  /** Decisions the agents made (a person's undo is not one). */
  proposed: number;
  /** Reached the platform: executed, or executed and later undone. */
  executed: number;
  /** Executed with no person's approval. */
  autonomous: number;
  /** Sent to a person at some point, whatever became of it. */
  escalated: number;
  blocked: number;
  cancelled: number;
}

export interface AccuracySummary {
  evaluated: number;
  directional: number;
  coverage80: number;
  mape: number;
  medianRelativeWidth: number;
}
