import { AcmError } from '../errors';

/** What a message links to: the app opens on it (`acm://` is registered by the app; the headless host shows the same text). */
export type LinkTarget = { alert: string } | { decision: string } | { digest: string } | { agents: true };

/** A link the app accepted: the workspace and the item to open in it. */
export interface DeepLink {
  workspaceId: number;
  target: LinkTarget;
}

export const DEEP_LINK_SCHEME = 'acm';

/** `acm://workspace/<id>/alert/<alertId>`, `…/decision/<id>`, `…/digest/<date>`, `…/agents`. */
export function deepLink(workspaceId: number, target: LinkTarget): string {
  const base = `acm://workspace/${workspaceId}`;
  if ('alert' in target) return `${base}/alert/${encodeURIComponent(target.alert)}`;
  if ('decision' in target) return `${base}/decision/${encodeURIComponent(target.decision)}`;
  if ('digest' in target) return `${base}/digest/${target.digest}`;
  return `${base}/agents`;
}

// The whole link, nothing else: no query, no fragment, no other host. Windows may add a trailing slash.
const SHAPE = /^acm:\/\/workspace\/([1-9]\d{0,8})\/(?:(alert|decision)\/([A-Za-z0-9._~%:-]{1,200})|digest\/(\d{4}-\d{2}-\d{2})|(agents))\/?$/i;
// Ids as the store makes them (UUIDs) or a scenario names them.
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_LENGTH = 512;

/**
 * Reads a link the operating system handed the app. Only the shapes `deepLink` writes are
 * accepted: anything else, however close, is refused with an AcmError naming what is wrong.
 */
export function parseDeepLink(url: string): DeepLink {
  // Quoted and cut short: the text came from outside and goes to a log.
  const shown = JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}…` : url);
  const refuse = (why: string) => new AcmError('INVALID_INPUT', `the link ${shown} ${why}`, { path: 'url' });
  if (url.length > MAX_LENGTH) throw refuse(`is longer than ${MAX_LENGTH} characters`);
  const match = SHAPE.exec(url);
  if (!match) throw refuse('is not acm://workspace/<id>/alert/<id>, …/decision/<id>, …/digest/<YYYY-MM-DD> or …/agents');
  const [, workspace, kind, encoded, digest] = match;
  const workspaceId = Number(workspace);
  if (digest !== undefined) return { workspaceId, target: { digest } };
  if (kind === undefined) return { workspaceId, target: { agents: true } };
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    throw refuse('has a broken %-escape in its id');
  }
  if (!ID.test(id)) throw refuse(`has characters no ${kind.toLowerCase()} id has`);
  return { workspaceId, target: kind.toLowerCase() === 'alert' ? { alert: id } : { decision: id } };
}
