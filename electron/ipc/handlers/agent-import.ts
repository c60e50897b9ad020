import { AGENT_EXPORT_FORMAT } from '@shared/ipc/channels/agents';
import { parseJsonText } from '@shared/scenario/json-text';
import { validateAgentDefinition, type ScenarioIssue } from '@shared/scenario/load';
import type { AgentDefinition } from '@shared/scenario/schema';

export type AgentImport = { ok: true; agents: AgentDefinition[] } | { ok: false; errors: ScenarioIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads an agents file: the app's export (`{ format: "acm-agents/1", agents: [...] }`), an
 * array of agent definitions, or a single one. Every problem of every agent is reported, each
 * with its path in the file (e.g. `agents[1].goals[0].value`), and names must be unique.
 */
export function parseAgentImport(text: string, campaignIds: readonly string[]): AgentImport {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, errors: [{ path: `line ${json.line}, column ${json.column}`, message: `invalid JSON: ${json.message}` }] };
  const value = json.value;
  let items: unknown[];
  let prefix: (i: number) => string;
  if (isObject(value) && 'format' in value) {
    if (value.format !== AGENT_EXPORT_FORMAT)
      return { ok: false, errors: [{ path: 'format', message: `must be "${AGENT_EXPORT_FORMAT}", got ${JSON.stringify(value.format)}` }] };
    const extra = Object.keys(value).filter((k) => k !== 'format' && k !== 'agents');
    if (extra.length > 0) return { ok: false, errors: extra.map((k) => ({ path: k, message: `unknown key '${k}'` })) };
    if (!Array.isArray(value.agents)) return { ok: false, errors: [{ path: 'agents', message: 'must be an array of agents' }] };
    items = value.agents;
    prefix = (i) => `agents[${i}]`;
  } else if (Array.isArray(value)) {
    items = value;
    prefix = (i) => `[${i}]`;
  } else {
    items = [value];
    prefix = () => '';
  }
  if (items.length === 0) return { ok: false, errors: [{ path: prefix(0).replace(/\[0\]$/, '') || '(top level)', message: 'has no agents' }] };

  const errors: ScenarioIssue[] = [];
  const agents: AgentDefinition[] = [];
  const names = new Map<string, number>();
  items.forEach((item, i) => {
    const checked = validateAgentDefinition(item, campaignIds);
    const at = prefix(i);
    if (!checked.ok) {
      for (const e of checked.errors) errors.push({ path: at === '' ? e.path : e.path === '(top level)' ? at : `${at}.${e.path}`, message: e.message });
      return;
    }
    const earlier = names.get(checked.agent.name);
    if (earlier !== undefined)
      errors.push({ path: `${at}.name`.replace(/^\./, ''), message: `duplicate agent name "${checked.agent.name}" (also at ${prefix(earlier)}.name)` });
    names.set(checked.agent.name, i);
    agents.push(checked.agent);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, agents };
}
