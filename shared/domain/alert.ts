/** Something a person should look at. Times are epoch milliseconds, UTC. */

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_KINDS = ['blocked', 'escalation', 'low_confidence', 'circuit_break', 'goal_at_risk', 'conflict', 'audit'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `open` until someone has seen it, `acknowledged` while it is being handled, then `resolved`. */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Alert {
  id: string;
  createdAt: number;
  severity: AlertSeverity;
  kind: AlertKind;
  agentId?: string;
  decisionId?: string;
  message: string;
  state: AlertState;
}

/** An alert as it is raised: the store gives it its id (unless one is given) and opens it. */
export type NewAlert = Omit<Alert, 'id' | 'state'> & { id?: string };
