import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AcmError } from '@shared/errors';
import type { Sealer } from '../keychain-vault';
import type { CredentialVault } from './vault';

/** The folder under userData where sealed credentials live, one file per keyring entry. */
export const SEALED_FOLDER = 'credentials';

const fileName = (entry: string) => {
  if (!/^[a-z0-9_:]+$/i.test(entry)) throw new AcmError('INVALID_INPUT', `"${entry}" is not a credential entry name`);
  return `${entry.replace(/:/g, '--')}.sealed`;
};

/**
 * The app's credentials, each sealed with Electron's safeStorage (its key held by the operating
 * system's keychain) in a file of its own readable by this user only: a copy of the folder alone
 * opens nothing. The asynchronous API is used where the Electron version has it. Where the
 * keychain is missing (Linux with no keyring: the `basic_text` backend) the sealing is a fixed
 * obfuscation, which `storage()` says before anything is stored.
 */
export function sealedVault(sealer: Sealer, folder: string): CredentialVault {
  const path = (entry: string) => join(folder, fileName(entry));
  const asyncApi = sealer.encryptStringAsync && sealer.decryptStringAsync && sealer.isAsyncEncryptionAvailable;
  const encrypt = async (text: string) => (asyncApi ? sealer.encryptStringAsync!(text) : sealer.encryptString(text));
  const decrypt = async (sealed: Buffer) => (asyncApi ? sealer.decryptStringAsync!(sealed) : { result: sealer.decryptString(sealed), shouldReEncrypt: false });
  const available = async () => (asyncApi ? sealer.isAsyncEncryptionAvailable!() : sealer.isEncryptionAvailable());
  const seal = async (file: string, secret: string) => {
    const staged = `${file}.${process.pid}.tmp`;
    await writeFile(staged, await encrypt(secret), { mode: 0o600 });
    await rename(staged, file);
  };
  const where = "the operating system's keychain";
  return {
    async storage() {
      if (!(await available())) {
        return {
          available: false,
          protected: false,
          where,
          warning: 'No keychain answered: the token cannot be stored. Unlock or install a keyring (GNOME Keyring, KWallet) and try again.',
        };
      }
      if (sealer.getSelectedStorageBackend?.() === 'basic_text') {
        return {
          available: true,
          protected: false,
          where,
          warning:
            'No keyring answered (GNOME Keyring or KWallet): the token would be stored obfuscated, not encrypted, and anyone who can read your files could use it. Unlock or install a keyring, or store it anyway.',
        };
      }
      return { available: true, protected: true, where };
    },
    async read(entry) {
      const file = path(entry);
      if (!existsSync(file)) return undefined;
      let opened: { result: string; shouldReEncrypt: boolean };
      try {
        opened = await decrypt(await readFile(file));
      } catch (error) {
        throw new AcmError('UNAVAILABLE', `the keychain could not open the credential "${entry}": ${(error as Error).message}`);
      }
      if (opened.shouldReEncrypt) await seal(file, opened.result);
      return opened.result;
    },
    async write(entry, secret) {
      if (!(await available())) throw new AcmError('UNAVAILABLE', `no keychain answered: the credential "${entry}" was not stored`);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await seal(path(entry), secret);
    },
    async remove(entry) {
      const file = path(entry);
      if (!existsSync(file)) return false;
      await rm(file);
      return true;
    },
  };
}
