import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatFullTime } from '@renderer/shared/format';

/** The audit chain's latest signed head: what an export carries and `acm audit verify --digest` checks against. */
export function ChainDigest() {
  const digest = useAcmQuery('audit.digest');
  const info = useAcmQuery('app.info');
  if (digest.error) return <ErrorText error={digest.error} what="Could not read the audit chain" />;
  if (digest.data === undefined) return null;
  const d = digest.data;
  const zone = info.data?.account.timezone ?? 'UTC';
  return (
    <p className="muted small" role="status" aria-label="Audit chain" title={d ? `head ${d.headHash}, signed ${d.signedAt}` : undefined}>
      {d
        ? `Audit chain: ${d.count.toLocaleString()} entries, head ${d.headHash.slice(0, 12)}…, signed ${formatFullTime(Date.parse(d.signedAt), zone)}`
        : 'Audit chain: empty, nothing to sign yet'}
    </p>
  );
}
