import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedVault } from '@host/credentials/sealed-vault';
import type { Sealer } from '@host/keychain-vault';
import { MetaConnector } from '@host/meta-connect';
import type { CredentialVault } from '@host/credentials/vault';
import { tempDir } from '../../../integration/store/temp-dir';

const TOKEN = 'EAAG-sealed-vault-test-token';

/** A keychain stand-in: sealed text is not the text, and only this "keychain" opens it. */
function keychain(backend = 'gnome_libsecret', available = true): Sealer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => (calls.push('sync'), Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`)),
    decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
  };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

describe('the sealed vault of the app', () => {
  it('keeps each token sealed in a file of its own, readable by this user only, and gives it back', async () => {
    const folder = join(tmp.dir, 'credentials');
    const vault = sealedVault(keychain(), folder);
    await vault.write('meta:act_1', TOKEN);
    expect(await vault.read('meta:act_1')).toBe(TOKEN);
    expect(await vault.read('meta:act_2')).toBeUndefined();
    const [file] = readdirSync(folder);
    expect(readFileSync(join(folder, file)).includes(Buffer.from(TOKEN))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(folder, file)).mode & 0o077).toBe(0);
    expect(await vault.remove('meta:act_1')).toBe(true);
    expect(await vault.remove('meta:act_1')).toBe(false);
    expect(await vault.read('meta:act_1')).toBeUndefined();
  });

  it('uses the asynchronous API where Electron has it, and seals again when the keychain rotated its key', async () => {
    const sealer = keychain();
    let rotated = true;
    const asyncSealer: Sealer = {
      ...sealer,
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (text) => (sealer.calls.push('async'), Buffer.from(`v2:${text.split('').reverse().join('')}`)),
      decryptStringAsync: async (sealed) => {
        const text = sealed.toString();
        const result = text.startsWith('v2:') ? text.slice(3).split('').reverse().join('') : sealer.decryptString(sealed);
        const shouldReEncrypt = rotated && !text.startsWith('v2:');
        return { result, shouldReEncrypt };
      },
    };
    const folder = join(tmp.dir, 'credentials');
    await sealedVault(sealer, folder).write('meta:act_1', TOKEN);
    const vault = sealedVault(asyncSealer, folder);
    expect(await vault.read('meta:act_1')).toBe(TOKEN);
    rotated = false;
    expect(
      readFileSync(join(folder, readdirSync(folder)[0]))
        .toString()
        .startsWith('v2:'),
    ).toBe(true);
    expect(await vault.read('meta:act_1')).toBe(TOKEN);
    expect(sealer.calls).toEqual(['sync', 'async']);
  });

  it('says when Linux fell back to basic_text, and when no keychain answers at all', async () => {
    expect(await sealedVault(keychain(), tmp.dir).storage()).toEqual({ available: true, protected: true, where: "the operating system's keychain" });
    const basic = await sealedVault(keychain('basic_text'), tmp.dir).storage();
    expect(basic).toMatchObject({ available: true, protected: false });
    expect(basic.warning).toContain('obfuscated, not encrypted');
    const none = sealedVault(keychain('unknown', false), tmp.dir);
    expect(await none.storage()).toMatchObject({ available: false, warning: expect.stringContaining('No keychain answered') });
    await expect(none.write('meta:act_1', TOKEN)).rejects.toThrow('no keychain answered: the credential "meta:act_1" was not stored');
  });

  it('refuses an entry name that is not one', async () => {
    await expect(sealedVault(keychain(), tmp.dir).write('../escape', TOKEN)).rejects.toThrow('"../escape" is not a credential entry name');
  });
});

describe('keeping a connected token', () => {
  const unprotected = (): CredentialVault & { entries: Map<string, string> } => {
    const entries = new Map<string, string>();
    return {
      entries,
      read: async (entry) => entries.get(entry),
      write: async (entry, secret) => void entries.set(entry, secret),
      remove: async (entry) => entries.delete(entry),
      storage: async () => ({ available: true, protected: false, where: 'a file', warning: 'stored obfuscated, not encrypted' }),
    };
  };
  const connector = (vault: CredentialVault) => new MetaConnector({ apiBase: 'http://127.0.0.1:1', fetch, vault, log: () => undefined });

  it('keeps nothing where nothing protects it unless the operator agreed, and takes back what it kept', async () => {
    const vault = unprotected();
    await expect(connector(vault).store(TOKEN, 'act_1', false)).rejects.toThrow('stored obfuscated, not encrypted');
    expect(vault.entries.size).toBe(0);
    const forget = await connector(vault).store(TOKEN, 'act_1', true);
    expect(vault.entries.get('meta:act_1')).toBe(TOKEN);
    await forget();
    expect(vault.entries.size).toBe(0);
  });

  it('puts back the token an account had when a reconnection fails', async () => {
    const vault = unprotected();
    vault.entries.set('meta:act_1', 'EAAG-older-token');
    const forget = await connector(vault).store(TOKEN, 'act_1', true);
    await forget();
    expect(vault.entries.get('meta:act_1')).toBe('EAAG-older-token');
  });
});
