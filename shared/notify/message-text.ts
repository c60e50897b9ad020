import type { Alert, AlertKind, AlertSeverity } from '../domain/alert';
import { changeValueText, type Decision } from '../domain/decision';
import type { NotifyTopic } from '../domain/notify';
import { formatMoney, MONEY_METRICS } from '../money';
import { deepLink, type LinkTarget } from './deep-link';

/** Everything a message says, gathered by the sender from the workspace's records. */
export interface MessageFacts {
  /** The id the receiver deduplicates on: said in the text, and the e-mail's Message-ID. */
  messageId: string;
  topic: NotifyTopic;
  severity: AlertSeverity;
  workspace: { id: number; name: string; currency: string };
  alert?: Alert;
  agentName?: string;
  /** The decision the alert is about (an escalation's, a blocked action's). */
  decision?: Decision;
  /** `renotify`: how long the escalation has waited. */
  waitingMinutes?: number;
  /** `kill_switch`: the agents it stopped. */
  pausedAgents?: string[];
  /** `digest`: its local date and its text. */
  digest?: { date: string; text: string };
}

export interface MessageText {
  /** The e-mail's subject; Slack's first line. */
  subject: string;
  /** The body, plain text; the headless host's link is this same text. */
  text: string;
}

const ALERT_TITLES: Record<AlertKind, string> = {
  escalation: 'Waiting for your approval',
  low_confidence: 'Waiting for your approval (low confidence)',
  blocked: 'Action blocked',
  circuit_break: 'Circuit breaker: agent paused',
  goal_at_risk: 'Goal at risk',
  conflict: 'Agents in conflict',
  audit: 'Audit trail needs attention',
};

/** A lost connection is raised as a circuit break of the account, not of one agent: its message says "needs reconnecting". */
function alertTitle(alert: Alert): string {
  if (alert.kind === 'circuit_break' && alert.agentId === undefined && alert.message.includes('needs reconnecting')) return 'Ad account needs reconnecting';
  return ALERT_TITLES[alert.kind];
}

function title(facts: MessageFacts): string {
  switch (facts.topic) {
    case 'alert':
      return facts.alert ? alertTitle(facts.alert) : 'Alert';
    case 'renotify':
      return 'Still waiting for your approval';
    case 'kill_switch':
      return 'Kill switch used: agents paused';
    case 'digest':
      return `Daily review ${facts.digest?.date ?? ''}`.trim();
  }
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The decision in one line: what changes, from what to what, where. */
export function decisionSummary(decision: Decision, currency: string): string {
  const money = (amount: number) => formatMoney(amount, currency, 'en-US');
  const before = changeValueText(decision.before, money);
  const after = changeValueText(decision.after, money);
  return `${decision.kind} ${before} → ${after} on campaign ${decision.campaignId}`;
}

/** The prediction in one line: the metric over its window, its 80% interval, and what it would be unchanged. */
export function predictedEffect(decision: Decision, currency: string): string {
  const { metric, windowHours, point, low80, high80, baseline } = decision.prediction;
  const value = (v: number) => (MONEY_METRICS.has(metric) ? formatMoney(v, currency, 'en-US') : metric === 'roas' ? `${v.toFixed(2)}x` : v.toFixed(1));
  const unchanged = baseline === undefined ? '' : `; unchanged ${value(baseline)}`;
  return `${metric} over ${windowHours} h: ${value(point)} (80%: ${value(low80)} to ${value(high80)}${unchanged})`;
}

function link(facts: MessageFacts): string {
  const target: LinkTarget = facts.digest
    ? { digest: facts.digest.date }
    : facts.decision
      ? { decision: facts.decision.id }
      : facts.alert
        ? { alert: facts.alert.id }
        : { agents: true };
  return deepLink(facts.workspace.id, target);
}

/** The message for one outbox entry: the same words go to Slack and to e-mail. */
export function composeMessage(facts: MessageFacts): MessageText {
  const heading = title(facts);
  const critical = facts.severity === 'critical' ? 'CRITICAL ' : '';
  const subject = `[ACM] ${critical}${facts.workspace.name}: ${heading}`;
  const who = facts.agentName === undefined ? '' : ` · agent ${facts.agentName}`;
  const lines = [`${heading} in workspace ${facts.workspace.name}${who}`];
  if (facts.topic === 'renotify' && facts.waitingMinutes !== undefined) lines.push(`Unanswered for ${facts.waitingMinutes} minutes.`);
  if (facts.alert) lines.push(facts.alert.message);
  if (facts.decision) {
    lines.push(`Decision: ${decisionSummary(facts.decision, facts.workspace.currency)}`);
    lines.push(`Predicted: ${predictedEffect(facts.decision, facts.workspace.currency)}`);
    lines.push(`Confidence: ${percent(facts.decision.confidence)}`);
  }
  if (facts.pausedAgents) {
    lines.push(
      facts.pausedAgents.length === 0 ? 'No agent was active.' : `Paused: ${facts.pausedAgents.join(', ')}. Nothing changes until a person resumes them.`,
    );
  }
  if (facts.digest) lines.push('', facts.digest.text, '');
  lines.push(`Open: ${link(facts)}`, `Message id: ${facts.messageId}`);
  return { subject, text: lines.join('\n') };
}

/** What "Send test" sends. */
export function composeTestMessage(workspace: MessageFacts['workspace'], channelName: string, messageId: string): MessageText {
  return {
    subject: `[ACM] ${workspace.name}: test message`,
    text: [
      `Test message for the channel '${channelName}' of workspace ${workspace.name}: alerts will arrive here.`,
      `Open: ${deepLink(workspace.id, { agents: true })}`,
      `Message id: ${messageId}`,
    ].join('\n'),
  };
}
