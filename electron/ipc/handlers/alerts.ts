import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';

export const alertHandlers = (services: Services): Pick<Handlers, 'alerts.list' | 'alerts.count' | 'alerts.acknowledge'> => {
  const { records } = services;
  return {
    'alerts.list': ({ includeResolved, limit }) => ({
      items: records.alerts.list({ states: includeResolved ? undefined : ['open', 'acknowledged'], limit }).map((alert) => ({
        alert,
        decision: (alert.decisionId && records.decisions.get(alert.decisionId)) || null,
      })),
      conflicts: records.conflicts.list({ unreviewedOnly: !includeResolved, limit: 100 }),
    }),
    'alerts.count': () => ({ ...records.alerts.countOpen(), awaitingApproval: records.decisions.countByState().escalated }),
    'alerts.acknowledge': ({ id }) => ({ acknowledged: records.alerts.acknowledge(id) }),
  };
};
