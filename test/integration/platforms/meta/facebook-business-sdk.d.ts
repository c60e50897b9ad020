/** The few parts of Meta's official Node SDK (untyped JavaScript) that the contract test drives. */
declare module 'facebook-nodejs-business-sdk' {
  interface SdkObject {
    id: string;
    _data: Record<string, unknown>;
    update(params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  }
  interface SdkCursor extends Array<SdkObject> {
    hasNext(): boolean;
    next(): Promise<SdkCursor>;
  }
  export class FacebookAdsApi {
    static init(token: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static get GRAPH(): string;
    static get VERSION(): string;
  }
  export class AdAccount {
    constructor(id: string);
    getCampaigns(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
    getAdSets(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
    getInsights(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  }
  export class Campaign {
    constructor(id: string);
    getAdSets(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  }
  export class AdSet {
    constructor(id: string, data?: Record<string, unknown>);
    update(params?: Record<string, unknown>): Promise<Record<string, unknown>>;
    get(fields: string[]): Promise<SdkObject>;
  }
}
