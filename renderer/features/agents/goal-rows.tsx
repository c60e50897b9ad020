import { GOAL_METRICS } from '@shared/scenario/schema';
import type { ScenarioIssue } from '@shared/scenario/load';
import { metricLabel } from '@renderer/shared/describe';
import type { GoalDraft } from './builder-draft';
import { controlProps, Field } from './field';

/** The agent's goals: metric, comparison, value, per day or in total, and the trailing window in days. */
export function GoalRows({ goals, issues, onChange }: { goals: GoalDraft[]; issues: readonly ScenarioIssue[]; onChange(goals: GoalDraft[]): void }) {
  const set = (i: number, patch: Partial<GoalDraft>) => onChange(goals.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <fieldset>
      <legend>Goals</legend>
      {goals.length === 0 && <p className="muted small">No goals: the agent maximises its objective within its constraints.</p>}
      {goals.map((g, i) => {
        const at = (key: string) => `goals[${i}].${key}`;
        return (
          <div key={i} className="goal-row" role="group" aria-label={`Goal ${i + 1}`}>
            <Field label={`Goal ${i + 1} metric`} path={at('metric')} issues={issues}>
              <select {...controlProps(at('metric'), issues)} value={g.metric} onChange={(e) => set(i, { metric: e.target.value })}>
                {GOAL_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {metricLabel(m)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Comparison" path={at('op')} issues={issues}>
              <select {...controlProps(at('op'), issues)} value={g.op} onChange={(e) => set(i, { op: e.target.value })}>
                <option value=">=">at least</option>
                <option value="<=">at most</option>
              </select>
            </Field>
            <Field label="Value" path={at('value')} issues={issues}>
              <input {...controlProps(at('value'), issues)} type="number" step="any" value={g.value} onChange={(e) => set(i, { value: e.target.value })} />
            </Field>
            <Field label="Per" path={at('per')} issues={issues}>
              <select {...controlProps(at('per'), issues)} value={g.per} onChange={(e) => set(i, { per: e.target.value })}>
                <option value="day">day</option>
                <option value="total">total</option>
              </select>
            </Field>
            <Field label="Window (days)" path={at('window')} issues={issues}>
              <input {...controlProps(at('window'), issues)} type="number" step="1" value={g.window} onChange={(e) => set(i, { window: e.target.value })} />
            </Field>
            <button type="button" className="link" onClick={() => onChange(goals.filter((_, j) => j !== i))}>
              Remove goal {i + 1}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...goals, { metric: 'roas', op: '>=', value: '', per: 'day', window: '7' }])}>
        Add goal
      </button>
    </fieldset>
  );
}
