import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';

export const appHandlers = (services: Services): Pick<Handlers, 'app.info'> => ({
  'app.info': async () => ({
    version: services.version,
    account: services.account,
    clock: services.clockState(),
    databasePath: services.databasePath,
  }),
});
