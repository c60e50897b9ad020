import type { Services } from '../services';
import type { HandlerModule } from '../registry';
import { agentHandlers } from './agents';
import { alertHandlers } from './alerts';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { campaignHandlers } from './campaigns';
import { decisionHandlers } from './decisions';
import { experimentHandlers } from './experiments';
import { monitorHandlers } from './monitor';
import { notificationHandlers } from './notifications';
import { reportHandlers } from './reports';

/** One entry per domain; a new domain's handlers are added here and nowhere else. */
export const handlerModules: Record<string, (services: Services) => HandlerModule> = {
  app: appHandlers,
  campaigns: campaignHandlers,
  agents: agentHandlers,
  decisions: decisionHandlers,
  audit: auditHandlers,
  alerts: alertHandlers,
  monitor: monitorHandlers,
  notifications: notificationHandlers,
  experiments: experimentHandlers,
  reports: reportHandlers,
};
