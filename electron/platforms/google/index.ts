export { GOOGLE_ADS_BASE, GOOGLE_ADS_VERSION } from './api-version';
export { GoogleAdsClient, customerDigits, type FetchLike, type GoogleAdsClientOptions } from './ads-client';
export { GoogleAdsApiError } from './ads-errors';
export { GoogleAdapter, openGoogleAdapter, type GoogleAdapterOptions } from './google-adapter';
export { listClientAccounts, type ClientAccount, type GoogleCustomer } from './google-account';
export { LABELS, type GoogleCampaignView } from './campaign-view';
export { OperationsQuota, OPERATIONS_PER_DAY, type AccessLevel } from './operations-quota';
export { fromMicros, toMicros } from './micros';
