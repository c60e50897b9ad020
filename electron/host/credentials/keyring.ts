import { AcmError } from '@shared/errors';

/** The operating system's credential store, as the host uses it: one secret per named entry of the app's service. */
export interface Keyring {
  /** Undefined when the entry does not exist. */
  read(entry: string): Promise<string | undefined>;
  write(entry: string, secret: string): Promise<void>;
  /** Whether there was an entry to remove. */
  remove(entry: string): Promise<boolean>;
}

/** The service the app's entries are filed under (its application id). */
export const KEYRING_SERVICE = 'dev.acm.agentic-campaign-manager';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The keyring through @napi-rs/keyring: the macOS Keychain, the Windows Credential Manager, or on
 * Linux the Secret Service (GNOME Keyring, KWallet) and else the kernel's keyring. The native module
 * is loaded at the first use, so a host that never needs it never loads it; a keyring that cannot
 * be reached is an UNAVAILABLE error naming the entry and the operating system's reason (never a secret).
 */
export function osKeyring(service = KEYRING_SERVICE): Keyring {
  const open = async (entry: string) => {
    let module: typeof import('@napi-rs/keyring');
    try {
      module = await import('@napi-rs/keyring');
    } catch (error) {
      throw new AcmError('UNAVAILABLE', `the keyring module (@napi-rs/keyring) cannot be loaded on this machine: ${reason(error)}`);
    }
    return new module.AsyncEntry(service, entry);
  };
  const attempt = async <T>(what: string, entry: string, act: () => Promise<T>): Promise<T> => {
    try {
      return await act();
    } catch (error) {
      if (error instanceof AcmError) throw error;
      throw new AcmError('UNAVAILABLE', `the operating system's keyring could not ${what} the entry "${entry}" of ${service}: ${reason(error)}`);
    }
  };
  return {
    read: (entry) => attempt('read', entry, async () => (await (await open(entry)).getPassword()) ?? undefined),
    write: (entry, secret) => attempt('write', entry, async () => (await open(entry)).setPassword(secret)),
    remove: (entry) => attempt('remove', entry, async () => (await open(entry)).deleteCredential()),
  };
}
