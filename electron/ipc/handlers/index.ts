import type { Services } from '../../host/services';
import type { HandlerModule } from '../registry';
import { appHandlers } from './app';
import { campaignHandlers } from './campaigns';

/** One entry per domain; a new domain's handlers are added here and nowhere else. */
export const handlerModules: Record<string, (services: Services) => HandlerModule> = {
  app: appHandlers,
  campaigns: campaignHandlers,
};
