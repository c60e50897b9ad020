import { useState, type FormEvent } from 'react';
import { DECISION_STATES } from '@shared/domain/decision';
import { CHANGE_KINDS } from '@shared/domain/campaign';
import type { DecisionFilterView } from '@shared/ipc/channels/decisions';
import { AccountZone } from '@shared/zone';
import { useNames } from '@renderer/shared/use-names';
import { useAuditStore } from './audit-store';

/**
 * Filters of the timeline: agent, campaign, action, state, local days of the account's zone
 * (from one midnight to the other, both days inclusive, 23 or 25 hours across a daylight-saving
 * change) and words of the reasoning.
 */
export function AuditFilters() {
  const { agents, campaigns, timezone } = useNames();
  // The days are the account's: until its zone is known they can be neither shown nor picked.
  const zone = timezone === undefined ? undefined : AccountZone.of(timezone);
  const dayOf = (ms: number | undefined) => (ms === undefined || !zone ? '' : zone.date(ms));
  const startOf = (text: string) => (text === '' || !zone ? undefined : zone.dayOfDate(text).startMs);
  const endOf = (text: string) => (text === '' || !zone ? undefined : zone.dayOfDate(text).endMs);
  const { filter, setFilter } = useAuditStore();
  const [text, setText] = useState(filter.text ?? '');
  const update = (patch: Partial<DecisionFilterView>) => {
    const next: DecisionFilterView = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof DecisionFilterView)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    setFilter(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ text: text.trim() || undefined });
  };
  return (
    <form className="filters" onSubmit={onSearch} aria-label="Filter decisions">
      <label>
        Agent
        <select value={filter.agentId ?? ''} onChange={(e) => update({ agentId: e.target.value || undefined })}>
          <option value="">All agents</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Campaign
        <select value={filter.campaignId ?? ''} onChange={(e) => update({ campaignId: e.target.value || undefined })}>
          <option value="">All campaigns</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Action
        <select
          value={filter.kinds?.[0] ?? ''}
          onChange={(e) => update({ kinds: e.target.value ? [e.target.value as (typeof CHANGE_KINDS)[number]] : undefined })}
        >
          <option value="">All actions</option>
          {CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        State
        <select
          value={filter.states?.[0] ?? ''}
          onChange={(e) => update({ states: e.target.value ? [e.target.value as (typeof DECISION_STATES)[number]] : undefined })}
        >
          <option value="">All states</option>
          {DECISION_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label title={timezone && `Local days of ${timezone}`}>
        From
        <input type="date" disabled={!zone} value={dayOf(filter.from)} onChange={(e) => update({ from: startOf(e.target.value) })} />
      </label>
      <label title={timezone && `Local days of ${timezone}`}>
        To
        <input
          type="date"
          disabled={!zone}
          value={filter.to === undefined ? '' : dayOf(filter.to - 1)}
          onChange={(e) => update({ to: endOf(e.target.value) })}
        />
      </label>
      <label>
        Reasoning contains
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
