import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { ask, readDb } from './serve-process';
import { MemoryKeyring, serveMeta, socketOf, TOKEN, unreachableKeyring, metaTestBed } from './meta-serve-fixture';
import type { Keyring } from '@host/credentials/keyring';

const bed = metaTestBed();

/** `acm serve` on the sandbox, reaching Meta at the fake for "Connect Meta account". */
async function serveSandbox(db: string, keyring: Keyring, env: Record<string, string> = {}) {
  const served = await serveMeta({ world: bed.world, args: { db, 'api-base': bed.world.fake.url }, keyring, env });
  if (!('url' in served)) throw new Error(served.lines.join('\n'));
  bed.running.push(served);
  const { socket } = await socketOf(served);
  bed.sockets.push(socket);
  return { served, socket };
}

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => 'answered',
    (error: Error) => error.message,
  );

describe('Connect Meta account', () => {
  it('checks a token: its user, its permissions and its ad accounts with currency, zone, status and what it may do there; nothing is kept', async () => {
    const keyring = new MemoryKeyring();
    const { socket } = await serveSandbox(bed.tmp.file('acm.db'), keyring);
    const check = await ask<MetaTokenCheck>(socket, 'workspaces.checkMetaToken', { token: TOKEN });
    expect(check.permissions).toEqual(expect.arrayContaining(['ads_read', 'ads_management']));
    expect(check.accounts).toHaveLength(1);
    expect(check.accounts[0]).toMatchObject({ name: 'Acme Shoes', currency: 'USD', timezone: 'America/New_York', status: 'active', canManage: true });
    expect(check.accounts[0].id).toMatch(/^act_\d+$/);
    expect(check.accounts[0].workspaceId).toBeUndefined();
    expect(check.storage).toEqual({ available: true, protected: true, where: "the operating system's keyring" });
    expect(keyring.entries.size).toBe(0);
  });

  it('refuses a token Meta refuses, in Meta’s words and without the token', async () => {
    const { socket } = await serveSandbox(bed.tmp.file('acm.db'), new MemoryKeyring());
    const wrong = `${TOKEN}-revoked`;
    const message = await refusal(ask(socket, 'workspaces.checkMetaToken', { token: wrong }));
    expect(message).toMatch(/^workspaces\.checkMetaToken: Meta refused the token: /);
    expect(message).not.toContain(wrong);
    expect(await refusal(ask(socket, 'workspaces.checkMetaToken', { token: 'two words' }))).toContain('holds spaces or characters an access token never has');
  });

  it('makes a workspace of each picked account, in its currency and zone, counting the chosen action; the token goes to the keyring only and opens it again after a restart', async () => {
    const keyring = new MemoryKeyring();
    const db = bed.tmp.file('acm.db');
    const first = await serveSandbox(db, keyring);
    const [account] = (await ask<MetaTokenCheck>(first.socket, 'workspaces.checkMetaToken', { token: TOKEN })).accounts;
    const connected = await ask<{ workspaces: WorkspaceSummary[]; failed: unknown[] }>(first.socket, 'workspaces.connectMeta', {
      token: TOKEN,
      accountIds: [account.id],
      conversionAction: 'offsite_conversion.fb_pixel_purchase',
    });
    expect(connected.failed).toEqual([]);
    expect(connected.workspaces).toHaveLength(1);
    const workspace = connected.workspaces[0];
    expect(workspace).toMatchObject({ id: 2, name: 'Acme Shoes', currency: 'USD', timezone: 'America/New_York' });
    expect(workspace.accounts).toEqual([expect.objectContaining({ platform: 'meta', name: 'Acme Shoes', connected: true })]);
    expect([...keyring.entries]).toEqual([[`meta:${account.id}`, TOKEN]]);

    const again = (await ask<MetaTokenCheck>(first.socket, 'workspaces.checkMetaToken', { token: TOKEN })).accounts[0];
    expect(again.workspaceId).toBe(2);
    expect(await refusal(ask(first.socket, 'workspaces.connectMeta', { token: TOKEN, accountIds: [account.id] }))).toContain(
      `Acme Shoes (${account.id}) is already connected in workspace 'Acme Shoes'`,
    );
    expect(await refusal(ask(first.socket, 'workspaces.connectMeta', { token: TOKEN, accountIds: ['act_999'] }))).toContain(
      'the token does not reach the ad account act_999',
    );

    await first.served.stop();
    bed.running = [];
    const file = `${db}.workspaces/2.db`;
    const row = readDb(file, (sqlite) => sqlite.prepare('SELECT platform, external_id, conversion_action FROM accounts').get());
    expect(row).toEqual({ platform: 'meta', external_id: account.id, conversion_action: 'offsite_conversion.fb_pixel_purchase' });
    for (const path of [db, file, `${file}-wal`]) if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(TOKEN))).toBe(false);

    keyring.reads = [];
    const second = await serveSandbox(db, keyring);
    const listed = await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list');
    expect(listed.find((w) => w.id === 2)?.accounts).toEqual([expect.objectContaining({ platform: 'meta', connected: true })]);
    expect(keyring.reads).toContain(`meta:${account.id}`);
    expect(second.served.lines.join('\n')).toContain('conversions are "offsite_conversion.fb_pixel_purchase" actions');
    expect([...first.served.lines, ...second.served.lines].join('\n')).not.toContain(TOKEN);
  });

  it('gives a workspace whose token Meta refused a new one, from the same dialog', async () => {
    const keyring = new MemoryKeyring();
    const db = bed.tmp.file('acm.db');
    const first = await serveSandbox(db, keyring);
    const [account] = (await ask<MetaTokenCheck>(first.socket, 'workspaces.checkMetaToken', { token: TOKEN })).accounts;
    await ask(first.socket, 'workspaces.connectMeta', { token: TOKEN, accountIds: [account.id] });
    await first.served.stop();
    bed.running = [];

    const renewed = 'acm-meta-renewed-token-5e6f7a8b';
    bed.world.fake.renewToken(renewed);
    const second = await serveSandbox(db, keyring);
    const workspace = async () => (await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list')).find((w) => w.id === 2);
    expect((await workspace())?.accounts[0]).toMatchObject({ platform: 'meta', connected: false });

    const listed = (await ask<MetaTokenCheck>(second.socket, 'workspaces.checkMetaToken', { token: renewed })).accounts[0];
    expect(listed).toMatchObject({ id: account.id, workspaceId: 2, needsReconnecting: true });
    const reconnected = await ask<{ workspaces: WorkspaceSummary[]; failed: unknown[] }>(second.socket, 'workspaces.connectMeta', {
      token: renewed,
      accountIds: [account.id],
    });
    expect(reconnected.failed).toEqual([]);
    expect(reconnected.workspaces).toEqual([expect.objectContaining({ id: 2, accounts: [expect.objectContaining({ platform: 'meta', connected: true })] })]);
    expect((await workspace())?.accounts[0]).toMatchObject({ connected: true });
    expect(await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list')).toHaveLength(2);
    expect(keyring.entries.get(`meta:${account.id}`)).toBe(renewed);
    expect(second.served.lines.join('\n')).not.toContain(renewed);
  });

  it('refuses a pick that names an account twice, keeping nothing', async () => {
    const keyring = new MemoryKeyring();
    const { socket } = await serveSandbox(bed.tmp.file('acm.db'), keyring);
    const [account] = (await ask<MetaTokenCheck>(socket, 'workspaces.checkMetaToken', { token: TOKEN })).accounts;
    const message = await refusal(ask(socket, 'workspaces.connectMeta', { token: TOKEN, accountIds: [account.id, account.id] }));
    expect(message).toContain('names an ad account twice');
    expect(keyring.entries.size).toBe(0);
    expect(await ask<WorkspaceSummary[]>(socket, 'workspaces.list')).toHaveLength(1);
  });

  it('says before anything is picked that no keyring answers, and connects nothing then', async () => {
    const { socket } = await serveSandbox(bed.tmp.file('acm.db'), unreachableKeyring);
    const check = await ask<MetaTokenCheck>(socket, 'workspaces.checkMetaToken', { token: TOKEN });
    expect(check.storage).toMatchObject({ available: false, warning: expect.stringContaining('no Secret Service') });
    const message = await refusal(ask(socket, 'workspaces.connectMeta', { token: TOKEN, accountIds: [check.accounts[0].id], storeUnprotected: true }));
    expect(message).toContain('give acm serve the token in ACM_META_TOKEN');
    expect(await ask<WorkspaceSummary[]>(socket, 'workspaces.list')).toHaveLength(1);
  });

  it('connects with the token the host has in ACM_META_TOKEN without keeping it anywhere, and finds it there after a restart', async () => {
    const db = bed.tmp.file('acm.db');
    const first = await serveSandbox(db, unreachableKeyring, { ACM_META_TOKEN: TOKEN });
    const check = await ask<MetaTokenCheck>(first.socket, 'workspaces.checkMetaToken', { token: TOKEN });
    expect(check.storage).toEqual({ available: true, protected: true, where: 'the environment of this host (ACM_META_TOKEN): nothing is stored' });
    const connected = await ask<{ workspaces: WorkspaceSummary[] }>(first.socket, 'workspaces.connectMeta', {
      token: TOKEN,
      accountIds: [check.accounts[0].id],
    });
    expect(connected.workspaces[0].accounts).toEqual([expect.objectContaining({ platform: 'meta', connected: true })]);
    await first.served.stop();
    bed.running = [];
    const second = await serveSandbox(db, unreachableKeyring, { ACM_META_TOKEN: TOKEN });
    const listed = await ask<WorkspaceSummary[]>(second.socket, 'workspaces.list');
    expect(listed.find((w) => w.id === 2)?.accounts).toEqual([expect.objectContaining({ platform: 'meta', connected: true })]);
  });
});
