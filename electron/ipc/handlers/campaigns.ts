import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';

export const campaignHandlers = (services: Services): Pick<Handlers, 'campaigns.list'> => ({
  'campaigns.list': () => services.campaigns.list(),
});
