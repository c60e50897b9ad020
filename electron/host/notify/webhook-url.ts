import { AcmError } from '@shared/errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A Slack incoming webhook URL as given: https, or http to this machine only (a local receiver).
 * The error never repeats the URL, which is the secret itself.
 */
export function checkWebhookUrl(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AcmError('INVALID_INPUT', `${where} is not a URL (expected https://hooks.slack.com/services/…)`, { path: where });
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local) throw new AcmError('INVALID_INPUT', `${where} must be an https URL (http only to 127.0.0.1)`, { path: where });
  return url.toString();
}
