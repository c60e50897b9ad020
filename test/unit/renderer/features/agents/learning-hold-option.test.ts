import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyDraft, fromDefinition, toDefinition } from '@renderer/features/agents/builder-draft';
import { LearningHoldOption } from '@renderer/features/agents/learning-hold-option';
import { AgentDefinitionSchema } from '@shared/scenario/schema';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('the agent builder’s hold while learning', () => {
  it('shows the option with a line saying what it does', () => {
    const html = renderToStaticMarkup(createElement(LearningHoldOption, { checked: true, onChange: () => undefined }));
    expect(text(html).trim()).toBe(
      'Hold budget changes while an audience is learningA budget change restarts the platform’s learning phase: the agent waits until it ends (not while learning is limited).',
    );
    expect(html).toMatch(/<input type="checkbox"[^>]* checked=""/);
  });

  it('is off for a new agent and leaves its definition as before; on, it is saved and read back', () => {
    const draft = { ...emptyDraft(), name: 'Efficiency' };
    expect(toDefinition(draft).constraints).not.toHaveProperty('holdBudgetWhileLearning');
    const saved = AgentDefinitionSchema.parse(toDefinition({ ...draft, holdBudgetWhileLearning: true }));
    expect(saved.constraints.holdBudgetWhileLearning).toBe(true);
    expect(fromDefinition(saved).holdBudgetWhileLearning).toBe(true);
    expect(fromDefinition(AgentDefinitionSchema.parse(toDefinition(draft))).holdBudgetWhileLearning).toBe(false);
  });
});
