import type { Handlers } from '../../../shared/ipc/contract';
import type { Services } from '../../host/services';

export const alertHandlers = (services: Services): Pick<Handlers, 'alerts.list' | 'alerts.count' | 'alerts.acknowledge'> => {
  const { store } = services;
  return {
    'alerts.list': ({ includeResolved, limit }) => ({
      items: store.alerts.list({ states: includeResolved ? undefined : ['open', 'acknowledged'], limit }).map((alert) => ({
        alert,
        decision: (alert.decisionId && store.decisions.get(alert.decisionId)) || null,
      })),
      conflicts: store.conflicts.list({ unreviewedOnly: !includeResolved, limit: 100 }),
    }),
    'alerts.count': () => ({ ...store.alerts.countOpen(), awaitingApproval: store.decisions.countByState().escalated }),
    'alerts.acknowledge': ({ id }) => ({ acknowledged: store.alerts.acknowledge(id) }),
  };
};
