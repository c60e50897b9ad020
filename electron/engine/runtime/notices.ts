import type { AgentStatus } from '@shared/domain/agent';
import type { AlertKind, AlertSeverity } from '@shared/domain/alert';
import type { Decision } from '@shared/domain/decision';
import type { RuntimeDeps } from './runtime-deps';

/** What the runtime tells people: alerts it raises, and the live views of what changed. */
export class Notices {
  constructor(private readonly deps: Pick<RuntimeDeps, 'store' | 'clock' | 'onChange'>) {}

  alert(kind: AlertKind, severity: AlertSeverity, agentId: string | undefined, decisionId: string | undefined, message: string): void {
    const alert = this.deps.store.alerts.raise({ createdAt: this.deps.clock.now(), kind, severity, agentId, decisionId, message });
    this.deps.onChange?.({ kind: 'alert', alertId: alert.id, severity });
  }

  decisionChanged(decision: Decision): void {
    this.deps.onChange?.({ kind: 'decision', decisionId: decision.id, agentId: decision.agentId });
  }

  agentChanged(agentId: string, status: AgentStatus): void {
    this.deps.onChange?.({ kind: 'agent', agentId, status });
  }

  /** A decision a person can no longer act on (it was withdrawn): the alerts that asked them about it are answered. */
  resolveAlertsOf(decisionId: string): void {
    for (const alert of this.deps.store.alerts.forDecision(decisionId)) if (alert.state !== 'resolved') this.deps.store.alerts.resolve(alert.id);
  }
}
