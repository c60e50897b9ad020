import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Store } from '@store/index';
import { tempDir } from './temp-dir';
import { connectionOf } from '@store/testing';

const tmp = tempDir();
const open: Store[] = [];
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
});
afterAll(() => tmp.remove());

function pragmas(store: Store) {
  const p = (name: string) => connectionOf(store).pragma(name, { simple: true });
  return { journal: p('journal_mode'), synchronous: p('synchronous'), foreignKeys: p('foreign_keys'), busyTimeout: p('busy_timeout') };
}

describe('pragmas on a database file', () => {
  it('are the same on the first connection and on a second one to the existing WAL file', () => {
    const path = tmp.file('pragmas.db');
    const first = openDatabase({ path });
    open.push(first);
    first.agents.create({ id: 'a1', name: 'A', definition: {}, goals: [] }, 0);
    const second = openDatabase({ path });
    open.push(second);
    for (const store of [first, second]) {
      expect(pragmas(store)).toEqual({ journal: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    }
    expect(second.agents.get('a1')?.name).toBe('A');
  });

  it('hold for a read-only connection too', () => {
    const path = tmp.file('readonly.db');
    openDatabase({ path }).close();
    const reader = openDatabase({ path, readonly: true });
    open.push(reader);
    expect(pragmas(reader)).toEqual({ journal: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    expect(() => reader.agents.create({ name: 'B', definition: {}, goals: [] }, 0)).toThrow(/readonly/);
  });
});

describe('opening a database file', () => {
  it('names a file that cannot be opened', () => {
    const missing = tmp.file('missing.db');
    expect(() => openDatabase({ path: missing, readonly: true })).toThrow(`cannot open database ${missing}`);
    expect(() => openDatabase({ path: tmp.file('no-such-dir/x.db') })).toThrow(/cannot open database .*no-such-dir/);
  });
});
