import { describe, expect, it } from 'vitest';
import { keyringVault } from '@host/credentials/vault';
import { GOOGLE_CLIENT_ENTRY, googleOperatorSource } from '@host/google-operator';
import type { Keyring } from '@host/credentials/keyring';

class MemoryKeyring implements Keyring {
  readonly entries = new Map<string, string>();
  async read(entry: string) {
    return this.entries.get(entry);
  }
  async write(entry: string, secret: string) {
    this.entries.set(entry, secret);
  }
  async remove(entry: string) {
    return this.entries.delete(entry);
  }
}

const SECRET = 'made-up-client-secret-42';
const DEVELOPER_TOKEN = 'dev-token-0123456789abcdef';
const save = {
  clientId: '1234-abc.apps.googleusercontent.com',
  clientSecret: SECRET,
  developerToken: DEVELOPER_TOKEN,
  accessLevel: 'basic' as const,
  storeUnprotected: false,
};

describe("the operator's Google OAuth client", () => {
  it('is refused naming where to enter it while none is configured', async () => {
    const source = googleOperatorSource({ vault: keyringVault(new MemoryKeyring()) });
    expect(await source.status()).toMatchObject({ configured: false, developerToken: false, accessLevel: 'explorer' });
    await expect(source.credentials()).rejects.toThrow('no Google OAuth client is configured: enter the client id and secret');
  });

  it('is kept in the vault as one entry, its status saying the id and whether there is a developer token, never a secret', async () => {
    const keyring = new MemoryKeyring();
    const source = googleOperatorSource({ vault: keyringVault(keyring) });
    const status = await source.save(save);
    expect(status).toMatchObject({ configured: true, clientId: save.clientId, developerToken: true, accessLevel: 'basic' });
    expect(JSON.stringify(status)).not.toContain(SECRET);
    expect(JSON.stringify(status)).not.toContain(DEVELOPER_TOKEN);
    expect([...keyring.entries.keys()]).toEqual([GOOGLE_CLIENT_ENTRY]);
    const credentials = await source.credentials();
    expect(credentials.client.clientSecret.reveal()).toBe(SECRET);
    expect(credentials.developerToken?.reveal()).toBe(DEVELOPER_TOKEN);
    expect(credentials.accessLevel).toBe('basic');
    expect(String(credentials.client.clientSecret)).toBe('[secret]');
  });

  it("takes the headless host's environment over the vault, with the flags' access level", async () => {
    const keyring = new MemoryKeyring();
    const env = { ACM_GOOGLE_CLIENT_ID: 'env-client.apps.googleusercontent.com', ACM_GOOGLE_CLIENT_SECRET: 'env-secret-value' };
    await googleOperatorSource({ vault: keyringVault(keyring) }).save(save);
    const source = googleOperatorSource({ vault: keyringVault(keyring), env, accessLevel: 'explorer' });
    const credentials = await source.credentials();
    expect(credentials.client.clientId).toBe(env.ACM_GOOGLE_CLIENT_ID);
    expect(credentials.developerToken).toBeUndefined();
    expect(credentials.accessLevel).toBe('explorer');
    expect(await source.status()).toMatchObject({
      configured: true,
      clientId: env.ACM_GOOGLE_CLIENT_ID,
      from: expect.stringContaining('ACM_GOOGLE_CLIENT_ID'),
    });
  });

  it('keeps nothing where the vault does not protect it unless told to', async () => {
    const keyring = new MemoryKeyring();
    const vault = {
      ...keyringVault(keyring),
      storage: async () => ({ available: true, protected: false, where: 'a test keychain', warning: 'only obfuscated' }),
    };
    const source = googleOperatorSource({ vault });
    await expect(source.save(save)).rejects.toThrow('only obfuscated');
    expect(keyring.entries.size).toBe(0);
    await source.save({ ...save, storeUnprotected: true });
    expect(keyring.entries.size).toBe(1);
  });
});
