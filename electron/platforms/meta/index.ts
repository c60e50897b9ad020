export { GRAPH_VERSION, META_GRAPH_BASE } from './graph-version';
export { GraphClient, type FetchLike, type GraphClientOptions } from './graph-client';
export { MetaApiError } from './graph-errors';
export { MetaAdapter, openMetaAdapter, type MetaAdapterOptions } from './meta-adapter';
export { type MetaAccount } from './meta-account';
export { LABELS, type BudgetHolder, type BudgetLevel, type CampaignView, type LearningStage } from './campaign-view';
export { fromMinorUnits, toMinorUnits } from './money-units';
export { BUDGET_CHANGES_PER_HOUR } from './budget-ledger';
export { accessOf, readPermissions, readTokenAccess, type PermissionGrant, type TokenAccess } from './token-access';
