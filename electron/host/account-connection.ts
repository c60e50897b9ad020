import type { CampaignChange } from '@shared/domain/campaign';
import { PlatformError, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';

export interface ConnectionState {
  connected: boolean;
  /** Why it is not, in words a person can act on. */
  reason?: string;
}

/**
 * Whether a workspace's ad account can still be reached with the credential it has. Once the
 * platform says the credential is dead (a token expired or revoked), the account "needs
 * reconnecting" for good: whoever watches is told once, and nothing is sent with that credential
 * again. Only a restart with a new credential connects it again.
 */
export class AccountConnection {
  private lostReason: string | undefined;
  private readonly listeners = new Set<(reason: string) => void>();

  constructor(
    /** Names the account in messages: 'Meta ad account "Acme" (act_123)'. */
    readonly label: string,
    /** What a person does to connect it again, for the alert. */
    readonly howToReconnect: string,
  ) {}

  /** How the alert about this account's lost connection begins, so that it is known again after a restart. */
  get lossHeadline(): string {
    return `${this.label} needs reconnecting`;
  }

  state(): ConnectionState {
    return this.lostReason === undefined ? { connected: true } : { connected: false, reason: this.lostReason };
  }

  /** Marks the connection lost; only the first call counts. */
  lose(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    for (const listener of [...this.listeners]) listener(reason);
  }

  /** Tells `listener` once, when the connection is lost (at once if it already is); returns what stops listening. */
  onLost(listener: (reason: string) => void): () => void {
    if (this.lostReason !== undefined) {
      listener(this.lostReason);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/**
 * The account's platform under watch: the first answer saying the credential is dead marks the
 * connection lost (synchronously, before the caller sees the error, so that the agents stop
 * before anything else is tried); from then on every call fails at once, unsent. `id` is the
 * platform's name as the app shows it ("meta").
 */
export function watchedPlatform(platform: PlatformAdapter, connection: AccountConnection, id = platform.id): PlatformAdapter {
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    const state = connection.state();
    if (!state.connected) throw new PlatformError('AUTH_EXPIRED', `${connection.lossHeadline}: ${state.reason}`);
    try {
      return await call();
    } catch (error) {
      if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') connection.lose(error.message);
      throw error;
    }
  };
  return {
    id,
    currency: platform.currency,
    reportsSettleDays: platform.reportsSettleDays,
    reportingNotes: platform.reportingNotes,
    dailySpendMultiple: platform.dailySpendMultiple,
    listCampaigns: () => guard(() => platform.listCampaigns()),
    getCampaign: (campaignId: string) => guard(() => platform.getCampaign(campaignId)),
    getMetrics: (query: MetricsQuery) => guard(() => platform.getMetrics(query)),
    applyChange: (change: CampaignChange, key: string) => guard(() => platform.applyChange(change, key)),
  };
}

/** A platform nothing can be asked of: the account of a workspace whose connection was lost before it opened. */
export function unreachablePlatform(id: string, currency: string, reason: string): PlatformAdapter {
  const refuse = () => Promise.reject(new PlatformError('AUTH_EXPIRED', reason));
  return { id, currency, listCampaigns: refuse, getCampaign: refuse, getMetrics: refuse, applyChange: refuse };
}
