import { AccountZone } from '@shared/zone';

const STYLES = {
  short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  long: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();

/** "12 Mar, 09:00 GMT+9" (long: with weekday and year): an instant on the wall clock of a zone, the zone named. */
export function formatInZone(ms: number, zone: string, style: keyof typeof STYLES = 'short'): string {
  const key = `${style} ${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...STYLES[style], timeZone: zone });
    formats.set(key, format);
  }
  return format.format(ms);
}

/** An instant as a workspace's clock reads it; the machine-readable value carries the zone's offset. */
export function ZonedTime({ ms, zone, style, className }: { ms: number; zone: string; style?: keyof typeof STYLES; className?: string }) {
  return (
    <time className={className} dateTime={AccountZone.of(zone).isoLocal(ms)} title={zone}>
      {formatInZone(ms, zone, style)}
    </time>
  );
}
