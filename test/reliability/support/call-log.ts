import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { PlatformError, type ApplyResult, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';

/** One platform call as the adapter saw it: numbered in the order calls started. */
export interface Call {
  seq: number;
  operation: 'listCampaigns' | 'getCampaign' | 'getMetrics' | 'applyChange';
  campaignId?: string;
  key?: string;
  change?: CampaignChange;
  /** Set when the call ended: the platform took the change (`applied`), answered, or failed with this code. */
  result?: 'applied' | 'ok' | PlatformError['platformCode'] | 'error';
  /** What the caller heard when the call threw (a timed-out change is `applied` yet threw TRANSIENT). */
  threw?: PlatformError['platformCode'] | 'error';
}

/**
 * Wraps an adapter and numbers every call as it starts, the way a platform's request log would:
 * what the suites hold the engine's claims against ("no call starts after a pause", "no change
 * applied without its decision").
 */
export class CallLog implements PlatformAdapter {
  readonly calls: Call[] = [];
  readonly id: string;
  readonly currency: string;
  /** Told of each call as it starts, before the platform sees it. */
  onStart: (call: Call) => void = () => undefined;

  /**
   * `yieldEachCall`: every call first gives the event loop a turn, as a network round trip
   * does, so that a person's request can land while the agents are busy.
   */
  constructor(
    private readonly inner: PlatformAdapter,
    private readonly options: { yieldEachCall?: boolean } = {},
  ) {
    this.id = inner.id;
    this.currency = inner.currency;
  }

  listCampaigns(): Promise<CampaignInfo[]> {
    return this.track({ operation: 'listCampaigns' }, () => this.inner.listCampaigns());
  }
  getCampaign(campaignId: string): Promise<CampaignInfo> {
    return this.track({ operation: 'getCampaign', campaignId }, () => this.inner.getCampaign(campaignId));
  }
  getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    return this.track({ operation: 'getMetrics' }, () => this.inner.getMetrics(query));
  }
  applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult> {
    return this.track(
      { operation: 'applyChange', campaignId: change.campaignId, key: idempotencyKey, change },
      () => this.inner.applyChange(change, idempotencyKey),
      (r) => (r.applied ? 'applied' : 'ok'),
    );
  }

  /** Calls that threw, with this platform error code if given. */
  failures(code?: PlatformError['platformCode']): Call[] {
    return this.calls.filter((c) => c.threw !== undefined && (code === undefined || c.threw === code));
  }

  private async track<T>(call: Omit<Call, 'seq'>, run: () => Promise<T>, outcome: (value: T) => Call['result'] = () => 'ok'): Promise<T> {
    const entry: Call = { ...call, seq: this.calls.length + 1 };
    this.calls.push(entry);
    this.onStart(entry);
    try {
      if (this.options.yieldEachCall) await new Promise((resolve) => setImmediate(resolve));
      const value = await run();
      entry.result = outcome(value);
      return value;
    } catch (error) {
      entry.threw = error instanceof PlatformError ? error.platformCode : 'error';
      // An injected timeout comes after the change landed: the platform took it, the caller heard an error.
      entry.result = error instanceof PlatformError && /the change was applied/.test(error.message) ? 'applied' : entry.threw;
      throw error;
    }
  }
}
