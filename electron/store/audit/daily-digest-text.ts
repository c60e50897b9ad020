import { formatMoney, MONEY_METRICS } from '@shared/money';
import { AccountZone } from '@shared/zone';
import type { DailyDigest, DigestDecision, DigestOutcome } from './daily-digest';

const clip = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`${title} (${lines.length})`, ...lines, ''];
}

/**
 * Local date and minute in the digest's zone. On a day of 23 or 25 hours the offset follows, so
 * that the repeated hour of a fall-back night reads twice, distinctly.
 */
function localTime(zone: AccountZone): (ms: number) => string {
  return (ms) => {
    const iso = zone.isoLocal(ms);
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${zone.hoursInDay(ms) === 24 ? '' : iso.slice(19)}`;
  };
}

function dayTitle(digest: DailyDigest): string {
  const length = digest.hours === 24 ? '' : `, a ${digest.hours}-hour day`;
  return `Daily review ${digest.date} (${digest.timezone}${length})`;
}

/** The digest as plain text for a terminal or an e-mail: exceptions first, the rest in a few lines. */
export function formatDailyDigest(digest: DailyDigest): string {
  const { exceptions: x, summary: s } = digest;
  const time = localTime(AccountZone.of(digest.timezone));
  const value = (o: DigestOutcome, v: number) => (MONEY_METRICS.has(o.metric) ? formatMoney(v, digest.currency, 'en-US') : v.toFixed(1));
  const decisionLine = (d: DigestDecision) =>
    `  ${time(d.createdAt)}  ${d.agent}  ${d.campaignId}  ${d.change}  confidence ${d.confidence.toFixed(2)}  [${d.id}]\n    ${clip(d.note ?? d.reasoning)}`;
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
          `  ${o.agent}  ${o.campaignId}  ${o.metric}: predicted ${value(o, o.predicted)} [${value(o, o.low80)}, ${value(o, o.high80)}], actual ${value(o, o.actual)}  [${o.decisionId}]`,
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
    dayTitle(digest),
    `Workspace ${digest.workspace}; times local to ${digest.timezone}; amounts in ${digest.currency}`,
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
