import type { Handlers } from '../../../shared/ipc/contract';
import type { Services } from '../../host/services';

export const campaignHandlers = (services: Services): Pick<Handlers, 'campaigns.list'> => ({
  'campaigns.list': () => services.platform.listCampaigns(),
});
