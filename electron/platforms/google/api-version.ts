/** The one place the Google Ads API version is pinned: Google retires a version about a year after it ships. */
export const GOOGLE_ADS_VERSION = 'v25';
export const GOOGLE_ADS_BASE = 'https://googleads.googleapis.com';
