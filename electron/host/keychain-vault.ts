import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileVault, type KeyVault } from '../store/audit/signing-key';

/** What the app needs of Electron's safeStorage, whose key the operating system's keychain holds. */
export interface Sealer {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: `basic_text` means no keyring answered, and "encryption" is a fixed obfuscation. */
  getSelectedStorageBackend?(): string;
  /** The asynchronous API of newer Electron versions (the synchronous one is deprecated). */
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(text: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the keychain's key was rotated, and the text is to be sealed again with the new one. */
  decryptStringAsync?(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/**
 * The audit signing key in the app: sealed with the operating system's keychain (Keychain on
 * macOS, DPAPI on Windows, the Secret Service or KWallet on Linux), so that a copy of the user's
 * folder alone cannot sign. Where no keychain answers, it stays the plain 0600 file the command
 * line uses, said as such. A plain key file found from an earlier version is sealed and removed.
 */
export function keychainVault(sealer: Sealer, keyPath: string, warn: (message: string) => void): KeyVault {
  const sealedPath = `${keyPath}.sealed`;
  const plain = fileVault(keyPath);
  const sealing = () => sealer.isEncryptionAvailable() && sealer.getSelectedStorageBackend?.() !== 'basic_text';
  const seal = (pem: string, flag: 'wx' | 'w') => writeFileSync(sealedPath, sealer.encryptString(pem), { mode: 0o600, flag });

  return {
    where: `the operating system's keychain (${sealedPath})`,
    read() {
      if (existsSync(sealedPath)) return sealer.decryptString(readFileSync(sealedPath));
      const pem = plain.read();
      if (pem !== undefined && sealing()) {
        seal(pem, 'wx');
        rmSync(keyPath);
      }
      return pem;
    },
    create(pem) {
      if (sealing()) return seal(pem, 'wx');
      warn(`no keychain is available: the audit signing key is kept in ${keyPath}, readable by this user only`);
      plain.create(pem);
    },
    retire() {
      if (!existsSync(sealedPath)) return plain.retire();
      const aside = `${sealedPath}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(sealedPath, aside);
      return aside;
    },
  };
}
