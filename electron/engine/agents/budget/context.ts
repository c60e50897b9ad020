import type { SpendCeilings } from '@engine/guardrails/day-spend';
import type { Policy } from '@shared/scenario/schema';
import type { ReviewContext } from '../proposal';

export interface BudgetContext extends ReviewContext {
  policies: readonly Policy[];
  /** Most the agent's campaigns may budget together a day. */
  maxTotal: number;
  /** High volatility: steps are smaller (VOLATILE_STEP_SHARE of the usual). */
  volatile: boolean;
  /** Where the platform may spend past a budget in a day, how far each campaign has lately. */
  spendCeilings?: SpendCeilings;
}
