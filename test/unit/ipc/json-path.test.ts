import { describe, expect, it } from 'vitest';
import { formatJsonPath } from '@ipc/validation-error';

describe('JSON path of a validation problem', () => {
  it('reads like JavaScript property access', () => {
    expect(formatJsonPath(['goals', 0, 'value'])).toBe('goals[0].value');
    expect(formatJsonPath([2, 'name'])).toBe('[2].name');
    expect(formatJsonPath(['labels', 'odd key'])).toBe('labels["odd key"]');
    expect(formatJsonPath([])).toBe('');
  });
});
