import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGoogleOAuth, FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { ManualClock } from '@shared/time';
import { Secret } from '@host/credentials/secret';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import type { OAuthFetch } from '@host/google-oauth/token-endpoint';

/** A path a test asks with a Bearer token: 200 when the fake's OAuth side accepts it, 401 otherwise, as the API's routes will. */
export const PROBE_PATH = '/probe';

export interface FakeOAuthBed {
  oauth: FakeGoogleOAuth;
  clock: ManualClock;
  origin: string;
  /** The options every app-side piece takes to reach the fake with its documented client. */
  app: { client: { clientId: string; clientSecret: Secret }; endpoints: ReturnType<typeof fakeGoogleOAuthEndpoints>; fetch: OAuthFetch };
  /** Every request the app side made to the fake: method and path. */
  sent: string[];
  close(): Promise<void>;
}

/**
 * FakeGoogleOAuth behind a bare HTTP server on 127.0.0.1, standing in for the fake's full server:
 * every request is offered to `handle` first, as that server does.
 */
export async function fakeOAuthBed(accessTokenLifetimeSeconds = 3600): Promise<FakeOAuthBed> {
  const clock = new ManualClock(Date.UTC(2026, 2, 1, 12));
  const oauth = new FakeGoogleOAuth({ now: () => clock.now(), accessTokenLifetimeSeconds });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void oauth.handle(req, res, url).then((served) => {
      if (served) return;
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      res.writeHead(url.pathname === PROBE_PATH && bearer !== undefined && oauth.acceptsAccessToken(bearer) ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sent: string[] = [];
  const fetchSpy: OAuthFetch = (url, init) => {
    sent.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  return {
    oauth,
    clock,
    origin,
    sent,
    app: {
      client: { clientId: FAKE_GOOGLE_CLIENT_ID, clientSecret: new Secret(FAKE_GOOGLE_CLIENT_SECRET) },
      endpoints: fakeGoogleOAuthEndpoints(origin),
      fetch: fetchSpy,
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The system browser of a test: it follows Google's redirect back to the loopback address, as a person's would after consenting. */
export function browser(rewriteRedirect: (location: URL) => URL = (location) => location) {
  const pages: { status: number; text: string }[] = [];
  const journeys: Promise<void>[] = [];
  const visit = async (url: string) => {
    const consent = await fetch(url, { redirect: 'manual' });
    const location = consent.headers.get('location');
    if (consent.status !== 302 || location === null) throw new Error(`the consent page answered ${consent.status}: ${await consent.text()}`);
    const back = await fetch(rewriteRedirect(new URL(location)));
    pages.push({ status: back.status, text: await back.text() });
  };
  const openExternal = (url: string) => {
    const journey = visit(url);
    journeys.push(journey);
    return journey;
  };
  /** The browser goes its own way: a sign-in the app refused still shows the browser a page, a moment later. */
  const finished = async () => {
    await Promise.allSettled(journeys);
  };
  return { openExternal, pages, finished };
}
