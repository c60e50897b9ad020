import { AgentDefinitionSchema, ScenarioSchema, type AgentDefinition, type Scenario } from './schema';
import { fromZodIssues, formatPath, type ScenarioIssue } from './issues';
import { parseJsonText } from './json-text';
import { MAX_MULTIPLIER, MAX_UNIT_DAYS, unitCount } from './limits';

export type { ScenarioIssue } from './issues';

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] };
export type AgentParseResult = { ok: true; agent: AgentDefinition } | { ok: false; errors: ScenarioIssue[] };

/** Parses scenario text: every problem at once, each naming its JSON path; JSON syntax errors name line and column. */
export function parseScenario(text: string): ScenarioParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, errors: [{ path: `line ${json.line}, column ${json.column}`, message: `invalid JSON: ${json.message}` }] };
  return validateScenario(json.value);
}

export function validateScenario(value: unknown): ScenarioParseResult {
  const parsed = ScenarioSchema.safeParse(value, { reportInput: true });
  const errors = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  errors.push(...crossReferenceIssues(value));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: sortIssues(errors) };
  return { ok: true, scenario: normalise(parsed.data) };
}

/** An agent on its own, as the app imports it; `campaignIds` (when known) checks what it manages. */
export function validateAgentDefinition(value: unknown, campaignIds?: readonly string[]): AgentParseResult {
  const parsed = AgentDefinitionSchema.safeParse(value, { reportInput: true });
  const errors = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  if (campaignIds) errors.push(...agentCampaignIssues(value, new Set(campaignIds), []));
  errors.push(...budgetBoundIssues(value, []));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: sortIssues(errors) };
  return { ok: true, agent: parsed.data };
}

function normalise(scenario: Scenario): Scenario {
  const total = scenario.hourly.reduce((s, x) => s + x, 0);
  return { ...scenario, hourly: scenario.hourly.map((x) => x / total) };
}

function sortIssues(errors: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A name or id from the file, quoted; a long one is cut short so that the message stays readable. */
const quoted = (text: string): string => `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Names are compared as the schema keeps them, in NFC: "Café" typed two ways is one name. */
const asName = (text: string): string => text.normalize('NFC');

function duplicateIssues(items: unknown[], key: string, where: PropertyKey[], what: string, same: (text: string) => string = (text) => text): ScenarioIssue[] {
  const first = new Map<string, number>();
  const out: ScenarioIssue[] = [];
  items.forEach((item, i) => {
    if (!isObject(item) || typeof item[key] !== 'string') return;
    const value = item[key] as string;
    const earlier = first.get(same(value));
    if (earlier === undefined) first.set(same(value), i);
    else out.push({ path: formatPath([...where, i, key]), message: `duplicate ${what} ${quoted(value)} (also at ${formatPath([...where, earlier, key])})` });
  });
  return out;
}

function isValidDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** What a schema cannot say: unique ids and names, references between sections, real dates. */
function crossReferenceIssues(root: unknown): ScenarioIssue[] {
  if (!isObject(root)) return [];
  const out: ScenarioIssue[] = [];
  const campaigns = list(root.campaigns);
  const agents = list(root.agents);
  out.push(...duplicateIssues(campaigns, 'id', ['campaigns'], 'campaign id'));
  out.push(...duplicateIssues(agents, 'name', ['agents'], 'agent name', asName));
  out.push(...duplicateIssues(list(root.pools), 'id', ['pools'], 'pool id'));
  out.push(...duplicateIssues(list(root.policies), 'id', ['policies'], 'policy id'));

  if (typeof root.start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(root.start) && !isValidDate(root.start)) {
    out.push({ path: 'start', message: `is not a real date: "${root.start}"` });
  }
  if (Array.isArray(root.hourly) && root.hourly.every((x) => typeof x === 'number') && root.hourly.reduce((s: number, x: number) => s + x, 0) <= 0) {
    out.push({ path: 'hourly', message: 'must have a positive sum (it is normalised to shares of the day)' });
  }
  list(root.calendar).forEach((event, i) => {
    if (!isObject(event)) return;
    for (const key of ['from', 'to'] as const) {
      const v = event[key];
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !isValidDate(v))
        out.push({ path: formatPath(['calendar', i, key]), message: `is not a real date: "${v}"` });
    }
    if (isValidDate(event.from) && isValidDate(event.to) && event.to < event.from) {
      out.push({ path: formatPath(['calendar', i, 'to']), message: `must be on or after from (${event.from}), got "${event.to}"` });
    }
  });
  out.push(...overlappingEventIssues(list(root.calendar)));

  const days = typeof root.days === 'number' ? root.days : undefined;
  campaigns.forEach((campaign, i) => {
    if (!isObject(campaign)) return;
    const audiences = list(campaign.audiences);
    out.push(...duplicateIssues(audiences, 'id', ['campaigns', i, 'audiences'], 'audience id'));
    out.push(...duplicateIssues(list(campaign.creatives), 'id', ['campaigns', i, 'creatives'], 'creative id'));
    const everyAudienceAnswers = audiences.length > 0 && audiences.every((a) => isObject(a) && a.response !== undefined);
    if (campaign.response === undefined && !everyAudienceAnswers) {
      out.push({ path: formatPath(['campaigns', i, 'response']), message: 'is required unless every audience has its own response' });
    }
    if (typeof campaign.minDailyBudget === 'number' && typeof campaign.dailyBudget === 'number' && campaign.dailyBudget < campaign.minDailyBudget) {
      out.push({
        path: formatPath(['campaigns', i, 'dailyBudget']),
        message: `must be >= minDailyBudget (${campaign.minDailyBudget}), got ${campaign.dailyBudget}`,
      });
    }
    if (audiences.length > 0 && !audiences.some((a) => isObject(a) && a.enabled !== false)) {
      out.push({ path: formatPath(['campaigns', i, 'audiences']), message: 'must have at least one enabled audience' });
    }
    list(campaign.changes).forEach((change, j) => {
      if (isObject(change) && typeof change.day === 'number' && days !== undefined && change.day >= days) {
        out.push({ path: formatPath(['campaigns', i, 'changes', j, 'day']), message: `must be < days (${days}), got ${change.day}` });
      }
    });
  });

  const units = unitCount(campaigns.filter(isObject).map((c) => ({ audiences: list(c.audiences), creatives: list(c.creatives) })));
  if (days !== undefined && units * days > MAX_UNIT_DAYS) {
    out.push({
      path: 'campaigns',
      message: `hold ${units} audience × creative units over ${days} days; the simulator keeps an hourly ledger of each, for at most ${MAX_UNIT_DAYS} unit-days`,
    });
  }

  const campaignIds = new Set(
    campaigns
      .filter(isObject)
      .map((c) => c.id)
      .filter((id): id is string => typeof id === 'string'),
  );
  agents.forEach((agent, i) => {
    out.push(...agentCampaignIssues(agent, campaignIds, ['agents', i]));
    out.push(...budgetBoundIssues(agent, ['agents', i]));
  });

  const agentNames = new Set(agents.filter(isObject).map((a) => (typeof a.name === 'string' ? asName(a.name) : a.name)));
  list(root.pools).forEach((pool, i) => {
    if (!isObject(pool)) return;
    list(pool.agents).forEach((name, j) => {
      if (typeof name === 'string' && !agentNames.has(asName(name)))
        out.push({ path: formatPath(['pools', i, 'agents', j]), message: `unknown agent ${quoted(name)}` });
    });
  });
  return out;
}

function agentCampaignIssues(agent: unknown, campaignIds: Set<string>, where: PropertyKey[]): ScenarioIssue[] {
  if (!isObject(agent) || !Array.isArray(agent.campaigns)) return [];
  const out: ScenarioIssue[] = [];
  const seen = new Set<string>();
  agent.campaigns.forEach((id, j) => {
    if (typeof id !== 'string') return;
    if (!campaignIds.has(id)) out.push({ path: formatPath([...where, 'campaigns', j]), message: `unknown campaign id ${quoted(id)}` });
    else if (seen.has(id)) out.push({ path: formatPath([...where, 'campaigns', j]), message: `campaign id ${quoted(id)} is listed twice` });
    seen.add(id);
  });
  return out;
}

function budgetBoundIssues(agent: unknown, where: PropertyKey[]): ScenarioIssue[] {
  if (!isObject(agent) || !isObject(agent.constraints)) return [];
  const { minDailyBudget: min, maxDailyBudget: max } = agent.constraints;
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    return [{ path: formatPath([...where, 'constraints', 'maxDailyBudget']), message: `must be >= minDailyBudget (${min}), got ${max}` }];
  }
  return [];
}

/**
 * Events that overlap multiply their factors; each is bounded, and so is their product on any
 * day, or a pile of events would take a day's demand past what the simulator can draw and CPCs
 * to Infinity or nothing. One sweep over the events' first and last days per bound, summing
 * logarithms of the factors on that side of 1 (the others cannot take a product further out).
 */
function overlappingEventIssues(calendar: unknown[]): ScenarioIssue[] {
  const limit = Math.log10(MAX_MULTIPLIER);
  const sweeps = [
    { factor: 'demand', side: 1 },
    { factor: 'cpc', side: 1 },
    { factor: 'cpc', side: -1 },
  ] as const;
  const out: ScenarioIssue[] = [];
  for (const { factor, side } of sweeps) {
    const edges: { day: string; starts: boolean; log: number }[] = [];
    for (const e of calendar) {
      if (!isObject(e) || !isValidDate(e.from) || !isValidDate(e.to) || typeof e[factor] !== 'number' || !(e[factor] > 0)) continue;
      const log = side * Math.log10(e[factor]);
      if (log > 0) edges.push({ day: e.from, starts: true, log }, { day: e.to, starts: false, log });
    }
    // Both days are inclusive: on a day where one event ends and another starts, both count.
    edges.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : Number(b.starts) - Number(a.starts)));
    let sum = 0;
    for (const edge of edges) {
      sum += edge.starts ? edge.log : -edge.log;
      if (!edge.starts || sum <= limit + 1e-9) continue;
      const bound = side > 0 ? `at most ${MAX_MULTIPLIER}` : `at least ${1 / MAX_MULTIPLIER}`;
      out.push({ path: 'calendar', message: `the events on ${edge.day} together multiply ${factor} by ${(10 ** (side * sum)).toPrecision(3)}; ${bound}` });
      break;
    }
  }
  return out;
}
