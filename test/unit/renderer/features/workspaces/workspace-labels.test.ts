import { describe, expect, it } from 'vitest';
import type { WorkspaceException, WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { openAlertsText, screenOf, switcherLabel } from '@renderer/features/workspaces/workspace-labels';

const workspace = (name: string, critical: number, warning: number, info = 0): WorkspaceSummary => ({
  id: 1,
  name,
  currency: 'USD',
  timezone: 'UTC',
  openAlerts: { critical, warning, info },
  agents: { active: 0, paused: 0 },
  accounts: [],
});

const exception = (extra: Partial<WorkspaceException>): WorkspaceException => ({
  workspaceId: 2,
  workspaceName: 'Tokyo client',
  kind: 'escalation',
  severity: 'warning',
  message: 'm',
  createdAt: 0,
  timezone: 'Asia/Tokyo',
  ...extra,
});

describe('the switcher’s words', () => {
  it('name each workspace with its critical and warning alerts, leaving info out', () => {
    expect(switcherLabel(workspace('Tokyo client', 2, 1))).toBe('Tokyo client — 2 critical, 1 warning');
    expect(switcherLabel(workspace('Acme', 0, 3, 5))).toBe('Acme — 3 warnings');
    expect(switcherLabel(workspace('Acme', 0, 0, 5))).toBe('Acme — no open alerts');
    expect(openAlertsText(workspace('x', 1, 0))).toBe('1 critical');
  });
});

describe('an exception of All clients', () => {
  it('opens where it is dealt with: an alert in Alerts, a decision alone in the Audit trail', () => {
    expect(screenOf(exception({ alertId: 'a1', decisionId: 'd1' }))).toBe('alerts');
    expect(screenOf(exception({ kind: 'goal_at_risk', alertId: 'a2' }))).toBe('alerts');
    expect(screenOf(exception({ decisionId: 'd1' }))).toBe('audit');
    expect(screenOf(exception({ kind: 'connection' }))).toBe('monitor');
  });
});
