import { describe, expect, it } from 'vitest';
import { GraphClient, type FetchLike } from '@platforms/meta/graph-client';
import { MetaApiError } from '@platforms/meta/graph-errors';
import { ManualClock } from '@shared/time';

const TOKEN = 'EAAB-a-long-secret-token-0123456789';
const BASE = 'https://graph.example.test';

interface Sent {
  method: string;
  url: URL;
  body?: string;
}

interface Reply {
  status?: number;
  body: unknown;
  usage?: Record<string, unknown>;
}

/** A Graph API stand-in that answers from a list of replies (the last one repeats) and keeps what was sent. */
function stub(replies: (Reply | Error)[]) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ method: init.method ?? 'GET', url: new URL(url), body: init.body as string | undefined });
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (reply.usage) headers['x-business-use-case-usage'] = JSON.stringify({ 1: [{ type: 'ads_management', ...reply.usage }] });
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers });
  };
  return { fetch, sent };
}

function client(fetch: FetchLike, extra: { log?: string[] } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const slept: number[] = [];
  const graph = new GraphClient({
    fetch,
    token: TOKEN,
    baseUrl: BASE,
    clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    log: extra.log ? (line) => extra.log?.push(line) : undefined,
    pageSize: 2,
  });
  return { graph, clock, slept };
}

describe('Graph API client', () => {
  it('pins the version, sends the token in the query string, fields comma-joined and objects as JSON', async () => {
    const { fetch, sent } = stub([{ body: { id: 'act_1' } }]);
    const { graph } = client(fetch);
    await graph.get('act_1/insights', {
      fields: ['spend', 'clicks'],
      time_range: { since: '2026-01-01', until: '2026-01-02' },
      breakdowns: ['x'],
      time_increment: 1,
    });
    const url = sent[0].url;
    expect(url.pathname).toBe('/v24.0/act_1/insights');
    expect(url.searchParams.get('fields')).toBe('spend,clicks');
    expect(url.searchParams.get('time_range')).toBe('{"since":"2026-01-01","until":"2026-01-02"}');
    expect(url.searchParams.get('breakdowns')).toBe('["x"]');
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
  });

  it('follows paging.next to the last page, with the current token, and only on its own origin', async () => {
    const next = (after: string) => `${BASE}/v24.0/act_1/campaigns?fields=id&limit=2&access_token=stale&after=${after}`;
    const { fetch, sent } = stub([
      { body: { data: [{ id: '1' }, { id: '2' }], paging: { cursors: { after: 'a' }, next: next('a') } } },
      { body: { data: [{ id: '3' }, { id: '4' }], paging: { cursors: { after: 'b' }, next: next('b') } } },
      { body: { data: [{ id: '5' }], paging: { cursors: { after: 'c' } } } },
    ]);
    const { graph } = client(fetch);
    const all = await graph.getAll<{ id: string }>('act_1/campaigns', { fields: ['id'] });
    expect(all.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(sent.map((s) => s.url.searchParams.get('after'))).toEqual([null, 'a', 'b']);
    expect(sent.every((s) => s.url.searchParams.get('access_token') === TOKEN)).toBe(true);
    expect(sent[0].url.searchParams.get('limit')).toBe('2');

    const elsewhere = stub([{ body: { data: [{ id: '1' }], paging: { next: 'https://evil.example/v24.0/x?after=a' } } }]);
    await expect(client(elsewhere.fetch).graph.getAll('act_1/campaigns')).rejects.toThrow(/not followed/);
    expect(elsewhere.sent).toHaveLength(1);
  });

  it('posts form-encoded bodies with the token in the body, not the URL, and never repeats a write', async () => {
    const { fetch, sent } = stub([{ status: 500, body: { error: { code: 2, message: 'Service temporarily unavailable' } } }]);
    const { graph } = client(fetch);
    await expect(graph.post('123', { daily_budget: '5500', execution_options: ['validate_only'] })).rejects.toMatchObject({ platformCode: 'TRANSIENT' });
    expect(sent).toHaveLength(1);
    const body = new URLSearchParams(sent[0].body);
    expect(body.get('daily_budget')).toBe('5500');
    expect(body.get('execution_options')).toBe('["validate_only"]');
    expect(body.get('access_token')).toBe(TOKEN);
    expect(sent[0].url.search).toBe('');
  });

  it('tries a read again after a passing failure, twice at most', async () => {
    const { fetch, sent } = stub([new TypeError('fetch failed'), { status: 500, body: { error: { code: 1, message: 'unknown' } } }, { body: { id: '1' } }]);
    const { graph, slept } = client(fetch);
    await expect(graph.get('1')).resolves.toEqual({ id: '1' });
    expect(sent).toHaveLength(3);
    expect(slept).toEqual([1000, 2000]);
  });

  it('after code 190 sends nothing more: every later call fails at once, until a new token', async () => {
    const { fetch, sent } = stub([
      {
        status: 400,
        body: { error: { code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired', type: 'OAuthException' } },
      },
    ]);
    const { graph } = client(fetch);
    await expect(graph.get('act_1/campaigns')).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED', retryable: false });
    await expect(graph.get('act_1/adsets')).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    await expect(graph.post('123', { status: 'PAUSED' })).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    expect(sent).toHaveLength(1);
    expect(graph.tokenDead).toBe(true);
    graph.setToken('EAAB-a-new-token-0123456789');
    await graph.get('me').catch(() => undefined);
    expect(sent).toHaveLength(2);
  });

  it('paces calls once a quota is past 75%: 8 s apart at 90%, none below', async () => {
    const { fetch } = stub([
      { body: {}, usage: { call_count: 50 } },
      { body: {}, usage: { call_count: 90 } },
      { body: {}, usage: { call_count: 90 } },
      { body: {}, usage: { total_time: 20 } },
    ]);
    const { graph, slept } = client(fetch);
    await graph.get('a');
    await graph.get('b');
    expect(slept).toEqual([]);
    await graph.get('c');
    await graph.get('d');
    expect(slept).toEqual([8000, 8000]);
    await graph.get('e');
    expect(slept).toHaveLength(2);
  });

  it('while Meta says the account is throttled, refuses calls without sending them, with the wait', async () => {
    const { fetch, sent } = stub([
      { status: 400, body: { error: { code: 80004, message: 'too many calls' } }, usage: { call_count: 100, estimated_time_to_regain_access: 3 } },
    ]);
    const { graph, clock } = client(fetch);
    const first = await graph.get('a').catch((e: MetaApiError) => e);
    expect(first).toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: 180_000 });
    clock.advance(60_000);
    await expect(graph.get('b')).rejects.toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: 120_000 });
    expect(sent).toHaveLength(1);
  });

  it('keeps the token out of every error message and log line', async () => {
    const log: string[] = [];
    const { fetch } = stub([
      new TypeError(`fetch failed`, { cause: new Error(`connect ECONNREFUSED for ${BASE}/v24.0/me?access_token=${TOKEN}`) }),
      { status: 400, body: { error: { code: 100, message: `bad value near access_token=${TOKEN}` } } },
    ]);
    const { graph } = client(fetch, { log });
    const errors: Error[] = [];
    for (let i = 0; i < 2; i++)
      errors.push(
        await graph.post('1', { status: 'ACTIVE' }).then(
          () => new Error('no error'),
          (e: Error) => e,
        ),
      );
    for (const error of errors) {
      expect(error).toBeInstanceOf(MetaApiError);
      expect(error.message).not.toContain(TOKEN);
    }
    expect(errors[0].message).toMatch(/ECONNREFUSED/);
    expect(log.join('\n')).not.toContain(TOKEN);
    expect(log.length).toBeGreaterThan(0);
  });
});
