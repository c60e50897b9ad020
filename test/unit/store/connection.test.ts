import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Store } from '@store/index';
import { addAgent, decision, memoryStore } from './fixtures';
import { connectionOf } from '@store/testing';

let store: Store;
afterEach(() => store?.close());

describe('openDatabase on a fresh database', () => {
  it('creates every table and records the schema version', () => {
    store = memoryStore();
    const tables = connectionOf(store).prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all();
    expect(tables).toEqual([
      '__drizzle_migrations',
      'accounts',
      'agent_goals',
      'agents',
      'alerts',
      'audit_checkpoints',
      'audit_log',
      'campaign_leases',
      'campaign_snapshots',
      'conflicts',
      'decisions',
      'experiments',
      'hourly_metrics',
      'notify_channels',
      'notify_outbox',
      'outcomes',
      'platform_idempotency',
      'platform_pauses',
      'sandbox_hours',
      'sandbox_state',
      'workspace_profile',
      'workspaces',
    ]);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(connectionOf(store).pragma('user_version', { simple: true })).toBe(store.schemaVersion);
  });

  it('enforces foreign keys', () => {
    store = memoryStore();
    expect(connectionOf(store).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => store.decisions.insert(decision({ id: 'd1', agentId: 'nobody' }))).toThrow(/d1: FOREIGN KEY constraint failed/);
    expect(() => store.alerts.raise({ createdAt: 0, severity: 'info', kind: 'blocked', decisionId: 'missing', message: 'x' })).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('names a migrations folder that is not one', () => {
    expect(() => openDatabase({ path: ':memory:', migrationsFolder: '/nonexistent/migrations' })).toThrow(
      'migrations folder /nonexistent/migrations has no meta/_journal.json',
    );
  });
});

describe('store.immediate', () => {
  it('commits what the function wrote when it returns', () => {
    store = memoryStore();
    const result = store.immediate(() => {
      addAgent(store, 'a1');
      store.decisions.insert(decision({ id: 'd1' }));
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.decisions.get('d1')?.state).toBe('proposed');
  });

  it('rolls back everything the function wrote when it throws', () => {
    store = memoryStore();
    addAgent(store, 'a1');
    expect(() =>
      store.immediate(() => {
        store.decisions.insert(decision({ id: 'd1' }));
        store.alerts.raise({ createdAt: 0, severity: 'warning', kind: 'blocked', decisionId: 'd1', message: 'blocked' });
        throw new Error('platform said no');
      }),
    ).toThrow('platform said no');
    expect(store.decisions.get('d1')).toBeUndefined();
    expect(store.alerts.countOpen().total).toBe(0);
  });

  it('refuses an async function and keeps nothing it wrote', () => {
    store = memoryStore();
    expect(() =>
      store.immediate(async () => {
        addAgent(store, 'a1');
      }),
    ).toThrow(/synchronous function/);
    expect(store.agents.list()).toEqual([]);
  });
});
