export { World, type WorldOptions } from './world';
export { SandboxPlatform } from './platform';
export { createSandboxAccount, defaultScenarioPath, type SandboxAccountOptions } from './account';
export { FaultInjector, RATE_LIMIT_RETRY_MS, type FaultKind, type FaultSpec } from './faults';
export { deliveryShare, creativeFactor, CLICK_THROUGH_RATE } from './formulas';
