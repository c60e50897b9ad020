import { AccountZone } from '@shared/zone';
import { formatInZone, type ZonedStyle } from '@renderer/shared/format';

/**
 * An instant as a workspace's clock reads it; the machine-readable value carries the zone's
 * offset. Nothing is shown while the zone is not known yet: another clock standing in would
 * show a different hour for a moment.
 */
export function ZonedTime({ ms, zone, style, className }: { ms: number; zone: string | undefined; style?: ZonedStyle; className?: string }) {
  if (zone === undefined) return null;
  return (
    <time className={className} dateTime={AccountZone.of(zone).isoLocal(ms)} title={zone}>
      {formatInZone(ms, zone, style)}
    </time>
  );
}
