import { generateScenario } from '@lab/generate';
import type { Scenario } from '@shared/scenario/schema';

/** The account the crash suite's child plays: long enough that 50 kills never see it end. */
export const crashScenario = (): Scenario => generateScenario({ campaigns: 10, days: 730, seed: 8 });
