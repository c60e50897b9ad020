import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keychainVault, type Sealer } from '@host/keychain-vault';
import { openDatabase } from '@store/index';
import { newKeyPem } from '@store/audit/signing-key';

const keychain = (backend = 'gnome_libsecret'): Sealer => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(text).reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
});

let dir: string;
let warnings: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-keychain-'));
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const keyPath = () => join(dir, 'acm.db.audit-key');

describe('the audit key in the app', () => {
  it('is sealed by the keychain: the file on disk is not the key, and the store signs with it', () => {
    const store = openDatabase({ path: join(dir, 'acm.db'), keyVault: keychainVault(keychain(), keyPath(), (w) => warnings.push(w)) });
    store.alerts.raise({ createdAt: 0, severity: 'info', kind: 'audit', message: 'something to sign' });
    store.audit.checkpoint();
    store.close();
    expect(existsSync(keyPath())).toBe(false);
    const sealed = readFileSync(`${keyPath()}.sealed`);
    expect(sealed.toString()).not.toContain('PRIVATE KEY');
    expect(statSync(`${keyPath()}.sealed`).mode & 0o777).toBe(0o600);
    expect(openDatabase({ path: join(dir, 'acm.db'), readonly: true, keyVault: keychainVault(keychain(), keyPath(), () => {}) }).audit.verify()).toMatchObject({
      ok: true,
    });
  });

  it('seals a plain key file left by an earlier version, and removes the plain copy', () => {
    const pem = newKeyPem();
    writeFileSync(keyPath(), pem, { mode: 0o600 });
    const vault = keychainVault(keychain(), keyPath(), (w) => warnings.push(w));
    expect(vault.read()).toBe(pem);
    expect(existsSync(keyPath())).toBe(false);
    expect(vault.read()).toBe(pem);
  });

  it('keeps the plain 0600 file, and says so, where no keychain answers', () => {
    const vault = keychainVault(keychain('basic_text'), keyPath(), (w) => warnings.push(w));
    vault.create(newKeyPem());
    expect(statSync(keyPath()).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyPath()}.sealed`)).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('no keychain is available')]);
  });
});
