import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { FakeGoogleAdsServer, FAKE_GOOGLE_TEST_TOKEN, fakeGoogleWorld } from '@platforms/google/fake/index';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import type { GoogleClientStatus, GoogleSignIn } from '@shared/ipc/channels/google-connect';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { AcceleratedClock } from '@shared/time';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import { startHost, type RunningHost } from '@host/start-host';
import { tempDir } from '../store/temp-dir';
import { makeRendererDir, openSocket } from './host-fixture';
import { browser } from './google-oauth-fixture';
import { CUSTOMER_ID, DEVELOPER_TOKEN, oneCampaign, START } from './google-serve-fixture';
import { MemoryKeyring } from './meta-serve-fixture';
import { ask } from './serve-process';

const MANAGER = { id: '9876543210', name: 'Northwind Agency MCC' };

interface Bed {
  tmp: ReturnType<typeof tempDir>;
  clock: AcceleratedClock;
  fake: FakeGoogleAdsServer;
  keyring: MemoryKeyring;
  hosts: RunningHost[];
  sockets: WebSocket[];
  renderer: { dir: string; remove(): Promise<void> };
  /** Every message the host sent on any socket, as it came: answers and events. */
  received: string[];
}

const bed = {} as Bed;
beforeEach(async () => {
  bed.tmp = tempDir();
  // Real time: the fake's access tokens last an hour of its clock, longer than any test.
  bed.clock = new AcceleratedClock(START, 1);
  bed.fake = await FakeGoogleAdsServer.start({
    world: fakeGoogleWorld(oneCampaign(), bed.clock),
    clock: bed.clock,
    token: FAKE_GOOGLE_TEST_TOKEN,
    manager: MANAGER,
  });
  bed.keyring = new MemoryKeyring();
  bed.hosts = [];
  bed.sockets = [];
  bed.received = [];
  bed.renderer = await makeRendererDir();
});
afterEach(async () => {
  for (const socket of bed.sockets) socket.close();
  for (const host of bed.hosts) await host.close();
  await bed.fake.close();
  await bed.renderer.remove();
  bed.tmp.remove();
});

/** `acm serve` on the sandbox, as its command starts it, reaching Google at the fake for "Connect Google Ads account". */
async function serveSandbox(db: string): Promise<{ host: RunningHost; socket: WebSocket }> {
  const host = await startHost({
    port: 0,
    databasePath: db,
    rendererDir: bed.renderer.dir,
    meta: { env: {}, keyring: bed.keyring },
    google: { env: {}, keyring: bed.keyring, apiBase: bed.fake.url, oauthEndpoints: fakeGoogleOAuthEndpoints(bed.fake.url) },
    startClock: () => bed.clock,
    log: () => undefined,
  });
  bed.hosts.push(host);
  const { socket } = await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
  socket!.on('message', (data: WebSocket.RawData) => bed.received.push(data.toString()));
  bed.sockets.push(socket!);
  return { host, socket: socket! };
}

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => 'answered',
    (error: Error) => error.message,
  );

const CLIENT = { clientId: FAKE_GOOGLE_CLIENT_ID, clientSecret: FAKE_GOOGLE_CLIENT_SECRET, developerToken: DEVELOPER_TOKEN, accessLevel: 'basic' };

/** "Sign in with Google" as the page under acm serve does it: the host hands back the consent page, the page's browser goes there. */
async function signIn(socket: WebSocket, visit = browser()): Promise<GoogleSignIn> {
  const started = await ask<{ signInId: string; consentUrl: string; openedByHost: boolean }>(socket, 'workspaces.startGoogleSignIn');
  expect(started.openedByHost).toBe(false);
  const finished = ask<GoogleSignIn>(socket, 'workspaces.finishGoogleSignIn', { signInId: started.signInId });
  void visit.openExternal(started.consentUrl).catch(() => undefined);
  return finished;
}

describe('Connect Google Ads account', () => {
  it('keeps the OAuth client in the keyring, signs in through the browser, lists the manager and its client, and makes a workspace of the client', async () => {
    const db = bed.tmp.file('acm.db');
    const first = await serveSandbox(db);
    const before = await ask<GoogleClientStatus>(first.socket, 'workspaces.googleClient');
    expect(before).toMatchObject({ configured: false, developerToken: false });
    expect(await refusal(ask(first.socket, 'workspaces.startGoogleSignIn'))).toContain('no Google OAuth client is configured');

    const saved = await ask<GoogleClientStatus>(first.socket, 'workspaces.saveGoogleClient', CLIENT);
    expect(saved).toMatchObject({ configured: true, clientId: FAKE_GOOGLE_CLIENT_ID, developerToken: true, accessLevel: 'basic' });
    expect(bed.keyring.entries.has('google_client')).toBe(true);

    const signedIn = await signIn(first.socket);
    expect(signedIn.customers).toEqual([
      expect.objectContaining({ id: MANAGER.id, name: MANAGER.name, manager: true }),
      {
        id: CUSTOMER_ID,
        name: 'Maple Outdoors',
        currency: 'CAD',
        timezone: 'America/Chicago',
        manager: false,
        loginCustomerId: MANAGER.id,
        managerName: MANAGER.name,
      },
    ]);
    expect(signedIn.storage).toMatchObject({ available: true, protected: true });
    // Nothing is kept before customers are picked.
    expect([...bed.keyring.entries.keys()]).toEqual(['google_client']);

    const { signInId } = signedIn;
    expect(await refusal(ask(first.socket, 'workspaces.connectGoogle', { signInId, customerIds: [MANAGER.id] }))).toContain(
      `${MANAGER.name} (987-654-3210) is a manager account, which has no campaigns of its own`,
    );
    expect(await refusal(ask(first.socket, 'workspaces.connectGoogle', { signInId, customerIds: ['111-222-3333'] }))).toContain(
      'the Google sign-in does not reach the Google Ads customer 111-222-3333',
    );
    const connected = await ask<{ workspaces: WorkspaceSummary[]; failed: unknown[] }>(first.socket, 'workspaces.connectGoogle', {
      signInId,
      customerIds: ['123-456-7890'],
    });
    expect(connected.failed).toEqual([]);
    expect(connected.workspaces).toEqual([
      expect.objectContaining({
        id: 2,
        name: 'Maple Outdoors',
        currency: 'CAD',
        timezone: 'America/Chicago',
        accounts: [expect.objectContaining({ platform: 'google', connected: true })],
      }),
    ]);
    const refreshToken = bed.keyring.entries.get(`google:${CUSTOMER_ID}`);
    expect(refreshToken).toMatch(/\S{16,}/);
    expect(bed.keyring.entries.get(`google_login:${CUSTOMER_ID}`)).toBe(MANAGER.id);
    // The customer was read through its manager, as Google requires.
    expect(bed.fake.requests.filter((r) => r.path === `customers/${CUSTOMER_ID}/googleAds:searchStream`).every((r) => r.loginCustomerId === MANAGER.id)).toBe(
      true,
    );
    // The sign-in is used up.
    expect(await refusal(ask(first.socket, 'workspaces.connectGoogle', { signInId, customerIds: [CUSTOMER_ID] }))).toContain('this Google sign-in is over');

    const again = await signIn(first.socket);
    expect(again.customers.find((c) => c.id === CUSTOMER_ID)?.workspaceId).toBe(2);
    expect(await refusal(ask(first.socket, 'workspaces.connectGoogle', { signInId: again.signInId, customerIds: [CUSTOMER_ID] }))).toContain(
      "Maple Outdoors (123-456-7890) is already connected in workspace 'Maple Outdoors'",
    );
    await ask(first.socket, 'workspaces.cancelGoogleSignIn', { signInId: again.signInId });

    await first.host.close();
    bed.hosts = [];
    const secrets = [refreshToken!, FAKE_GOOGLE_CLIENT_SECRET, DEVELOPER_TOKEN];
    const file = `${db}.workspaces/2.db`;
    for (const path of [db, `${db}-wal`, file, `${file}-wal`]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    for (const secret of secrets) expect(bed.received.join('\n')).not.toContain(secret);

    // After a restart the workspace opens again with what the keyring keeps, through its manager.
    bed.keyring.reads = [];
    const second = await serveSandbox(db);
    const listed = await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list');
    expect(listed.find((w) => w.id === 2)?.accounts).toEqual([expect.objectContaining({ platform: 'google', connected: true })]);
    expect(bed.keyring.reads).toEqual(expect.arrayContaining([`google:${CUSTOMER_ID}`, `google_login:${CUSTOMER_ID}`, 'google_client']));
  });

  it('signs a workspace whose sign-in Google refused in again, from the same dialog', async () => {
    const db = bed.tmp.file('acm.db');
    const first = await serveSandbox(db);
    await ask(first.socket, 'workspaces.saveGoogleClient', CLIENT);
    const { signInId } = await signIn(first.socket);
    await ask(first.socket, 'workspaces.connectGoogle', { signInId, customerIds: [CUSTOMER_ID] });
    const revoked = bed.keyring.entries.get(`google:${CUSTOMER_ID}`)!;
    await first.host.close();
    bed.hosts = [];

    expect(bed.fake.oauth.revokeRefreshToken(revoked)).toBe(true);
    const second = await serveSandbox(db);
    const account = async () => (await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list')).find((w) => w.id === 2)?.accounts[0];
    expect(await account()).toMatchObject({ platform: 'google', connected: false, reason: expect.stringContaining('invalid_grant') });

    const again = await signIn(second.socket);
    expect(again.customers.find((c) => c.id === CUSTOMER_ID)).toMatchObject({ workspaceId: 2, needsReconnecting: true });
    const reconnected = await ask<{ workspaces: WorkspaceSummary[]; failed: unknown[] }>(second.socket, 'workspaces.connectGoogle', {
      signInId: again.signInId,
      customerIds: [CUSTOMER_ID],
    });
    expect(reconnected.failed).toEqual([]);
    expect(reconnected.workspaces).toEqual([expect.objectContaining({ id: 2, accounts: [expect.objectContaining({ platform: 'google', connected: true })] })]);
    expect(await account()).toMatchObject({ connected: true });
    expect(await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list')).toHaveLength(2);
    expect(bed.keyring.entries.get(`google:${CUSTOMER_ID}`)).not.toBe(revoked);
  });

  it('says plainly when consent was refused at Google, and when a sign-in was cancelled; nothing is kept', async () => {
    const { socket } = await serveSandbox(bed.tmp.file('acm.db'));
    await ask(socket, 'workspaces.saveGoogleClient', CLIENT);
    const denied = browser((location) => {
      const back = new URL(location.origin + location.pathname);
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', location.searchParams.get('state') ?? '');
      return back;
    });
    expect(await refusal(signIn(socket, denied))).toContain("access was not granted at Google's consent page");
    await denied.finished();

    const { signInId } = await ask<{ signInId: string }>(socket, 'workspaces.startGoogleSignIn');
    expect(await ask(socket, 'workspaces.cancelGoogleSignIn', { signInId })).toEqual({ cancelled: true });
    expect(await refusal(ask(socket, 'workspaces.finishGoogleSignIn', { signInId }))).toContain('this Google sign-in is over');
    expect([...bed.keyring.entries.keys()]).toEqual(['google_client']);
    expect(await ask<WorkspaceSummary[]>(socket, 'workspaces.list')).toHaveLength(1);
  });
});
