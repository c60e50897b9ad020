import { ALERT_SEVERITIES, type AlertSeverity } from '@shared/domain/alert';
import type { NotifyChannelKind, NotifyChannelSettings } from '@shared/domain/notify';
import type { NotifyChannelView } from '@shared/ipc/channels/notifications';
import { isClockTime } from '@shared/notify/quiet-hours';

/** A channel's settings as the form holds them: text as typed, checked on save. The secret is not here: it stays in the form alone. */
export interface ChannelDraft {
  kind: NotifyChannelKind;
  name: string;
  enabled: boolean;
  severities: AlertSeverity[];
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  /** Minutes as typed; empty: no reminder. */
  renotify: string;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  from: string;
  /** Addresses separated by commas. */
  to: string;
  /** '' for no digest, else the hour 0–23. */
  digestHour: string;
}

export const KIND_LABEL: Record<NotifyChannelKind, string> = { slack: 'Slack', email: 'E-mail' };

/** A new channel: warnings and critical alerts, no quiet hours, mail over STARTTLS on 587; an existing one as it is. */
export function draftOf(kind: NotifyChannelKind, channel?: NotifyChannelView): ChannelDraft {
  return {
    kind,
    name: channel?.name ?? '',
    enabled: channel?.enabled ?? true,
    severities: channel?.severities ?? ['critical', 'warning'],
    quiet: Boolean(channel?.quietHours),
    quietStart: channel?.quietHours?.start ?? '22:00',
    quietEnd: channel?.quietHours?.end ?? '07:00',
    renotify: channel?.renotifyAfterMinutes?.toString() ?? '',
    host: channel?.email?.host ?? '',
    port: String(channel?.email?.port ?? 587),
    secure: channel?.email?.secure ?? false,
    user: channel?.email?.user ?? '',
    from: channel?.email?.from ?? '',
    to: channel?.email?.to.join(', ') ?? '',
    digestHour: channel?.digestHour?.toString() ?? '',
  };
}

/** The first field the operator must fix, and how; the host checks again on save. */
export interface DraftProblem {
  field: keyof ChannelDraft | 'secret';
  message: string;
}

const wholeNumber = (text: string, min: number, max: number): number | undefined => {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= min && value <= max ? value : undefined;
};

/** The settings to save, or what is wrong with the draft. */
export function settingsOf(draft: ChannelDraft): { settings: NotifyChannelSettings } | { problem: DraftProblem } {
  const problem = (field: DraftProblem['field'], message: string) => ({ problem: { field, message } });
  if (draft.name.trim() === '') return problem('name', 'Give the channel a name, such as "#ops".');
  if (draft.severities.length === 0) return problem('severities', 'Pick at least one severity.');
  if (draft.quiet && !(isClockTime(draft.quietStart) && isClockTime(draft.quietEnd))) return problem('quietStart', 'Quiet hours are two times of day, HH:MM.');
  const renotify = draft.renotify.trim() === '' ? null : wholeNumber(draft.renotify, 1, 7 * 24 * 60);
  if (renotify === undefined) return problem('renotify', 'Re-notify after 1 to 10080 minutes, or leave it empty.');
  const common = {
    kind: draft.kind,
    name: draft.name.trim(),
    enabled: draft.enabled,
    severities: ALERT_SEVERITIES.filter((s) => draft.severities.includes(s)),
    quietHours: draft.quiet ? { start: draft.quietStart, end: draft.quietEnd } : null,
    renotifyAfterMinutes: renotify,
  };
  if (draft.kind === 'slack') return { settings: { ...common, digestHour: null, email: null } };

  if (draft.host.trim() === '') return problem('host', 'Name the SMTP server, such as smtp.agency.com.');
  const port = wholeNumber(draft.port, 1, 65535);
  if (port === undefined) return problem('port', 'The port is a number from 1 to 65535 (587 for STARTTLS, 465 for TLS).');
  if (draft.from.trim() === '') return problem('from', 'Give the address mail is sent from.');
  const to = draft.to
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  if (to.length === 0) return problem('to', 'Name at least one recipient.');
  const digestHour = draft.digestHour === '' ? null : Number(draft.digestHour);
  return {
    settings: {
      ...common,
      digestHour,
      email: { host: draft.host.trim(), port, secure: draft.secure, user: draft.user.trim(), from: draft.from.trim(), to },
    },
  };
}
