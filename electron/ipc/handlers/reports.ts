import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';

export const reportHandlers = (services: Services): Pick<Handlers, 'reports.client'> => ({
  // The period is settled before the host asks where to put the file: a refusal comes before any dialog.
  'reports.client': (period) => services.exportDestination.deliver(services.clientReporter.prepare(period)),
});
