import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAlert, Store } from '@store/index';
import { addAgent, memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
  addAgent(store, 'a1');
});
afterEach(() => store.close());

const alert = (id: string, severity: NewAlert['severity'], at: number): NewAlert => ({
  id,
  createdAt: T0 + at,
  severity,
  kind: 'blocked',
  agentId: 'a1',
  message: `budget change on c1 blocked (${id})`,
});

describe('alerts', () => {
  it('counts open alerts by severity until they are acknowledged or resolved', () => {
    store.alerts.raise(alert('x1', 'critical', 1));
    store.alerts.raise(alert('x2', 'warning', 2));
    store.alerts.raise(alert('x3', 'warning', 3));
    expect(store.alerts.countOpen()).toEqual({ total: 3, info: 0, warning: 2, critical: 1 });

    expect(store.alerts.acknowledge('x2')).toBe(true);
    expect(store.alerts.resolve('x1')).toBe(true);
    expect(store.alerts.countOpen()).toEqual({ total: 1, info: 0, warning: 1, critical: 0 });
    expect(store.alerts.listOpen().map((a) => a.id)).toEqual(['x3']);
    expect(store.alerts.list({ states: ['acknowledged', 'open'] }).map((a) => a.id)).toEqual(['x3', 'x2']);
  });

  it('moves only forward, and names an unknown alert', () => {
    store.alerts.raise(alert('x1', 'info', 1));
    expect(store.alerts.resolve('x1')).toBe(true);
    expect(store.alerts.acknowledge('x1')).toBe(false);
    expect(store.alerts.resolve('x1')).toBe(false);
    expect(() => store.alerts.acknowledge('x9')).toThrow('no alert with id x9');
  });

  it('reads back what was raised, newest first', () => {
    const raised = store.alerts.raise({ createdAt: T0, severity: 'info', kind: 'goal_at_risk', message: 'ROAS 3.2 < 4 over 7 days' });
    store.alerts.raise(alert('x2', 'warning', 5));
    expect(raised.state).toBe('open');
    expect(store.alerts.list()).toEqual([{ ...alert('x2', 'warning', 5), state: 'open' }, raised]);
  });

  it('refuses an unknown severity naming the constraint', () => {
    expect(() => store.alerts.raise({ ...alert('x1', 'info', 0), severity: 'loud' as never })).toThrow(
      'alert x1: CHECK constraint failed: alert_severity_valid',
    );
  });
});
