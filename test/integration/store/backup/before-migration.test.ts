import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newKeyPem } from '@store/audit/signing-key';
import { openDatabase } from '@store/index';
import { tempDir } from '../temp-dir';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

/** A database the schema-4 build wrote: two agents, five decisions, 24 audit entries; with a key beside it, as that build kept it. */
const schema4 = new URL('../fixtures/schema-4-account.db', import.meta.url);

function previousVersionFile(): string {
  const path = tmp.file('acm.db');
  cpSync(schema4, path);
  writeFileSync(`${path}.audit-key`, newKeyPem(), { mode: 0o600 });
  return path;
}

function readRaw<T>(path: string, fn: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(path, { readonly: true });
  try {
    return fn(sqlite);
  } finally {
    sqlite.close();
  }
}

const versionOf = (path: string) => readRaw(path, (sqlite) => sqlite.pragma('user_version', { simple: true }));

describe('the backup taken before a migration', () => {
  it('keeps the file as the previous build wrote it, with its data and its key, beside the migrated one', () => {
    const path = previousVersionFile();
    const store = openDatabase({ path });
    const version = store.schemaVersion;
    store.close();

    const backup = `${path}.before-v${version}.bak`;
    expect(version).toBeGreaterThan(4);
    expect(versionOf(path)).toBe(version);
    expect(versionOf(backup)).toBe(4);
    readRaw(backup, (sqlite) => {
      expect(sqlite.prepare('SELECT name FROM agents ORDER BY name').pluck().all()).toHaveLength(2);
      expect(sqlite.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(5);
      expect(sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(24);
      expect(sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'workspaces'`).get()).toBeUndefined();
    });
    expect(readFileSync(`${backup}.audit-key`, 'utf8')).toBe(readFileSync(`${path}.audit-key`, 'utf8'));
    if (process.platform !== 'win32') expect(statSync(`${backup}.audit-key`).mode & 0o777).toBe(0o600);
    // A whole SQLite file, as the previous build left it.
    expect(readRaw(backup, (sqlite) => sqlite.prepare('PRAGMA integrity_check').pluck().get())).toBe('ok');
  });

  it('names a second backup of the same step by its time, never over the first', () => {
    const path = previousVersionFile();
    const store = openDatabase({ path });
    const first = `${path}.before-v${store.schemaVersion}.bak`;
    store.close();
    const kept = readFileSync(first);
    cpSync(schema4, path);
    const again = openDatabase({ path });
    expect(again.backupBeforeMigration).toMatch(new RegExp(`\\.before-v${again.schemaVersion}\\.\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.bak$`));
    again.close();
    expect(readFileSync(first).equals(kept)).toBe(true);
  });

  it('is not taken for a new file, a current one, or a read-only look', () => {
    const path = tmp.file('new.db');
    const created = openDatabase({ path });
    expect(created.backupBeforeMigration).toBeUndefined();
    created.close();
    const current = openDatabase({ path });
    expect(current.backupBeforeMigration).toBeUndefined();
    current.close();
    const old = previousVersionFile();
    expect(() => openDatabase({ path: old, readonly: true })).toThrow(/older schema version/);
    expect(existsSync(`${old}.before-v${current.schemaVersion}.bak`)).toBe(false);
  });

  it('when it cannot be written, nothing is migrated', () => {
    const path = previousVersionFile();
    const version = openDatabase({ path: ':memory:' });
    const target = `${path}.before-v${version.schemaVersion}.bak`;
    version.close();
    // Something in the way of the draft copy (a folder by its name): the copy cannot be written.
    mkdirSync(`${target}.partial-${process.pid}`);
    expect(() => openDatabase({ path })).toThrow(
      new RegExp(
        `^could not back up ${path.replace(/[.\\]/g, '\\$&')} before migrating it from schema version 4 to ${version.schemaVersion} \\(.*\\); nothing was migrated$`,
      ),
    );
    expect(versionOf(path)).toBe(4);
    expect(existsSync(target)).toBe(false);
  });
});
