import { describe, expect, it } from 'vitest';
import type { CommandIO } from '@cli/command';
import { main } from '@cli/main';
import type { FetchLike } from '@platforms/meta/graph-client';
import { ask, readDb } from './serve-process';
import { MemoryKeyring, serveMeta, socketOf, TOKEN, unreachableKeyring, metaTestBed } from './meta-serve-fixture';

const bed = metaTestBed();

function captureIO(): CommandIO & { errors: string[] } {
  const errors: string[] = [];
  return { errors, isTTY: false, out: () => undefined, err: (text) => errors.push(text) };
}

/** Node's fetch, but the token reaches two ad accounts. */
const twoAdAccounts: FetchLike = async (url, init) => {
  if (!new URL(url).pathname.endsWith('/me/adaccounts')) return fetch(url, init);
  const body = {
    data: [
      { id: 'act_1000000000001', name: 'Acme Shoes' },
      { id: 'act_2000000000002', name: 'Beta Bikes' },
    ],
    paging: { cursors: {} },
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
};

async function started(db: string | undefined, args: Record<string, string>, env: Record<string, string> = { ACM_META_TOKEN: TOKEN }) {
  const served = await serveMeta({ world: bed.world, args: { ...(db && { db }), 'api-base': bed.world.fake.url, ...args }, env });
  if (!('url' in served)) throw new Error(served.lines.join('\n'));
  bed.running.push(served);
  const { socket } = await socketOf(served);
  bed.sockets.push(socket);
  return { served, socket };
}

describe('acm serve --platform meta: its flags', () => {
  it.each([
    [['--platform', 'tiktok'], "--platform must be sandbox or meta or google, got 'tiktok'"],
    [['--platform', 'meta', '--api-base', 'ftp://127.0.0.1:1'], '--api-base must be an https URL'],
    [['--platform', 'meta', '--api-base', 'http://graph.example.com'], '--api-base must be an https URL'],
    [['--platform', 'meta', '--api-base', 'https://graph.facebook.com/v24.0'], '--api-base must be an https URL'],
    [['--platform', 'meta', '--account', '12ab'], "--account must be a Meta ad account id (act_ and digits), got '12ab'"],
    [['--platform', 'meta', '--scenario', 'x.json'], '--scenario is for the sandbox'],
    [['--platform', 'sandbox', '--account', 'act_1'], '--account is for --platform meta'],
    [['--platform', 'sandbox', '--conversion-action', 'lead'], '--conversion-action is for --platform meta'],
    [
      ['--platform', 'meta', '--conversion-action', 'Purchase Event'],
      "--conversion-action must be a Meta action type such as purchase or lead (letters, digits, _ . -), got 'Purchase Event'",
    ],
    [['--platform', 'meta', '--speed', '60'], '--speed: a real Meta ad account runs in real time'],
  ])('refuses %j with one line naming the flag and exit code 2', async (flags, message) => {
    const io = captureIO();
    expect(await main(['serve', ...flags], io)).toBe(2);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toContain(`acm serve: ${message}`);
  });
});

describe('acm serve --platform meta: connecting', () => {
  it("serves the token's only ad account: its row, and a workspace in its currency and zone", async () => {
    const db = bed.tmp.file('acm.db');
    const { socket } = await started(db, { platform: 'meta' });
    const [home] = await ask<{ name: string; currency: string; timezone: string; accounts: unknown[] }[]>(socket, 'workspaces.list');
    expect(home).toMatchObject({ name: 'Acme Shoes', currency: 'USD', timezone: 'America/New_York' });
    expect(home.accounts).toEqual([{ platform: 'meta', name: 'Acme Shoes', connected: true }]);
    const campaigns = await ask<{ name: string }[]>(socket, 'campaigns.list', {});
    expect(campaigns.map((c) => c.name)).toEqual(['Prospecting']);
    expect(readDb(db, (d) => d.prepare('SELECT platform, external_id AS externalId, name, currency, timezone FROM accounts').all())).toEqual([
      { platform: 'meta', externalId: bed.world.fake.account.id, name: 'Acme Shoes', currency: 'USD', timezone: 'America/New_York' },
    ]);
    expect(readDb(db, (d) => d.prepare('SELECT name, currency, timezone FROM workspace_profile').get())).toEqual({
      name: 'Acme Shoes',
      currency: 'USD',
      timezone: 'America/New_York',
    });
  }, 60_000);

  it('asks for --account when the token reaches several ad accounts, listing their ids and names only', async () => {
    const served = await serveMeta({
      world: bed.world,
      args: { db: bed.tmp.file('acm.db'), platform: 'meta', 'api-base': bed.world.fake.url },
      env: { ACM_META_TOKEN: TOKEN },
      fetch: twoAdAccounts,
    });
    expect(served).toMatchObject({ code: 2 });
    const said = served.lines.filter((l) => l.startsWith('acm serve:'));
    expect(said).toEqual([
      'acm serve: --account: the token from ACM_META_TOKEN reaches 2 ad accounts; name one: act_1000000000001 "Acme Shoes", act_2000000000002 "Beta Bikes"',
    ]);
    expect(readDb(bed.tmp.file('acm.db'), (d) => d.prepare('SELECT COUNT(*) FROM accounts').pluck().get())).toBe(0);
  }, 60_000);

  it('connects the ad account --account names, and refuses another one on the same database', async () => {
    const db = bed.tmp.file('acm.db');
    const { served } = await started(db, { platform: 'meta', account: bed.world.fake.account.id.slice(4) });
    bed.running = [];
    await served.stop();
    const other = await serveMeta({ world: bed.world, args: { db, 'api-base': bed.world.fake.url, account: 'act_42' }, env: { ACM_META_TOKEN: TOKEN } });
    expect(other).toMatchObject({ code: 1 });
    expect(other.lines.join('\n')).toContain(`is connected to Meta ad account "Acme Shoes" (${bed.world.fake.account.id}), not act_42`);
  }, 60_000);

  it('refuses --platform meta on a database served with the sandbox', async () => {
    const db = bed.tmp.file('acm.db');
    const sandbox = await serveMeta({ world: bed.world, args: { db, platform: 'sandbox', speed: '1' } });
    if (!('url' in sandbox)) throw new Error(sandbox.lines.join('\n'));
    await sandbox.stop();
    const meta = await serveMeta({ world: bed.world, args: { db, platform: 'meta', 'api-base': bed.world.fake.url }, env: { ACM_META_TOKEN: TOKEN } });
    expect(meta).toMatchObject({ code: 1 });
    expect(meta.lines.join('\n')).toMatch(/is connected to the sandbox account ".*", not to meta/);
  }, 60_000);

  it('says where it looked when there is no token, and that the keyring could not be reached', async () => {
    const empty = await serveMeta({ world: bed.world, args: { platform: 'meta', 'api-base': bed.world.fake.url }, keyring: new MemoryKeyring() });
    expect(empty).toMatchObject({ code: 1 });
    expect(empty.lines.join('\n')).toContain(
      'no Meta token: ACM_META_TOKEN is not set and the keyring has no entry "meta"; store one with "acm credentials set meta"',
    );
    const unreachable = await serveMeta({ world: bed.world, args: { platform: 'meta', 'api-base': bed.world.fake.url }, keyring: unreachableKeyring });
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.lines.join('\n')).toContain('no Meta token: ACM_META_TOKEN is not set and ');
    expect(unreachable.lines.join('\n')).toContain('no Secret Service');
  }, 60_000);

  it('refuses a token Meta does not take, saying where it came from and never what it is', async () => {
    const wrong = 'EAAG-not-the-right-token-1234567890';
    const served = await serveMeta({ world: bed.world, args: { platform: 'meta', 'api-base': bed.world.fake.url }, env: { ACM_META_TOKEN: wrong } });
    expect(served).toMatchObject({ code: 1 });
    const said = served.lines.join('\n');
    expect(said).toContain('Meta refused the token from ACM_META_TOKEN');
    expect(said).toContain('code 190');
    expect(said).not.toContain(wrong);
  }, 60_000);
});
