import { settingKey } from '../guardrails/settings';
import type { AppliedChange } from '../guardrails/types';
import { money } from './format';
import { budgetMove, type Keep, type Proposal } from './proposal';

/** One agent at the table: its proposals of this tick and what ranks it. */
export interface Contender {
  agentId: string;
  name: string;
  priority: number;
  /** 0..1: how well its past predictions held (see trackRecord()). */
  trackRecord: number;
  proposals: Proposal[];
  /** Campaigns whose budget it wants kept as they are. */
  keeps: Keep[];
  /** A spend goal: the least its active campaigns must budget together a day, and what they budget now. */
  spendFloor?: { least: number; total: number; campaignIds: ReadonlySet<string> };
}

export interface ConflictFinding {
  campaignId: string;
  setting: string;
  winner: { agentId: string; proposal: Proposal | AppliedChange | Keep };
  loser: { agentId: string; proposal: Proposal };
  /**
   * `priority` or `track record` (or `name`, the last tie-break); `earlier change` when the
   * setting was moved the other way by a higher-ranked agent within that change's window.
   */
  rule: string;
}

export interface Arbitration {
  accepted: { agentId: string; proposal: Proposal }[];
  conflicts: ConflictFinding[];
  /** Per agent: how many proposals it made and how many go ahead, and why the others did not. */
  report: Map<string, { asked: number; granted: number; why: string[] }>;
}

/** Budget and status both decide what a campaign spends: a claim to keep the budget covers both. */
function isBudgetSetting(setting: string): boolean {
  return setting === 'budget' || setting === 'status';
}

/** What makes one agent outrank another: priority first, then track record, then name (so the outcome never depends on order). */
function outranks(a: Contender, b: Contender): { wins: boolean; rule: string } {
  if (a.priority !== b.priority) return { wins: a.priority > b.priority, rule: 'priority' };
  if (a.trackRecord !== b.trackRecord) return { wins: a.trackRecord > b.trackRecord, rule: 'track record' };
  return { wins: a.name < b.name, rule: 'name' };
}

function direction(p: Proposal | AppliedChange): number {
  const before = p.before;
  const after = p.after;
  if (before.kind === 'budget' && after.kind === 'budget') return Math.sign(after.dailyBudget - before.dailyBudget);
  if (before.kind === 'status' && after.kind === 'status') return after.status === 'active' ? 1 : -1;
  if ((after.kind === 'targeting' || after.kind === 'creative') && 'enabled' in after) return after.enabled ? 1 : -1;
  return 0;
}

/**
 * Step 5 of the loop. Proposals of one tick on the same campaign setting are a conflict: the
 * higher-priority agent wins, ties go to the better track record; the loser's proposal is kept
 * as its dissent and nothing of it executes. A higher-ranked agent that wants a campaign's
 * budget kept as it is wins against a change of it in the same way, and a proposal that would
 * undo, within its window, a change a higher-ranked agent made is a conflict too. Pool budgets
 * are shared before this, in planning (pools.ts shareBudget); the guard makes sure a pool is
 * never exceeded whatever happens here.
 */
export function arbitrate(contenders: readonly Contender[], recent: readonly (AppliedChange & { agentId: string })[]): Arbitration {
  const report: Arbitration['report'] = new Map(contenders.map((c) => [c.agentId, { asked: c.proposals.length, granted: 0, why: [] as string[] }]));
  const conflicts: ConflictFinding[] = [];
  const bySetting = new Map<string, { contender: Contender; proposal: Proposal }[]>();
  for (const contender of contenders) {
    for (const proposal of contender.proposals) {
      const key = `${proposal.campaign.id}|${settingKey(proposal.change as Parameters<typeof settingKey>[0])}`;
      const list = bySetting.get(key) ?? [];
      list.push({ contender, proposal });
      bySetting.set(key, list);
    }
  }
  const byId = new Map(contenders.map((c) => [c.agentId, c]));
  const accepted: Arbitration['accepted'] = [];
  for (const [key, entries] of bySetting) {
    const [campaignId, setting] = key.split('|');
    let best = entries[0];
    for (const entry of entries.slice(1)) if (outranks(entry.contender, best.contender).wins) best = entry;
    for (const entry of entries) {
      if (entry === best) continue;
      conflicts.push({
        campaignId,
        setting,
        winner: { agentId: best.contender.agentId, proposal: best.proposal },
        loser: { agentId: entry.contender.agentId, proposal: entry.proposal },
        rule: outranks(best.contender, entry.contender).rule,
      });
      report.get(entry.contender.agentId)!.why.push(`${setting} of ${entry.proposal.campaign.name}: ${best.contender.name} outranks it`);
    }
    const keeper = isBudgetSetting(setting)
      ? contenders.find((c) => c !== best.contender && c.keeps.some((k) => k.campaign.id === campaignId) && outranks(c, best.contender).wins)
      : undefined;
    if (keeper) {
      const keep = keeper.keeps.find((k) => k.campaign.id === campaignId)!;
      conflicts.push({
        campaignId,
        setting,
        winner: { agentId: keeper.agentId, proposal: keep },
        loser: { agentId: best.contender.agentId, proposal: best.proposal },
        rule: outranks(keeper, best.contender).rule,
      });
      report.get(best.contender.agentId)!.why.push(`${setting} of ${best.proposal.campaign.name}: ${keeper.name} wants it kept as it is`);
      continue;
    }
    const earlier = recent.find((r) => {
      if (r.campaignId !== campaignId || r.setting !== setting || r.agentId === best.contender.agentId) return false;
      const owner = byId.get(r.agentId);
      return owner !== undefined && direction(r) !== 0 && direction(r) === -direction(best.proposal) && outranks(owner, best.contender).wins;
    });
    if (earlier) {
      conflicts.push({
        campaignId,
        setting,
        winner: { agentId: earlier.agentId, proposal: earlier },
        loser: { agentId: best.contender.agentId, proposal: best.proposal },
        rule: 'earlier change',
      });
      report
        .get(best.contender.agentId)!
        .why.push(`${setting} of ${best.proposal.campaign.name}: ${byId.get(earlier.agentId)!.name} moved it the other way recently`);
      continue;
    }
    accepted.push({ agentId: best.contender.agentId, proposal: best.proposal });
    report.get(best.contender.agentId)!.granted++;
  }
  for (const holder of contenders) {
    if (holder.spendFloor) holdSpendFloor(holder, holder.spendFloor, accepted, conflicts, report, byId);
  }
  return { accepted, conflicts, report };
}

/**
 * A higher-ranked agent's spend goal is a claim on its campaigns' budgets together: lower-ranked
 * cuts that would take them below it lose, the largest first, as far as needed.
 */
function holdSpendFloor(
  holder: Contender,
  floor: NonNullable<Contender['spendFloor']>,
  accepted: Arbitration['accepted'],
  conflicts: ConflictFinding[],
  report: Arbitration['report'],
  byId: ReadonlyMap<string, Contender>,
): void {
  const mine = (p: Proposal) => floor.campaignIds.has(p.campaign.id);
  let total = floor.total + accepted.reduce((s, a) => s + (mine(a.proposal) ? budgetMove(a.proposal) : 0), 0);
  const cuts = accepted
    .filter((a) => mine(a.proposal) && budgetMove(a.proposal) < 0 && a.agentId !== holder.agentId && outranks(holder, byId.get(a.agentId)!).wins)
    .sort((a, b) => budgetMove(a.proposal) - budgetMove(b.proposal));
  for (const cut of cuts) {
    if (total >= floor.least - 0.005) return;
    const loser = byId.get(cut.agentId)!;
    accepted.splice(accepted.indexOf(cut), 1);
    total -= budgetMove(cut.proposal);
    const keep: Keep = { campaign: cut.proposal.campaign, reasoning: `keeps its campaigns' budgets at ${money(floor.least)}/day together, its spend goal` };
    conflicts.push({
      campaignId: cut.proposal.campaign.id,
      setting: settingKey(cut.proposal.change as Parameters<typeof settingKey>[0]),
      winner: { agentId: holder.agentId, proposal: keep },
      loser: { agentId: cut.agentId, proposal: cut.proposal },
      rule: outranks(holder, loser).rule,
    });
    const entry = report.get(cut.agentId)!;
    entry.granted--;
    entry.why.push(`budget of ${cut.proposal.campaign.name}: ${holder.name}'s spend goal needs it`);
  }
}

/**
 * An agent's track record: the share of its closed outcomes whose interval held and whose
 * direction was right, with one pseudo-hit and one pseudo-miss of each so that a new agent
 * starts at 0.5 rather than at an extreme.
 */
export function trackRecord(outcomes: readonly { withinInterval: boolean; directionCorrect: boolean }[]): number {
  const hits = outcomes.reduce((s, o) => s + Number(o.withinInterval) + Number(o.directionCorrect), 0);
  return (1 + hits) / (2 + 2 * outcomes.length);
}
