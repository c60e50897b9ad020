import { z } from 'zod';
import { AUDIT_DIGEST_FORMAT, type AuditCheckpoint, type AuditDigest } from '@shared/domain/audit';

const digestSchema = z
  .object({
    format: z.literal(AUDIT_DIGEST_FORMAT),
    algorithm: z.literal('ed25519'),
    count: z.number().int().positive(),
    headHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    signedAt: z.iso.datetime(),
    publicKey: z.string().includes('BEGIN PUBLIC KEY'),
    signature: z.base64().min(1),
  })
  .strict();

export function toDigest(checkpoint: AuditCheckpoint): AuditDigest {
  return {
    format: AUDIT_DIGEST_FORMAT,
    algorithm: 'ed25519',
    count: checkpoint.count,
    headHash: checkpoint.headHash,
    signedAt: new Date(checkpoint.signedAt).toISOString(),
    publicKey: checkpoint.publicKey,
    signature: checkpoint.signature,
  };
}

export function digestToCheckpoint(digest: AuditDigest): AuditCheckpoint {
  return { ...digest, signedAt: Date.parse(digest.signedAt) };
}

/** Reads a digest file's text; a malformed one is an error naming the file and the field. */
export function parseDigest(text: string, file: string): AuditDigest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`, { cause: e });
  }
  const parsed = digestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new Error(`${file}: ${where}: ${issue.message} (an ${AUDIT_DIGEST_FORMAT} file was expected)`);
  }
  return parsed.data as AuditDigest;
}
