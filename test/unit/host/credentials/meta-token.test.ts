import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { osKeyring, type Keyring } from '@host/credentials/keyring';
import { findMetaToken, metaKeyringEntry } from '@host/credentials/meta-token';
import { Secret } from '@host/credentials/secret';

const TOKEN = 'EAAG-unit-test-token-5e6f7a8b9c0d';

function keyringWith(entries: Record<string, string>): Keyring & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (entry) => {
      reads.push(entry);
      return entries[entry];
    },
    write: async () => undefined,
    remove: async () => false,
  };
}

describe('the Meta token of the headless host', () => {
  it('comes from ACM_META_TOKEN first, without asking the keyring', async () => {
    const keyring = keyringWith({ meta: 'EAAG-from-the-keyring-000000' });
    const found = await findMetaToken({ env: { ACM_META_TOKEN: ` ${TOKEN}\n` }, keyring }, 'act_1');
    expect(found.token.reveal()).toBe(TOKEN);
    expect(found.from).toBe('ACM_META_TOKEN');
    expect(keyring.reads).toEqual([]);
  });

  it("comes from the ad account's own keyring entry, else the entry for every account", async () => {
    const own = await findMetaToken({ env: {}, keyring: keyringWith({ 'meta:act_1': TOKEN, meta: 'EAAG-shared-token-0000000' }) }, 'act_1');
    expect(own).toMatchObject({ from: 'the keyring entry "meta:act_1"' });
    expect(own.token.reveal()).toBe(TOKEN);
    const shared = keyringWith({ meta: TOKEN });
    expect((await findMetaToken({ env: { ACM_META_TOKEN: '' }, keyring: shared }, 'act_1')).from).toBe('the keyring entry "meta"');
    expect(shared.reads).toEqual([metaKeyringEntry('act_1'), metaKeyringEntry()]);
  });

  it('says where it looked when there is none, and how to store one', async () => {
    await expect(findMetaToken({ env: {}, keyring: keyringWith({}) }, 'act_7')).rejects.toThrow(
      'no Meta token: ACM_META_TOKEN is not set and the keyring has no entry "meta:act_7" nor "meta"; store one with "acm credentials set meta --account act_7" or set ACM_META_TOKEN',
    );
  });

  it('says the keyring could not be reached, in its own words', async () => {
    const broken: Keyring = { read: () => Promise.reject(new Error('the keyring is locked')), write: async () => undefined, remove: async () => false };
    await expect(findMetaToken({ env: {}, keyring: broken })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('the keyring is locked'),
    });
  });

  it('refuses a token with spaces inside, naming where it came from and not what it is', async () => {
    const pasted = 'EAAG-first-half second-half';
    const refusal = findMetaToken({ env: { ACM_META_TOKEN: pasted }, keyring: keyringWith({}) });
    await expect(refusal).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('the Meta token from ACM_META_TOKEN holds spaces') });
    await expect(refusal).rejects.not.toThrow(/first-half|second-half/);
  });
});

describe('a secret in memory', () => {
  it('prints as [secret] however it is printed; only reveal gives it', () => {
    const secret = new Secret(TOKEN);
    const printed = [String(secret), `${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ nested: { secret } })];
    for (const text of printed) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify({ secret })).toBe('{"secret":"[secret]"}');
    expect(secret.reveal()).toBe(TOKEN);
  });
});

describe("the operating system's keyring", () => {
  it('loads the native module and reads a missing entry as nothing, or says the keyring cannot be reached', async () => {
    const keyring = osKeyring('dev.acm.agentic-campaign-manager.test');
    const read = await keyring.read(`missing-${process.pid}-${Date.now()}`).then(
      (value) => ({ value }),
      (error: { code?: string; message: string }) => ({ error }),
    );
    if ('value' in read) expect(read.value).toBeUndefined();
    else expect(read.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining("the operating system's keyring could not read the entry") });
  });
});
