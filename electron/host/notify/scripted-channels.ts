import { AcmError } from '@shared/errors';
import type { AlertSeverity } from '@shared/domain/alert';
import type { NotifyChannelSettings } from '@shared/domain/notify';
import type { Store } from '../../store';
import { Secret } from '../credentials/secret';
import { checkWebhookUrl } from './webhook-url';

/** A channel given on the command line for one run: its settings go to the database, its secret stays in memory. */
export interface ScriptedChannel {
  id: string;
  settings: NotifyChannelSettings;
  secret: Secret | undefined;
}

export const SCRIPTED_IDS = { slack: 'cli_slack', email: 'cli_email' } as const;
const SEVERITIES: AlertSeverity[] = ['warning', 'critical'];

const base = { enabled: true, severities: SEVERITIES, quietHours: null, renotifyAfterMinutes: 60, digestHour: null };

/** `--notify-webhook URL`: a Slack incoming webhook receiving warnings and critical alerts. */
export function webhookChannel(text: string): ScriptedChannel {
  const url = checkWebhookUrl(text, '--notify-webhook');
  return { id: SCRIPTED_IDS.slack, settings: { ...base, kind: 'slack', name: 'Slack (--notify-webhook)', email: null }, secret: new Secret(url) };
}

/**
 * `--smtp smtp://user:pass@host:port?to=a@x.com,b@y.com&from=acm@x.com` (STARTTLS required; `smtps://`
 * for TLS from the first byte), with the digest at `digest=HOUR` when given. The error never
 * repeats the URL, which holds the password.
 */
export function smtpChannel(text: string): ScriptedChannel {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AcmError('INVALID_INPUT', '--smtp is not a URL (expected smtp://user:password@host:587?to=…&from=…)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new AcmError('INVALID_INPUT', '--smtp must start with smtp:// or smtps://');
  const secure = url.protocol === 'smtps:';
  const list = (name: string) =>
    (url.searchParams.get(name) ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
  const to = list('to');
  const [from] = list('from');
  if (to.length === 0) throw new AcmError('INVALID_INPUT', '--smtp needs ?to=address[,address…]');
  if (from === undefined) throw new AcmError('INVALID_INPUT', '--smtp needs &from=address');
  const digest = url.searchParams.get('digest');
  const digestHour = digest === null ? null : Number(digest);
  if (digestHour !== null && !(Number.isInteger(digestHour) && digestHour >= 0 && digestHour <= 23)) {
    throw new AcmError('INVALID_INPUT', '--smtp: digest must be a local hour from 0 to 23');
  }
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    id: SCRIPTED_IDS.email,
    settings: { ...base, digestHour, kind: 'email', name: 'E-mail (--smtp)', email: { host: url.hostname, port, secure, user, from, to } },
    secret: password === '' ? undefined : new Secret(password),
  };
}

export const isScripted = (id: string) => id === SCRIPTED_IDS.slack || id === SCRIPTED_IDS.email;

/**
 * Puts this run's scripted channels in the workspace's database (keeping their delivery record),
 * and turns off those of an earlier run not given again: their secrets went with that run.
 */
export function applyScripted(store: Pick<Store, 'notifyChannels'>, scripted: readonly ScriptedChannel[], now: number): void {
  for (const { id, settings } of scripted) {
    if (store.notifyChannels.get(id)) store.notifyChannels.update(id, settings);
    else store.notifyChannels.add(settings, now, id);
  }
  for (const channel of store.notifyChannels.list()) {
    if (isScripted(channel.id) && channel.enabled && !scripted.some((s) => s.id === channel.id)) {
      store.notifyChannels.update(channel.id, { ...channel, enabled: false });
    }
  }
}
