import type { DailyDigest, DigestDecision } from './daily-digest';

const time = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const clip = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const decisionLine = (d: DigestDecision) =>
  `  ${time(d.createdAt)}  ${d.agent}  ${d.campaignId}  ${d.change}  confidence ${d.confidence.toFixed(2)}  [${d.id}]\n    ${clip(d.note ?? d.reasoning)}`;

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`${title} (${lines.length})`, ...lines, ''];
}

/** The digest as plain text for a terminal or an e-mail: exceptions first, the rest in a few lines. */
export function formatDailyDigest(digest: DailyDigest): string {
  const { exceptions: x, summary: s } = digest;
  const exceptionLines = [
    ...section('Escalations waiting for a person', x.escalationsWaiting.map(decisionLine)),
    ...section('Blocked actions', x.blocked.map(decisionLine)),
    ...section(
      'Conflicts with dissent',
      x.conflictsWithDissent.map(
        (c) =>
          `  ${time(c.createdAt)}  ${c.campaignId} ${c.setting}: ${c.winner} won over ${c.loser}${c.reviewed ? '' : ' (unreviewed)'}\n    dissent: ${clip(c.dissent)}`,
      ),
    ),
    ...section(
      'Outcomes that missed their interval',
      x.missedOutcomes.map(
        (o) =>
          `  ${o.agent}  ${o.campaignId}  ${o.metric}: predicted ${o.predicted.toFixed(1)} [${o.low80.toFixed(1)}, ${o.high80.toFixed(1)}], actual ${o.actual.toFixed(1)}  [${o.decisionId}]`,
      ),
    ),
    ...section(
      'Goals at risk',
      x.goalsAtRisk.map((a) => `  ${time(a.createdAt)}  ${a.agent ?? 'account'}: ${clip(a.message)} (${a.state})`),
    ),
  ];
  const count = x.escalationsWaiting.length + x.blocked.length + x.conflictsWithDissent.length + x.missedOutcomes.length + x.goalsAtRisk.length;
  const decided = Object.values(s.decisions).reduce((a, b) => a + b, 0);
  const states = Object.entries(s.decisions)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  return [
    `Daily review ${digest.date} (UTC)`,
    '',
    count === 0 ? 'Nothing needs you today.' : `NEEDS YOU: ${count} item(s)`,
    '',
    ...exceptionLines,
    'Everything else',
    `  Decisions: ${decided}${states ? ` (${states})` : ''}; ${s.autonomous} executed without a person`,
    ...s.byAgent.map((a) => `  ${a.agent}: ${a.decisions} decisions, ${a.executed} executed`),
    `  Outcomes evaluated: ${s.outcomes.evaluated}, ${s.outcomes.withinInterval} inside their 80% interval, ${s.outcomes.directionCorrect} in the predicted direction`,
    `  Alerts raised: ${s.alertsRaised}`,
    `  Audit log: ${s.auditEntries} entries${s.latestCheckpoint ? `; last signed checkpoint at entry ${s.latestCheckpoint.count}, ${time(s.latestCheckpoint.signedAt)}` : '; not signed yet'}`,
  ].join('\n');
}
