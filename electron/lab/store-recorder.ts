import { toHourlyMetricRow } from '@shared/domain/metrics';
import type { HourlyMetricsRepository, SnapshotRepository } from '../store';
import { HOUR_MS } from '@shared/time';
import type { SimulationRecorder } from './simulate';

/** The days re-read at each day's end: late conversions of the day before are still arriving. */
const REREAD_DAYS = 2;

/**
 * Keeps the agents' run in the store as the app would see it: the hourly metrics as reported at
 * the end of each simulated day (the day before is read again, as attribution keeps filling
 * it in), and the campaigns as they stand then (their names for reports). The agents and their
 * decisions are the engine's to record.
 */
export function createStoreRecorder(store: { metrics: HourlyMetricsRepository; snapshots: SnapshotRepository }): SimulationRecorder {
  return {
    async afterHour(hour, platform) {
      const { world } = platform;
      const done = hour + 1;
      const day = world.finished ? world.days : world.dayAt(done);
      if (done !== world.dayStartHour(day)) return;
      const now = world.now();
      const rows = await platform.getMetrics({ from: world.startMs + world.dayStartHour(Math.max(0, day - REREAD_DAYS)) * HOUR_MS, to: now });
      store.metrics.upsertMany(rows.map((row) => toHourlyMetricRow(row, now)));
      store.snapshots.keepChanged(await platform.listCampaigns(), now);
    },
  };
}
