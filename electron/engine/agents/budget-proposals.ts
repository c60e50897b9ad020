/** The budget proposer (step 3 for budgets and pauses), built in ./budget/: eligibility, the step, its reasoning, the review's proposals. */
export type { BudgetContext } from './budget/context';
export { proposeBudgets, type BudgetProposals } from './budget/propose';
export { spendFloor, spendGap } from './budget/spend-goal';
export { MIN_FILL_MOVE, MIN_MOVE } from './budget/step';
export { resizeRaise, type BudgetStep } from './budget/step-proposal';
export { DECISION_WINDOW_DAYS } from './proposal';
