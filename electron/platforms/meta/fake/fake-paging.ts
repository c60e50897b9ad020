import { invalidParameter } from './fake-errors';
import type { Params } from './fake-params';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 5_000;

const cursor = (position: number) => Buffer.from(`acm-fake:${position}`).toString('base64url');

function position(text: string): number {
  const decoded = /^acm-fake:(\d+)$/.exec(Buffer.from(text, 'base64url').toString());
  if (!decoded) throw invalidParameter('after: not a cursor of this edge');
  return Number(decoded[1]);
}

/**
 * One page of an edge, as the Graph API pages: `limit` objects from the `after` cursor, string
 * cursors, and `next` (absent on the last page) as a full URL on the server's own origin carrying
 * every parameter of the request, the token included when it came in the query string.
 */
export function page<T>(items: T[], params: Params, requestUrl: URL, bodyParams: Record<string, unknown>): { data: T[]; paging?: Record<string, unknown> } {
  const limit = Math.min(params.integer('limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
  if (!(limit > 0)) throw invalidParameter('limit must be a positive integer');
  const after = params.string('after');
  const from = after === undefined ? 0 : position(after);
  const data = items.slice(from, from + limit);
  if (data.length === 0) return { data };
  const paging: Record<string, unknown> = { cursors: { before: cursor(from), after: cursor(from + data.length) } };
  if (from + data.length < items.length) {
    const next = new URL(requestUrl.toString());
    for (const [key, value] of Object.entries(bodyParams)) {
      if (key === 'access_token' || value === undefined) continue;
      next.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('after', cursor(from + data.length));
    paging.next = next.toString();
  }
  return { data, paging };
}
