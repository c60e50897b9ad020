import type { PlatformAdapter } from '@shared/platform/adapter';

/**
 * What a decision's forecast rests on beyond the engine's own model (forecast/assumptions.ts):
 * how the platform made the rows it was fitted to, as the platform words it. Kept with the
 * decision's metrics under `assumptions`, nothing for a platform that reports as it happens.
 */
export function reportingAssumptions(platform: Pick<PlatformAdapter, 'reportingNotes'>): { assumptions?: string[] } {
  const notes = platform.reportingNotes ?? [];
  return notes.length > 0 ? { assumptions: [...notes] } : {};
}
