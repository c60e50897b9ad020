import { emptyDraft, type Draft, type GoalDraft } from './builder-draft';

const goal = (metric: string, op: '>=' | '<=', value: number): GoalDraft => ({ metric, op, value: String(value), per: 'day', window: '7' });

/** Starting points by specialty; every field stays editable. */
export const ROLE_TEMPLATES: { label: string; description: string; draft(): Draft }[] = [
  {
    label: 'Efficiency',
    description: 'Cuts spend where the return is below the goal, pauses what cannot reach it.',
    draft: () => ({ ...emptyDraft(), name: 'Efficiency agent', role: 'efficiency', objective: 'revenue', goals: [goal('roas', '>=', 3)] }),
  },
  {
    label: 'Scale',
    description: 'Raises spend where the return beats the goal, in steps, until returns diminish.',
    draft: () => ({ ...emptyDraft(), name: 'Scale agent', role: 'scale', objective: 'conversions', goals: [goal('cpa', '<=', 40)] }),
  },
  {
    label: 'Creative testing',
    description: 'Shifts delivery among creatives and retires the losers.',
    draft: () => ({ ...emptyDraft(), name: 'Creative testing agent', role: 'creative', objective: 'conversions', actions: ['creative', 'budget'] }),
  },
  { label: 'From scratch', description: 'Every field empty or at its default.', draft: emptyDraft },
];

/** Goals in plain words, as an operator would say them. */
export const PRESETS: { label: string; apply(draft: Draft): Draft }[] = [
  {
    label: 'Maximise ROAS above 4x',
    apply: (d) => ({ ...d, role: d.role === 'custom' ? 'efficiency' : d.role, objective: 'revenue', goals: [goal('roas', '>=', 4)] }),
  },
  {
    label: 'Scale to $10K/day with CPA under $50',
    apply: (d) => ({
      ...d,
      role: d.role === 'custom' ? 'scale' : d.role,
      objective: 'conversions',
      goals: [goal('spend', '>=', 10000), goal('cpa', '<=', 50)],
    }),
  },
  { label: 'Keep CPA under $30', apply: (d) => ({ ...d, objective: 'conversions', goals: [goal('cpa', '<=', 30)] }) },
];
