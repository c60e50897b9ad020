import { toHourlyMetricRow } from '@shared/domain/metrics';
import { HOUR_MS, type Clock } from '@shared/time';
import type { PlatformAdapter } from '@shared/platform/adapter';
import type { HourlyMetricsRepository, SnapshotRepository } from '../store';

/** Hours read again at every pass: attribution delay keeps adding conversions to them. */
export const REREAD_HOURS = 48;

/** Campaigns are snapshotted at the first pass and every this many passes after: names and settings change rarely, and a platform counts every read. */
const SNAPSHOT_EVERY_PASSES = 24;

export interface MetricsRecorder {
  /** Records what the platform reports up to the current hour; one pass at a time. */
  record(): Promise<number>;
  /** Settles once the pass under way, if any, has ended. */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the platform's hourly reports in the store once per hour of the account's clock, so
 * the monitor's goal progress and KPI charts read the store, not the platform. Each pass
 * re-reads the last REREAD_HOURS; the store keeps the freshest report of every hour. With
 * `snapshots`, the campaigns as they stand are kept too, once a day of passes.
 */
export function startMetricsRecorder(
  deps: { platform: PlatformAdapter; clock: Clock; metrics: HourlyMetricsRepository; snapshots?: SnapshotRepository; onError?(error: unknown): void },
  options: { pollMs?: number } = {},
): MetricsRecorder {
  let lastHour = -1;
  let passes = 0;
  let running: Promise<number> | undefined;

  async function pass(): Promise<number> {
    const now = deps.clock.now();
    const to = Math.floor(now / HOUR_MS) * HOUR_MS;
    const rows = await deps.platform.getMetrics({ from: to - REREAD_HOURS * HOUR_MS, to });
    const recorded = deps.metrics.upsertMany(rows.map((row) => toHourlyMetricRow(row, now)));
    if (deps.snapshots && passes++ % SNAPSHOT_EVERY_PASSES === 0) deps.snapshots.keepChanged(await deps.platform.listCampaigns(), now);
    return recorded;
  }

  const record = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => {
    const hour = Math.floor(deps.clock.now() / HOUR_MS);
    if (hour === lastHour || running) return;
    lastHour = hour;
    record().catch((error: unknown) => deps.onError?.(error));
  }, options.pollMs ?? 250);
  timer.unref();
  return {
    record,
    idle: () =>
      running
        ? running.then(
            () => undefined,
            () => undefined,
          )
        : Promise.resolve(),
    stop: () => clearInterval(timer),
  };
}
