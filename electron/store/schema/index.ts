export { agents, agentGoals } from './agents';
export { decisions, outcomes } from './decisions';
export { conflicts } from './conflicts';
export { alerts } from './alerts';
export { campaignSnapshots, hourlyMetrics } from './metrics';
export { auditLog, auditCheckpoints } from './audit';
export { campaignLeases } from './leases';
export { workspaceProfile, workspaces, accounts, sandboxState } from './workspaces';
export { sandboxHours } from './sandbox';
