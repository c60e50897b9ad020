import type { CampaignChange } from '@shared/domain/campaign';
import type { MetricsQuery, PlatformAdapter } from '@shared/platform/adapter';
import { AcceleratedClock, type Clock } from '@shared/time';
import type { EventHub } from '../ipc/event-hub';
import type { AgentControl } from '../ipc/services';
import type { PlatformPause, Store } from '../store';
import { pushChange } from './compose';

/**
 * Whether an account's allowance of requests for the platform's day is spent (Google's daily
 * operations quota): until when, and who is told when it becomes so. Only a later end counts as a
 * new spell, so the calls that fail together on a spent day tell once.
 */
export class QuotaSpell {
  private until: number | undefined;
  private readonly listeners = new Set<(untilMs: number, reason: string) => void>();

  constructor(
    /** Names the account in messages. */
    readonly label: string,
    /** The platform's own id of the account: its kept pause is filed under it. */
    readonly account: string,
  ) {}

  spend(untilMs: number, reason: string): void {
    if (this.until !== undefined && untilMs <= this.until) return;
    this.until = untilMs;
    for (const listener of [...this.listeners]) listener(untilMs, reason);
  }

  /** A spell told before (kept across a restart): refusals until then tell nobody again. */
  remember(untilMs: number): void {
    if (this.until === undefined || untilMs > this.until) this.until = untilMs;
  }

  onSpent(listener: (untilMs: number, reason: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/**
 * The platform with its spent-day refusals told to `spell` (synchronously, before the caller sees
 * the error, so that the agents stop before anything else is tried). `spentUntil` says whether an
 * error is such a refusal, and until when (epoch ms on the account's clock).
 */
export function quotaWatchedPlatform(platform: PlatformAdapter, spell: QuotaSpell, spentUntil: (error: unknown) => number | undefined): PlatformAdapter {
  const watch = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const until = spentUntil(error);
      if (until !== undefined) spell.spend(until, (error as Error).message);
      throw error;
    }
  };
  return {
    id: platform.id,
    currency: platform.currency,
    reportsSettleDays: platform.reportsSettleDays,
    reportingNotes: platform.reportingNotes,
    dailySpendMultiple: platform.dailySpendMultiple,
    listCampaigns: () => watch(() => platform.listCampaigns()),
    getCampaign: (campaignId: string) => watch(() => platform.getCampaign(campaignId)),
    getMetrics: (query: MetricsQuery) => watch(() => platform.getMetrics(query)),
    applyChange: (change: CampaignChange, key: string) => watch(() => platform.applyChange(change, key)),
  };
}

export interface QuotaPauseDeps {
  spell: QuotaSpell;
  runtime: Pick<AgentControl, 'pauseAll' | 'resume' | 'statusInEffect'>;
  store: Pick<Store, 'alerts' | 'agents' | 'platformPauses'>;
  clock: Clock;
  events: EventHub;
  log(message: string, error?: unknown): void;
}

/** How often, at most, a waiting resume looks at the account's clock again (real ms): an accelerated clock may be changed under it. */
const LOOK_AGAIN_MS = 60_000;

/**
 * What a spent quota day does to its workspace: the active agents pause at once (as a person's
 * pause, recorded and audited), one warning alert says until when, and when the account's clock
 * passes that time the agents it paused, and only those still paused, are resumed and the alert
 * resolved. The pause is kept in the workspace's record: a host started again while it lasts
 * takes up the wait (and sends nothing meanwhile, see openGoogleAccount), and one started after it
 * ended resumes the agents at once.
 */
export function pauseAgentsWhileSpent(deps: QuotaPauseDeps): () => void {
  const { spell, clock, log, store } = deps;
  let timer: NodeJS.Timeout | undefined;

  const resumeWhenTurned = (pause: PlatformPause) => {
    const left = pause.until - clock.now();
    if (left > 0) {
      const speed = clock instanceof AcceleratedClock ? clock.speed : 1;
      timer = setTimeout(() => resumeWhenTurned(pause), Math.min(LOOK_AGAIN_MS, Math.ceil(left / speed)));
      timer.unref();
      return;
    }
    try {
      const resumed = pause.agentIds.filter((id) => deps.runtime.statusInEffect(id) === 'paused');
      for (const id of resumed) deps.runtime.resume(id);
      store.alerts.resolve(pause.alertId);
      store.platformPauses.end(pause.account);
      log(`${spell.label}: the quota day turned; ${resumed.length} agents resumed`);
    } catch (error) {
      log(`${spell.label}: the quota day turned, but its agents could not all be resumed: resume them by hand`, error);
    }
  };

  const kept = store.platformPauses.get(spell.account);
  if (kept) {
    spell.remember(kept.until);
    resumeWhenTurned(kept);
  }

  const stopListening = spell.onSpent((untilMs, reason) => {
    try {
      const { agentIds } = deps.runtime.pauseAll();
      const names = agentIds.map((id) => store.agents.get(id)?.name ?? id);
      const when = new Date(untilMs).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
      log(`${spell.label}: the day's operations are spent (${reason}); ${names.length} agents paused until ${when}`);
      const paused = names.length === 0 ? 'No agent was active.' : `Its agents were paused: ${names.join(', ')}.`;
      const now = clock.now();
      const alert = store.alerts.raise({
        createdAt: now,
        kind: 'circuit_break',
        severity: 'warning',
        message: `${spell.label}: the day's Google Ads operations quota is spent. ${paused} They resume when the quota day turns (${when}, midnight Pacific time).`,
      });
      const pause: PlatformPause = { account: spell.account, until: untilMs, reason, agentIds, alertId: alert.id, createdAt: now };
      store.platformPauses.hold(pause);
      pushChange(deps.events, { kind: 'alert', alertId: alert.id, severity: alert.severity });
      clearTimeout(timer);
      resumeWhenTurned(pause);
    } catch (error) {
      log(`${spell.label}: the day's operations are spent, but its agents could not all be paused, resumed or alerted`, error);
    }
  });
  return () => {
    stopListening();
    clearTimeout(timer);
  };
}
