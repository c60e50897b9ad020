import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatNumber } from '@renderer/shared/format';
import { ZonedTime } from '../workspaces/zoned-time';

/** The audit chain's latest signed head: what an export carries and `acm audit verify --digest` checks against. */
export function ChainDigest() {
  const digest = useAcmQuery('audit.digest');
  const info = useAcmQuery('app.info');
  if (digest.error) return <ErrorText error={digest.error} what="Could not read the audit chain" />;
  if (digest.data === undefined) return null;
  const d = digest.data;
  return (
    <p className="muted small" role="status" aria-label="Audit chain" title={d ? `head ${d.headHash}` : undefined}>
      {d ? (
        <>
          Audit chain: {formatNumber(d.count)} entries, head {d.headHash.slice(0, 12)}…, signed{' '}
          <ZonedTime ms={Date.parse(d.signedAt)} zone={info.data?.account.timezone} style="full" />
        </>
      ) : (
        'Audit chain: empty, nothing to sign yet'
      )}
    </p>
  );
}
