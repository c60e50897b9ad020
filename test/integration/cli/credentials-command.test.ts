import { describe, expect, it } from 'vitest';
import type { CommandIO } from '@cli/command';
import { createCredentialsCommands } from '@cli/commands/credentials';
import { MemoryKeyring } from '../host/meta-serve-fixture';

const TOKEN = 'EAAG-credentials-test-token-1a2b3c4d';

function captureIO(): CommandIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, isTTY: false, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

function commands(keyring: MemoryKeyring, typed = `${TOKEN}\n`) {
  const [set, remove] = createCredentialsCommands({ keyring, readSecret: async () => typed });
  return { set, remove };
}

describe('acm credentials', () => {
  it("stores the token read from standard input in the keyring, under the account's entry or the shared one, and never prints it", async () => {
    const keyring = new MemoryKeyring();
    const { set } = commands(keyring);
    const io = captureIO();
    expect(await set.run({ values: {}, positionals: ['meta'] }, io)).toBe(0);
    expect(await set.run({ values: { account: '1234' }, positionals: ['meta'] }, io)).toBe(0);
    expect(Object.fromEntries(keyring.entries)).toEqual({ meta: TOKEN, 'meta:act_1234': TOKEN });
    expect(io.lines).toEqual([
      'Stored the Meta token in the keyring entry "meta". acm serve --platform meta uses it unless ACM_META_TOKEN is set.',
      'Stored the Meta token in the keyring entry "meta:act_1234". acm serve --platform meta uses it unless ACM_META_TOKEN is set.',
    ]);
  });

  it('removes an entry, and says when there was none', async () => {
    const keyring = new MemoryKeyring();
    keyring.entries.set('meta', TOKEN);
    const { remove } = commands(keyring);
    const io = captureIO();
    expect(await remove.run({ values: {}, positionals: ['meta'] }, io)).toBe(0);
    expect(await remove.run({ values: {}, positionals: ['meta'] }, io)).toBe(0);
    expect(io.lines).toEqual(['Removed the keyring entry "meta".', 'The keyring has no entry "meta"; nothing to remove.']);
    expect(keyring.entries.size).toBe(0);
  });

  it('refuses a platform it does not know, a bad account id and a token with spaces, storing nothing', async () => {
    const keyring = new MemoryKeyring();
    const { set } = commands(keyring, 'EAAG-one-half other-half');
    await expect(set.run({ values: {}, positionals: ['tiktok'] }, captureIO())).rejects.toThrow("expects the platform whose token it is: 'meta' or 'google'");
    await expect(set.run({ values: { account: 'acme' }, positionals: ['meta'] }, captureIO())).rejects.toThrow('--account must be a Meta ad account id');
    await expect(set.run({ values: {}, positionals: ['meta'] }, captureIO())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'the Meta token from standard input holds spaces or characters an access token never has',
    });
    expect(keyring.entries.size).toBe(0);
  });
});
