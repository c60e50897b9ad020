import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

/** Signs checkpoints. The private key never enters the database: whoever can rewrite the file cannot re-sign it. */
export interface AuditSigner {
  /** SPKI PEM. */
  readonly publicKey: string;
  /** Base64 Ed25519 signature. */
  sign(message: string): string;
}

/** The key file beside a database file: `<db>.audit-key`. */
export function defaultKeyPath(databasePath: string): string {
  return `${databasePath}.audit-key`;
}

function signerFor(privateKey: KeyObject): AuditSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`audit signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  }
  return {
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}

/** A key that lives only as long as the process: for in-memory databases, which vanish with it anyway. */
export function ephemeralSigner(): AuditSigner {
  return signerFor(generateKeyPairSync('ed25519').privateKey);
}

function readKey(path: string): KeyObject {
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new Error(`audit signing key ${path} is readable by other users; restrict it with chmod 600`);
  }
  try {
    return createPrivateKey(readFileSync(path));
  } catch (e) {
    throw new Error(`audit signing key ${path} is not a readable private key: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The key in `path`, created (mode 0600) on first use. Created exclusively, so that two
 * processes starting on one database at once end up with the same key rather than two.
 */
export function fileSigner(path: string): AuditSigner {
  try {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`cannot create audit signing key ${path}: ${(e as Error).message}`, { cause: e });
    }
  }
  return signerFor(readKey(path));
}
