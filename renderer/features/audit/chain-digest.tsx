import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';

const signedAt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The audit chain's latest signed head: what an export carries and `acm audit verify --digest` checks against. */
export function ChainDigest() {
  const digest = useAcmQuery('audit.digest');
  if (digest.error) return <ErrorText error={digest.error} what="Could not read the audit chain" />;
  if (digest.data === undefined) return null;
  const d = digest.data;
  return (
    <p className="muted small" role="status" aria-label="Audit chain" title={d ? `head ${d.headHash}` : undefined}>
      {d
        ? `Audit chain: ${d.count.toLocaleString()} entries, head ${d.headHash.slice(0, 12)}…, signed ${signedAt.format(Date.parse(d.signedAt))}`
        : 'Audit chain: empty, nothing to sign yet'}
    </p>
  );
}
