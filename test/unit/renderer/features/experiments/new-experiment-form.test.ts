import { describe, expect, it } from 'vitest';
import { IpcCallError } from '@renderer/ipc/client';
import { initialDraft, problemsOf, readCreate, readPlan, samePlan, toggled, type ExperimentDraft } from '@renderer/features/experiments/new-experiment-form';

const picked = (overrides: Partial<ExperimentDraft> = {}): ExperimentDraft => ({
  ...initialDraft(),
  campaignIds: ['c1', 'c2', 'c3'],
  agentIds: ['a1'],
  ...overrides,
});

describe('the New experiment form', () => {
  it('starts from the contract defaults: 60 days, a 28-day pre-period, a +15% lift, a random split', () => {
    expect(readPlan(picked())).toEqual({
      request: { campaignIds: ['c1', 'c2', 'c3'], agentIds: ['a1'], durationDays: 60, preDays: 28, detectableLift: 0.15 },
      problems: { fields: {} },
    });
  });

  it('reads the lift in percent, and a seed only when one is typed', () => {
    expect(readPlan(picked({ liftPercent: ' 7.5 ', seed: '42', durationDays: '90' })).request).toMatchObject({
      detectableLift: 0.075,
      seed: 42,
      durationDays: 90,
    });
  });

  it('names every problem beside its field before asking the host', () => {
    const { request, problems } = readPlan({ ...initialDraft(), campaignIds: ['c1'], durationDays: '3', preDays: 'x', liftPercent: '0', seed: '-1' });
    expect(request).toBeUndefined();
    expect(Object.keys(problems.fields).sort()).toEqual(['agentIds', 'campaignIds', 'durationDays', 'liftPercent', 'preDays', 'seed']);
    expect(problems.fields.durationDays).toContain('from 7 to 365');
  });

  it('starts the split that was previewed: the preview’s seed and day, and the name trimmed', () => {
    expect(readCreate(picked({ name: '  Agents vs hands-off  ' }), { seed: 9, startDate: '2026-03-02' }).request).toMatchObject({
      seed: 9,
      startDate: '2026-03-02',
      name: 'Agents vs hands-off',
      campaignIds: ['c1', 'c2', 'c3'],
    });
    expect(readCreate(picked({ seed: '1' }), { seed: 1, startDate: '2026-03-02' }).problems.fields.name).toMatch(/name/);
  });

  it('keeps a preview only while the choices it was drawn for stand', () => {
    const before = readPlan(picked()).request;
    expect(samePlan(before, readPlan(picked({ name: 'renamed' })).request)).toBe(true);
    expect(samePlan(before, readPlan(picked({ preDays: '14' })).request)).toBe(false);
    expect(samePlan(before, readPlan(picked({ campaignIds: ['c1'] })).request)).toBe(false);
  });

  it('adds and removes a choice in the order picked', () => {
    expect(toggled(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
  });

  it('puts the host’s refusal beside the field its path names, or above the form', () => {
    const refusal = (path?: string) => new IpcCallError('experiments.create', { code: 'INVALID_INPUT', message: 'no good', path });
    expect(problemsOf(refusal('detectableLift'))).toEqual({ fields: { liftPercent: 'no good' } });
    expect(problemsOf(refusal('campaignIds[1]'))).toEqual({ fields: { campaignIds: 'no good' } });
    expect(problemsOf(refusal())).toEqual({ fields: {}, form: 'no good' });
    expect(problemsOf(new Error('lost'))).toEqual({ fields: {}, form: 'lost' });
  });
});
