import type { Keyring } from './keyring';

/** Where a token would be kept, and whether that place deserves the name. */
export interface TokenStorage {
  /** False when nothing can keep a token: connecting waits for a keychain. */
  available: boolean;
  /** False when the place is not encrypted by the operating system (Linux's `basic_text`), or not there at all. */
  protected: boolean;
  where: string;
  /** What the operator is told before anything is stored, when `protected` is false. */
  warning?: string;
}

/** A keyring that can say how safe it is: the app's sealed files, or the operating system's keyring for the headless host. */
export interface CredentialVault extends Keyring {
  storage(): Promise<TokenStorage>;
}

/** The entry read to learn whether the keyring answers: reading one that may not exist changes nothing. */
const PROBE_ENTRY = 'meta';

/** The operating system's keyring is the protection itself, when it answers. */
export function keyringVault(keyring: Keyring): CredentialVault {
  const where = "the operating system's keyring";
  return {
    read: (entry) => keyring.read(entry),
    write: (entry, secret) => keyring.write(entry, secret),
    remove: (entry) => keyring.remove(entry),
    async storage() {
      try {
        await keyring.read(PROBE_ENTRY);
        return { available: true, protected: true, where };
      } catch (error) {
        const warning = `${(error as Error).message}. Start a keyring (GNOME Keyring, KWallet), or give acm serve the token in ACM_META_TOKEN.`;
        return { available: false, protected: false, where, warning };
      }
    },
  };
}
