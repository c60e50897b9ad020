import { EmptyState } from '../../app/empty-state';
import { useAcmQuery } from '../../ipc/use-acm-query';
import { CampaignTable } from './campaign-table';

export function MonitorScreen() {
  const info = useAcmQuery('app.info');
  const campaigns = useAcmQuery('campaigns.list');
  return (
    <>
      <h1>Monitor</h1>
      {campaigns.error && (
        <p role="alert" className="error">
          Could not load the campaigns: {campaigns.error.message}
        </p>
      )}
      {(campaigns.isPending || info.isPending) && !campaigns.error && <p role="status">Loading campaigns…</p>}
      {campaigns.data && info.data && campaigns.data.length === 0 && (
        <EmptyState title="No campaigns in this account">
          <p>The ad account {info.data.account.name} has no campaigns yet. Campaigns created on the platform appear here.</p>
        </EmptyState>
      )}
      {campaigns.data && info.data && campaigns.data.length > 0 && (
        <CampaignTable campaigns={campaigns.data} currency={info.data.account.currency} />
      )}
    </>
  );
}
