import type { ResponseOf } from '@shared/ipc/contract';
import { formatMoney } from '@renderer/shared/format';
import { AudienceStages } from './audience-stages';

type Campaign = ResponseOf<'campaigns.list'>[number];

export function CampaignTable({ campaigns, currency }: { campaigns: Campaign[]; currency: string }) {
  return (
    <table className="campaign-table">
      <caption>Campaigns</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Platform</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Daily budget
          </th>
        </tr>
      </thead>
      <tbody>
        {campaigns.map((campaign) => (
          <tr key={campaign.id}>
            <th scope="row">
              {campaign.name}
              <AudienceStages audiences={campaign.audiences} />
            </th>
            <td>{campaign.platform}</td>
            <td>
              <span className={`status status-${campaign.status}`}>{campaign.status === 'active' ? 'Active' : 'Paused'}</span>
            </td>
            <td className="numeric">{formatMoney(campaign.dailyBudget, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
