import type { Clock } from '@shared/time';
import type { EventHub } from '../ipc/event-hub';
import type { AgentControl } from '../ipc/services';
import type { Store } from '../store';
import type { AccountConnection } from './account-connection';
import { pushChange } from './compose';

export interface ConnectionLossDeps {
  connection: AccountConnection;
  runtime: Pick<AgentControl, 'pauseAll'>;
  store: Pick<Store, 'alerts' | 'agents'>;
  clock: Clock;
  events: EventHub;
  log(message: string, error?: unknown): void;
}

/**
 * What a lost connection does to its workspace: every active agent is paused at once (in memory
 * first, then recorded and audited, as a person's pause is), and one critical alert names the
 * account, says why and how to reconnect it. An account found lost when its workspace opens
 * (the token died while the host was down) raises no second alert while the first is still open.
 * Returns what stops watching.
 */
export function pauseAgentsOnLoss(deps: ConnectionLossDeps): () => void {
  const { connection, log } = deps;
  return connection.onLost((reason) => {
    const headline = connection.lossHeadline;
    try {
      const { agentIds, recorded } = deps.runtime.pauseAll();
      const names = agentIds.map((id) => deps.store.agents.get(id)?.name ?? id);
      log(`${headline}: ${reason}; ${names.length} agents paused${recorded ? '' : ' (the record follows when the store can write)'}`);
      const raisedBefore = deps.store.alerts
        .list({ states: ['open', 'acknowledged'] })
        .some((a) => a.kind === 'circuit_break' && a.message.startsWith(headline));
      if (raisedBefore) return;
      const paused = names.length === 0 ? 'No agent was active.' : `Its agents were paused: ${names.join(', ')}.`;
      const alert = deps.store.alerts.raise({
        createdAt: deps.clock.now(),
        kind: 'circuit_break',
        severity: 'critical',
        message: `${headline}: ${reason}. ${paused} Nothing is sent to it until it is reconnected: ${connection.howToReconnect}.`,
      });
      pushChange(deps.events, { kind: 'alert', alertId: alert.id, severity: alert.severity });
    } catch (error) {
      log(`${headline}, but its agents could not all be paused or its alert raised`, error);
    }
  });
}
