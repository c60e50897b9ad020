import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';

/**
 * A workspace's ad accounts, each with its platform and what keeps its agents from acting: a
 * broken connection, or a token that may only read ("Recommend only", the reason on hover).
 */
export function AccountList({ accounts }: { accounts: WorkspaceSummary['accounts'] }) {
  return (
    <>
      {accounts.map((a, i) => (
        <span key={`${a.platform}:${a.name}`}>
          {i > 0 && ', '}
          {a.name} ({a.platform}
          {a.connected ? '' : ', connection broken'})
          {a.recommendOnly !== undefined && (
            <>
              {' '}
              <span className="pill" title={a.recommendOnly}>
                Recommend only
              </span>
            </>
          )}
        </span>
      ))}
    </>
  );
}
