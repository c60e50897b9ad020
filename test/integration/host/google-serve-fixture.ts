import { afterEach, beforeEach } from 'vitest';
import type WebSocket from 'ws';
import { FakeGoogleAdsServer, FAKE_GOOGLE_TEST_TOKEN, fakeGoogleWorld } from '@platforms/google/fake/index';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { Secret } from '@host/credentials/secret';
import { connectGoogle } from '@host/google-oauth/connect-google';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import { AcceleratedClock, type Clock } from '@shared/time';
import { makeScenario } from '../../unit/platforms/sandbox/make-scenario';
import { tempDir } from '../store/temp-dir';
import { browser } from './google-oauth-fixture';
import { serveMeta, SPEED, type ServedMeta } from './meta-serve-fixture';

export const CUSTOMER_ID = '1234567890';
export const DEVELOPER_TOKEN = 'acm-test-developer-token-7f3e9a';

/** Ten at night in Chicago: the agents' first daily review comes two account hours, two real seconds, into a test. */
export const START = Date.UTC(2026, 2, 21, 3, 0);

/** One campaign in Chicago, in Canadian dollars: neither is a default, so the workspace can only have them from the customer. */
export const oneCampaign = () =>
  makeScenario({
    name: 'Maple Outdoors',
    timezone: 'America/Chicago',
    currency: 'CAD',
    days: 30,
    campaigns: [{ name: 'Search - Tents', dailyBudget: 100, response: { maxConversions: 60, halfSaturationSpend: 200 } }],
  });

export interface GoogleBed {
  tmp: ReturnType<typeof tempDir>;
  clock: AcceleratedClock;
  fake: FakeGoogleAdsServer;
  /** The refresh token the fake granted to a sign-in through its consent page, as a person's would be. */
  refreshToken: string;
  running: ServedMeta[];
  sockets: WebSocket[];
}

/**
 * A fresh fake Google Ads API on 127.0.0.1 (with a manager account above the customer when given)
 * and a signed-in refresh token before each test of the file, all stopped and removed after. The
 * account's clock runs SPEED times the `real` one (the system's by default).
 */
export function googleTestBed(manager?: { id: string; name: string }, real?: Clock): GoogleBed {
  const bed = {} as GoogleBed;
  beforeEach(async () => {
    bed.tmp = tempDir();
    bed.clock = new AcceleratedClock(START, SPEED, real);
    bed.fake = await FakeGoogleAdsServer.start({ world: fakeGoogleWorld(oneCampaign(), bed.clock), clock: bed.clock, token: FAKE_GOOGLE_TEST_TOKEN, manager });
    const signIn = await connectGoogle({
      client: { clientId: FAKE_GOOGLE_CLIENT_ID, clientSecret: new Secret(FAKE_GOOGLE_CLIENT_SECRET) },
      endpoints: fakeGoogleOAuthEndpoints(bed.fake.url),
      openExternal: browser().openExternal,
    });
    bed.refreshToken = signIn.refreshToken.reveal();
    bed.running = [];
    bed.sockets = [];
  });
  afterEach(async () => {
    for (const socket of bed.sockets) socket.close();
    for (const served of bed.running) await served.stop();
    await bed.fake.close();
    bed.tmp.remove();
  });
  return bed;
}

/** What `acm serve --platform google` reads from its environment, for the fake's documented OAuth client. */
export function googleEnv(bed: GoogleBed): Record<string, string> {
  return {
    ACM_GOOGLE_REFRESH_TOKEN: bed.refreshToken,
    ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
    ACM_GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
    ACM_GOOGLE_DEVELOPER_TOKEN: DEVELOPER_TOKEN,
  };
}

/** The flags of `acm serve --platform google` against the bed's fake. */
export function googleArgs(bed: GoogleBed, extra: Record<string, string> = {}): Record<string, string> {
  return { platform: 'google', 'customer-id': CUSTOMER_ID, 'api-base': bed.fake.url, 'oauth-base': bed.fake.url, 'access-level': 'basic', ...extra };
}

/** `acm serve --platform google` in this process; fails the test with the host's own words if it did not start. */
export async function serveGoogle(bed: GoogleBed, args: Record<string, string>, env: Record<string, string | undefined> = googleEnv(bed)): Promise<ServedMeta> {
  const served = await serveMeta({ world: bed, args, env });
  if (!('url' in served)) throw new Error(served.lines.join('\n'));
  bed.running.push(served);
  return served;
}
