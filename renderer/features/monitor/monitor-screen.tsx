import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { hrefOf } from '@renderer/app/routes';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { AgentCard } from './agent-card';
import { CampaignTable } from './campaign-table';
import { ClientReportForm } from './client-report-form';

export function MonitorScreen() {
  const info = useAcmQuery('app.info');
  const campaigns = useAcmQuery('campaigns.list');
  const summary = useAcmQuery('monitor.summary');
  const campaignName = (id: string) => campaigns.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <h1>Monitor</h1>
      <ClientReportForm timezone={info.data?.account.timezone} />
      <ErrorText error={summary.error} what="Could not load the agents" />
      {summary.data && summary.data.length === 0 && (
        <EmptyState title="No agents at work">
          <p>
            Create an agent on the <a href={hrefOf('agents')}>Agents</a> screen and activate it; it appears here with its goals, its last actions and its KPIs
            as it works.
          </p>
        </EmptyState>
      )}
      {/* The cards wait for the account: their times are on its clock, their amounts in its currency. */}
      {info.data &&
        summary.data?.map((agent) => (
          <AgentCard key={agent.id} agent={agent} currency={info.data.account.currency} timezone={info.data.account.timezone} campaignName={campaignName} />
        ))}
      <ErrorText error={campaigns.error} what="Could not load the campaigns" />
      {(campaigns.isPending || info.isPending) && !campaigns.error && <p role="status">Loading campaigns…</p>}
      {campaigns.data && info.data && campaigns.data.length === 0 && (
        <EmptyState title="No campaigns in this account">
          <p>The ad account {info.data.account.name} has no campaigns yet. Campaigns created on the platform appear here.</p>
        </EmptyState>
      )}
      {campaigns.data && info.data && campaigns.data.length > 0 && <CampaignTable campaigns={campaigns.data} currency={info.data.account.currency} />}
    </>
  );
}
