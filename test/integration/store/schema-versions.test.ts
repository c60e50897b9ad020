import Database from 'better-sqlite3';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, NewerDatabaseError, openDatabase } from '@store/index';
import { tempDir } from './temp-dir';
import { connectionOf } from '@store/testing';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

/** A copy of this build's migrations plus one more, as the next version of the app would ship. */
function nextVersionMigrations(): string {
  const folder = tmp.file('next-migrations');
  cpSync(DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const last = journal.entries[journal.entries.length - 1];
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_next' });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(folder, '9999_next.sql'), 'ALTER TABLE `agents` ADD `color` text;');
  return folder;
}

function withRawDb(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function expectRefusedAndUntouched(path: string, databaseVersion: number, buildVersion: number): void {
  const before = readFileSync(path);
  let error: unknown;
  try {
    openDatabase({ path }).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(NewerDatabaseError);
  const refusal = error as NewerDatabaseError;
  expect(refusal.message).toContain(path);
  expect(refusal.message).toContain(`database schema version ${databaseVersion}`);
  expect(refusal.message).toContain(`this build knows schema version ${buildVersion}`);
  expect(readFileSync(path).equals(before)).toBe(true);
}

describe('schema versions', () => {
  it("refuses a database whose user_version is higher than this build's, leaving it untouched", () => {
    const path = tmp.file('bumped.db');
    const store = openDatabase({ path });
    const version = store.schemaVersion;
    store.agents.create({ id: 'a1', name: 'A', definition: {}, goals: [] }, 0);
    store.close();
    withRawDb(path, (db) => db.pragma(`user_version = ${version + 5}`));
    expectRefusedAndUntouched(path, version + 5, version);
  });

  it('refuses a database that has a migration this build does not know', () => {
    const path = tmp.file('newer.db');
    const newer = openDatabase({ path, migrationsFolder: nextVersionMigrations() });
    const newerVersion = newer.schemaVersion;
    newer.close();
    expectRefusedAndUntouched(path, newerVersion, newerVersion - 1);
    expect(() => openDatabase({ path })).toThrow(/a migration this build does not know/);
  });

  it('migrates an older database forward, keeping its rows', () => {
    const path = tmp.file('older.db');
    const old = openDatabase({ path });
    const version = old.schemaVersion;
    old.agents.create({ id: 'a1', name: 'Scaler', definition: { priority: 2 }, goals: [] }, 0);
    old.alerts.raise({ id: 'x1', createdAt: 1, severity: 'critical', kind: 'circuit_break', agentId: 'a1', message: 'stop' });
    old.close();

    const next = nextVersionMigrations();
    expect(() => openDatabase({ path, migrationsFolder: next, readonly: true })).toThrow(
      `${path} is at an older schema version (${version}) than this build (${version + 1}); open it once read-write to migrate it`,
    );
    const upgraded = openDatabase({ path, migrationsFolder: next });
    expect(connectionOf(upgraded).pragma('user_version', { simple: true })).toBe(upgraded.schemaVersion);
    expect(upgraded.agents.get('a1')?.definition).toEqual({ priority: 2 });
    expect(upgraded.alerts.countOpen().critical).toBe(1);
    expect(connectionOf(upgraded).prepare('SELECT color FROM agents').pluck().get()).toBeNull();
    upgraded.close();
  });

  it('rolls a failing migration back whole and says which file', () => {
    const path = tmp.file('broken.db');
    const current = openDatabase({ path });
    const version = current.schemaVersion;
    current.close();
    const next = nextVersionMigrations();
    writeFileSync(join(next, '9999_next.sql'), 'CREATE TABLE `extra` (`id` text);\n--> statement-breakpoint\nALTER TABLE `nope` ADD `x` text;');
    expect(() => openDatabase({ path, migrationsFolder: next })).toThrow(`migrating ${path} to schema version ${version + 1} failed: no such table: nope`);
    withRawDb(path, (db) => {
      expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'extra'`).pluck().get()).toBe(0);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
    });
  });
});

describe('the upgrade that binds the rows people read to the chain (schema 4 → 5)', () => {
  /** A database the previous version wrote: two agents, their decisions, outcomes, a conflict and an alert, 24 audit entries. */
  const previous = new URL('./fixtures/schema-4-account.db', import.meta.url);

  it('binds every existing row as it stands: the chain verifies, and an edit made after the upgrade is caught', () => {
    const path = tmp.file('upgraded.db');
    cpSync(previous, path);
    const store = openDatabase({ path });
    const bound = store.audit.entries(24, 1000).filter((e) => e.kind === 'record.bound');
    // 2 agents, 5 decisions, 2 outcomes, 1 conflict, 1 alert.
    expect(bound.map((e) => e.rowTable).sort()).toEqual([
      'agents',
      'agents',
      'alerts',
      'conflicts',
      'decisions',
      'decisions',
      'decisions',
      'decisions',
      'decisions',
      'outcomes',
      'outcomes',
    ]);
    expect(store.audit.verify()).toMatchObject({ ok: true, count: 24 + bound.length });
    store.close();

    withRawDb(path, (db) => {
      db.exec('DROP TRIGGER decisions_settled_fields_only');
      db.prepare(`UPDATE decisions SET reasoning = 'Small raise within limits.' WHERE id = 'd2'`).run();
    });
    const reopened = openDatabase({ path, readonly: true });
    expect(reopened.audit.verify()).toMatchObject({ ok: false, problem: expect.stringContaining('decisions row d2 was changed outside the app') });
    reopened.close();
  });
});
