import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per host run: only whoever saw the printed URL can drive the host. */
export const createSessionToken = (): string => randomBytes(32).toString('base64url');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/**
 * Decides whether a WebSocket upgrade may proceed. The Origin check stops other web pages the
 * user has open from talking to the host (browsers send Origin on every WebSocket); the token
 * stops other local programs and pages that guessed the port.
 */
export function checkUpgrade(req: IncomingMessage, expected: { token: string; origin: string; path: string }): UpgradeVerdict {
  const url = new URL(req.url ?? '/', expected.origin);
  if (url.pathname !== expected.path) return { ok: false, status: 404, reason: `no WebSocket endpoint at ${url.pathname}` };
  if (req.headers.origin !== expected.origin) {
    return { ok: false, status: 403, reason: `origin ${req.headers.origin ?? '(none)'} is not allowed` };
  }
  const token = url.searchParams.get('token');
  if (token === null || !sameSecret(token, expected.token)) return { ok: false, status: 401, reason: 'missing or wrong session token' };
  return { ok: true };
}

/** Requests must name the host as the browser saw it, which defeats DNS-rebinding pages. */
export const hostHeaderAllowed = (req: IncomingMessage, host: string): boolean => req.headers.host === host;
