import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase } from '@store/index';
import { connectionOf } from '@store/testing';
import { tempDir } from './temp-dir';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

/** This build's migrations up to, not including, 0011_experiments: the build before it. */
function migrationsBeforeExperiments(): string {
  const folder = tmp.file('before-experiments');
  cpSync(DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === '0011_experiments');
  for (const entry of journal.entries.slice(at)) rmSync(join(folder, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

const assignment = {
  seed: 3,
  treatment: ['c1'],
  holdout: ['c2'],
  pairs: [{ treatment: 'c1', holdout: 'c2' }],
  balance: { treatment: { spend: 1, revenue: 4, roas: 4 }, holdout: { spend: 1, revenue: 4, roas: 4 }, standardizedDiff: { spend: 0, roas: 0 } },
};

describe('migration 0011_experiments', () => {
  it('keeps the audit log whole, chained and append-only, and admits experiments and their entries', () => {
    const path = tmp.file('acme.db');
    const before = openDatabase({ path, migrationsFolder: migrationsBeforeExperiments() });
    before.agents.create({ id: 'a1', name: 'Keeper', definition: {}, goals: [] }, 1);
    before.agents.setStatus('a1', 'paused', 2);
    before.audit.checkpoint();
    const entries = before.audit.entries();
    before.close();

    const store = openDatabase({ path });
    try {
      expect(store.audit.entries()).toEqual(entries);
      const created = store.experiments.create(
        {
          name: 'Q1 holdout',
          agentIds: ['a1'],
          assignment,
          startDate: '2026-01-05',
          endDate: '2026-03-05',
          durationDays: 60,
          preDays: 28,
          power: { lift: 0.15, daysNeeded: null, note: 'too short a pre-period to say' },
        },
        3,
      );
      store.experiments.stop(created.id, 4, 'client asked');
      expect(store.audit.entries().map((e) => e.kind)).toEqual(['agent.created', 'agent.paused', 'audit.key', 'experiment.created', 'experiment.stopped']);
      expect(store.audit.verify().ok).toBe(true);
      const db = connectionOf(store);
      expect(() => db.prepare(`UPDATE audit_log SET content = '{}' WHERE seq = 1`).run()).toThrow('audit_log is append-only: entries cannot be changed');
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow('audit_log is append-only: entries cannot be deleted');
    } finally {
      store.close();
    }
  });
});
