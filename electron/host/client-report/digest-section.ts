import { createHash } from 'node:crypto';
import type { ReportContext } from './report-context';
import type { ReportWriter } from './report-writer';

/** The audit chain's signed head, so the client can have the records behind this report checked against it. */
export function drawDigest(w: ReportWriter, { digest }: ReportContext): void {
  w.heading('Audit chain digest');
  if (!digest) {
    w.paragraph('The audit log is empty: there is nothing to sign.');
    return;
  }
  const fingerprint = createHash('sha256').update(digest.publicKey).digest('hex').slice(0, 32);
  w.paragraph(`Entries: ${digest.count}, signed at ${digest.signedAt} (${digest.format}, ${digest.algorithm})`, { size: 8 });
  w.paragraph(`Head hash: ${digest.headHash}`, { size: 8 });
  w.paragraph(`Signing key fingerprint (sha256 of the public key): ${fingerprint}`, { size: 8 });
  w.paragraph(`Signature: ${digest.signature}`, { size: 8 });
  w.paragraph('Every agent decision, outcome and alert is in a hash chain; this signed head proves none was altered or removed since.', {
    size: 7.5,
    color: '#555555',
  });
}
