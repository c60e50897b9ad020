import { isActionType } from '@shared/platform/action-type';
import { UsageError } from '../command';

/** Hosts a plain-HTTP base may name: this machine only (a fake), so that a token never crosses a network unencrypted. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** `--api-base` (or another flag naming a base): an API's scheme and host (https, or http on this machine for a fake), nothing after. */
export function parseApiBase(text: string, flag = 'api-base'): string {
  const rule = `--${flag} must be an https URL with no path, or http on this machine (127.0.0.1, localhost) for a fake, got '${text}'`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(rule);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure || url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') throw new UsageError(rule);
  return url.origin;
}

/** `--account`: a Meta ad account id, "act_" and digits (the digits alone are taken too). */
export function parseAccountId(text: string): string {
  const digits = text.startsWith('act_') ? text.slice(4) : text;
  if (!/^\d{1,30}$/.test(digits)) throw new UsageError(`--account must be a Meta ad account id (act_ and digits), got '${text}'`);
  return `act_${digits}`;
}

/** `--conversion-action`: one of Meta's action types ("purchase", "offsite_conversion.fb_pixel_lead"). */
export function parseConversionAction(text: string): string {
  if (!isActionType(text))
    throw new UsageError(`--conversion-action must be a Meta action type such as purchase or lead (letters, digits, _ . -), got '${text}'`);
  return text;
}
