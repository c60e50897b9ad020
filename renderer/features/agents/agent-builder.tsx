import { useMemo } from 'react';
import type { DryRunView } from '@shared/ipc/channels/agents';
import { validateAgentDefinition } from '@shared/scenario/load';
import type { AgentDefinition } from '@shared/scenario/schema';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { useNames } from '@renderer/shared/use-names';
import { useBuilderStore } from './builder-store';
import { ACTIONS, CONSTRAINT_FIELDS, toDefinition } from './builder-draft';
import { DryRunPreview } from './dry-run-preview';
import { controlProps, Field, fieldId } from './field';
import { GoalRows } from './goal-rows';
import { LearningHoldOption } from './learning-hold-option';
import { PRESETS, ROLE_TEMPLATES } from './templates';

/**
 * Creates an agent (from a role template or a plain-words preset, saved paused) or edits a saved
 * one (its status kept): checked as typed, previewed, then saved.
 */
export function AgentBuilder({ onSaved }: { onSaved(message: string): void }) {
  const { draft, editing, update, start, attempt, attempted, close } = useBuilderStore();
  const { campaigns } = useNames();
  const create = useAcmMutation('agents.create', ['agents.', 'monitor.']);
  const edit = useAcmMutation('agents.update', ['agents.', 'monitor.']);
  const saving = editing ? edit : create;
  const dryRun = useAcmMutation('agents.dryRun');
  const definition = useMemo(() => toDefinition(draft), [draft]);
  const checked = useMemo(
    () =>
      validateAgentDefinition(
        definition,
        campaigns.map((c) => c.id),
      ),
    [definition, campaigns],
  );
  const issues = attempted && !checked.ok ? checked.errors : [];

  const save = () => {
    attempt();
    if (!checked.ok) return document.getElementById('builder-problems')?.focus();
    const definition = checked.agent as AgentDefinition;
    if (editing)
      edit.mutate(
        { id: editing.id, definition: { ...definition, status: editing.status } },
        { onSuccess: (agent) => (close(), onSaved(`Saved the changes to ${agent.name}.`)) },
      );
    else
      create.mutate(
        { definition },
        { onSuccess: (agent) => (close(), onSaved(`Saved ${agent.name}, paused. Activate it below when the preview looks right.`)) },
      );
  };
  const preview = () => {
    attempt();
    if (checked.ok) dryRun.mutate({ definition: checked.agent as AgentDefinition });
  };
  const toggleCampaign = (id: string, on: boolean) => update({ campaigns: on ? [...draft.campaigns, id] : draft.campaigns.filter((c) => c !== id) });

  return (
    <form className="card builder" aria-label="Agent builder" onSubmit={(e) => (e.preventDefault(), save())} noValidate>
      <h2>{editing ? 'Edit agent' : 'New agent'}</h2>
      <fieldset>
        <legend>Start from</legend>
        <div className="choice-row">
          {ROLE_TEMPLATES.map((t) => (
            <button key={t.label} type="button" title={t.description} onClick={() => start(t.draft())}>
              {t.label}
            </button>
          ))}
        </div>
        <div className="choice-row">
          {PRESETS.map((p) => (
            <button key={p.label} type="button" className="preset" onClick={() => update(p.apply(draft))}>
              {p.label}
            </button>
          ))}
        </div>
      </fieldset>

      {issues.length > 0 && (
        <div id="builder-problems" className="problems" role="alert" tabIndex={-1}>
          <p>
            {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before saving:
          </p>
          <ul>
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <a href={`#${fieldId(i.path)}`} onClick={(e) => (e.preventDefault(), document.getElementById(fieldId(i.path))?.focus())}>
                  {i.path}
                </a>
                : {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset className="grid-fields">
        <legend>Basics</legend>
        <Field label="Name" path="name" issues={issues}>
          <input {...controlProps('name', issues)} value={draft.name} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field label="Role" path="role" issues={issues}>
          <select {...controlProps('role', issues)} value={draft.role} onChange={(e) => update({ role: e.target.value })}>
            <option value="efficiency">Efficiency</option>
            <option value="scale">Scale</option>
            <option value="creative">Creative testing</option>
            <option value="custom">Custom</option>
          </select>
        </Field>
        <Field label="Priority" path="priority" issues={issues} hint="higher wins when agents disagree">
          <input {...controlProps('priority', issues)} type="number" step="any" value={draft.priority} onChange={(e) => update({ priority: e.target.value })} />
        </Field>
        <Field label="Objective" path="objective" issues={issues}>
          <select {...controlProps('objective', issues)} value={draft.objective} onChange={(e) => update({ objective: e.target.value })}>
            <option value="revenue">Revenue</option>
            <option value="conversions">Conversions</option>
            <option value="roas">ROAS</option>
            <option value="profit">Profit</option>
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>Campaigns</legend>
        <label className="check">
          <input type="checkbox" checked={draft.allCampaigns} onChange={(e) => update({ allCampaigns: e.target.checked })} /> All campaigns, including new ones
        </label>
        {!draft.allCampaigns && (
          <div className="check-list" id={fieldId('campaigns')} tabIndex={-1}>
            {campaigns.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={draft.campaigns.includes(c.id)} onChange={(e) => toggleCampaign(c.id, e.target.checked)} /> {c.name}
              </label>
            ))}
          </div>
        )}
        {issues
          .filter((i) => i.path.startsWith('campaigns'))
          .map((i) => (
            <p key={i.path + i.message} className="error small">
              {i.message}
            </p>
          ))}
      </fieldset>

      <GoalRows goals={draft.goals} issues={issues} onChange={(goals) => update({ goals })} />

      <fieldset className="grid-fields">
        <legend>Constraints</legend>
        {CONSTRAINT_FIELDS.map((f) => (
          <Field key={f.key} label={f.label} path={`constraints.${f.key}`} issues={issues} hint={f.hint}>
            <input
              {...controlProps(`constraints.${f.key}`, issues)}
              type="number"
              step="any"
              value={draft.constraints[f.key]}
              onChange={(e) => update({ constraints: { ...draft.constraints, [f.key]: e.target.value } })}
            />
          </Field>
        ))}
        <div className="field">
          <span>Allowed actions</span>
          {ACTIONS.map((a) => (
            <label key={a} className="check">
              <input
                type="checkbox"
                checked={draft.actions.includes(a)}
                onChange={(e) => update({ actions: e.target.checked ? [...draft.actions, a] : draft.actions.filter((x) => x !== a) })}
              />{' '}
              {a}
            </label>
          ))}
        </div>
        <LearningHoldOption checked={draft.holdBudgetWhileLearning} onChange={(on) => update({ holdBudgetWhileLearning: on })} />
      </fieldset>

      <div className="controls">
        <button type="button" onClick={preview} disabled={dryRun.isPending}>
          {dryRun.isPending ? 'Previewing…' : 'Preview'}
        </button>
        <button type="submit" className="primary" disabled={saving.isPending}>
          Save agent
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
      <ErrorText error={saving.error} what="Could not save the agent" />
      <ErrorText error={dryRun.error} what="Could not preview the agent" />
      {dryRun.data && <DryRunPreview preview={dryRun.data as DryRunView} />}
    </form>
  );
}
