import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/** Signs checkpoints. The private key never enters the database: whoever can rewrite the file cannot re-sign it. */
export interface AuditSigner {
  /** SPKI PEM. */
  readonly publicKey: string;
  /** Base64 Ed25519 signature. */
  sign(message: string): string;
}

/**
 * Where the private key is kept: a file beside the database (mode 0600) under plain Node, the
 * operating system's keychain in the app. A vault never makes a key up by itself: the audit
 * trail decides when a new key is allowed (a log nobody signed yet, or a recorded rotation).
 */
export interface KeyVault {
  /** Where the key is, in words a person can act on. */
  readonly where: string;
  /** The key's PKCS#8 PEM; undefined when there is none. Throws when one is there but must not be used. */
  read(): string | undefined;
  /** Stores a new key; refuses to replace one that is there. */
  create(pem: string): void;
  /** Moves the current key aside, kept, so that a rotation can store a new one; says where it went. */
  retire(): string;
}

/** The key file beside a database file: `<db>.audit-key`. */
export function defaultKeyPath(databasePath: string): string {
  return `${databasePath}.audit-key`;
}

export function newKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signerFromPem(pem: string, where: string): AuditSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`audit signing key ${where} is not a readable private key: ${(e as Error).message}`, { cause: e });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`audit signing key ${where} must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  }
  return {
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}

/** A key file, created with mode 0600 and refused when others may read it. */
export function fileVault(path: string): KeyVault {
  return {
    where: path,
    read() {
      let mode: number;
      try {
        mode = statSync(path).mode;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new Error(`audit signing key ${path} cannot be read: ${(e as Error).message}`, { cause: e });
      }
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        throw new Error(`audit signing key ${path} is readable by other users; restrict it with chmod 600`);
      }
      return readFileSync(path, 'utf8');
    },
    create(pem) {
      // Exclusive, so that two processes starting on one new database end up with one key rather than two.
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    },
    retire() {
      const aside = `${path}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, aside);
      return aside;
    },
  };
}

/** A key that lives only as long as the process: for in-memory databases, which vanish with it anyway. */
export function memoryVault(): KeyVault {
  let pem: string | undefined;
  return {
    where: 'memory',
    read: () => pem,
    create(next) {
      if (pem !== undefined) throw Object.assign(new Error('a key is already there'), { code: 'EEXIST' });
      pem = next;
    },
    retire() {
      pem = undefined;
      return 'nowhere (an in-memory key)';
    },
  };
}
