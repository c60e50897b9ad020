import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase } from '@store/index';
import { tempDir } from './temp-dir';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

/** This build's migrations up to, not including, 0009_notifications: the build before it. */
function migrationsBeforeNotifications(): string {
  const folder = tmp.file('before-notifications');
  cpSync(DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === '0009_notifications');
  for (const entry of journal.entries.slice(at)) rmSync(join(folder, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('migration 0009_notifications', () => {
  it('adds the channels and the outbox to a database with records; alerts raised after queue for a channel added after', () => {
    const path = tmp.file('acme.db');
    const before = openDatabase({ path, migrationsFolder: migrationsBeforeNotifications() });
    // This build's alerts queue into the outbox, which the old schema lacks: the record before is an agent.
    before.agents.create({ id: 'a1', name: 'Keeper', definition: {}, goals: [] }, 1);
    before.close();

    const store = openDatabase({ path });
    try {
      expect(store.agents.get('a1')?.name).toBe('Keeper');
      expect(store.outbox.list()).toEqual([]);
      store.notifyChannels.add(
        { kind: 'slack', name: 'Ops', enabled: true, severities: ['critical'], quietHours: null, renotifyAfterMinutes: null, digestHour: null, email: null },
        2,
      );
      const next = store.alerts.raise({ createdAt: 3, kind: 'circuit_break', severity: 'critical', agentId: 'a1', message: 'raised after' });
      expect(store.outbox.list().map((m) => m.alertId)).toEqual([next.id]);
      expect(store.audit.verify().ok).toBe(true);
    } finally {
      store.close();
    }
  });
});
