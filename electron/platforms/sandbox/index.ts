export { World, type WorldOptions } from './world';
export { SandboxPlatform } from './platform';
export { createSandboxAccount, openSandboxAccount, defaultScenarioPath, type SandboxAccount, type SandboxAccountOptions } from './account';
export type { SandboxStateSink, SandboxStateUpdate } from './world-saver';
export { parseWorldState, snapshotState, type SavedHour, type WorldState } from './world-state';
export { FaultInjector, RATE_LIMIT_RETRY_MS, type FaultKind, type FaultSpec } from './faults';
export { deliveryShare, creativeFactor, CLICK_THROUGH_RATE } from './formulas';
