import type { OutboxMessage } from '@shared/domain/notify';
import { composeMessage, type MessageFacts, type MessageText } from '@shared/notify/message-text';
import { formatDailyDigest, type Store } from '../../store';

export type FactsStore = Pick<Store, 'alerts' | 'decisions' | 'agents' | 'profile' | 'reports'>;

/** The workspace as its messages name it; a database from before workspaces is "Sandbox" in USD. */
export function workspaceLabel(store: Pick<Store, 'profile'>, workspaceId: number): MessageFacts['workspace'] {
  const profile = store.profile.get();
  return { id: workspaceId, name: profile?.name ?? 'Sandbox', currency: profile?.currency ?? 'USD' };
}

const payloadOf = (message: OutboxMessage): Record<string, unknown> =>
  message.payload === null ? {} : (JSON.parse(message.payload) as Record<string, unknown>);

/**
 * The words of one queued message, read from the records when it is sent: the alert, its agent
 * and decision, or the day's digest.
 */
export function messageFor(store: FactsStore, workspaceId: number, message: OutboxMessage, accountNow: number): MessageText {
  const alert = message.alertId === null ? undefined : store.alerts.get(message.alertId);
  const decision = alert?.decisionId === undefined ? undefined : store.decisions.get(alert.decisionId);
  const agentName = alert?.agentId === undefined ? undefined : (store.agents.get(alert.agentId)?.name ?? alert.agentId);
  const payload = payloadOf(message);
  const facts: MessageFacts = {
    messageId: message.id,
    topic: message.topic,
    severity: message.severity,
    workspace: workspaceLabel(store, workspaceId),
    ...(alert && { alert }),
    ...(decision && { decision }),
    ...(agentName !== undefined && { agentName }),
  };
  if (message.topic === 'renotify' && alert) facts.waitingMinutes = Math.round((accountNow - alert.createdAt) / 60_000);
  if (message.topic === 'kill_switch') facts.pausedAgents = (payload.agents as string[] | undefined) ?? [];
  if (message.topic === 'digest') {
    const digest = store.reports.dailyDigest(message.subject);
    facts.digest = { date: message.subject, text: formatDailyDigest(digest) };
  }
  return composeMessage(facts);
}
