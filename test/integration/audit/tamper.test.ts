import type Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@store/index';
import { ENTRY_COLUMNS as ENTRY } from '@store/audit/audit-log';
import { entryHash } from '@store/audit/entry-hash';
import type { AuditEntry } from '@shared/domain/audit';
import { accountFile, tamper } from './account-file';
import { acm } from './cli-io';

const account = accountFile();

/** Rewrites every entry's prevHash and hash from `fromSeq` on, as a careful attacker would. */
function rehashFrom(sqlite: Database.Database, fromSeq: number): void {
  const rows = sqlite.prepare(`SELECT ${ENTRY} FROM audit_log ORDER BY seq`).all() as AuditEntry[];
  let prev = rows[fromSeq - 2]?.hash ?? '0'.repeat(64);
  for (const row of rows.slice(fromSeq - 1)) {
    const hash = entryHash({ ...row, prevHash: prev });
    sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
}

async function signDigest(): Promise<string> {
  const file = account.tmp.file('digest.json');
  const signed = await acm('audit', 'checkpoint', '--db', account.db, '--out', file);
  expect(signed.code).toBe(0);
  return file;
}

describe('acm audit verify', () => {
  it('passes an intact log, printing the entry count', async () => {
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/^audit log intact: 24 entries, head [0-9a-f]{64}/);
  });

  it('names an edited entry', async () => {
    tamper(account.db, (s) => s.prepare(`UPDATE audit_log SET content = replace(content, 'ROAS 5.1', 'ROAS 9.1') WHERE seq = 3`).run());
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 3: entry 3 was altered');
  });

  it('names an edited entry even when its own hash was recomputed', async () => {
    tamper(account.db, (s) => {
      const row = s.prepare(`SELECT ${ENTRY} FROM audit_log WHERE seq = 8`).get() as AuditEntry;
      const content = row.content.replace('operator', 'ceo');
      s.prepare('UPDATE audit_log SET content = ?, hash = ? WHERE seq = 8').run(content, entryHash({ ...row, content }));
    });
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 8: entry 8 was altered and its hash recomputed');
  });

  it('names a deleted entry', async () => {
    tamper(account.db, (s) => s.prepare('DELETE FROM audit_log WHERE seq = 5').run());
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 5: entry 5 is missing');
  });

  it('names an inserted entry, even one hashed into the chain', async () => {
    tamper(account.db, (s) => {
      const prev = s.prepare(`SELECT ${ENTRY} FROM audit_log WHERE seq = 9`).get() as AuditEntry;
      s.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 10').run();
      s.prepare('UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1010').run();
      const forged = {
        ...prev,
        seq: 10,
        kind: 'decision.approved' as const,
        content: '{"from":"escalated","to":"pending","approvedBy":"operator"}',
        prevHash: prev.hash,
      };
      s.prepare(
        'INSERT INTO audit_log (seq, at, kind, subject, agent_id, campaign_id, decision_id, content, row_table, row_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        forged.seq,
        forged.at,
        forged.kind,
        forged.subject,
        forged.agentId,
        forged.campaignId,
        forged.decisionId,
        forged.content,
        forged.rowTable,
        forged.rowHash,
        forged.prevHash,
        entryHash(forged),
      );
    });
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 10: entry 10 was inserted');
  });

  it('names the first of two reordered entries', async () => {
    tamper(account.db, (s) => {
      s.prepare('UPDATE audit_log SET seq = -1 WHERE seq = 12').run();
      s.prepare('UPDATE audit_log SET seq = 12 WHERE seq = 13').run();
      s.prepare('UPDATE audit_log SET seq = 13 WHERE seq = -1').run();
    });
    const result = await acm('audit', 'verify', '--db', account.db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 12: entry 12 is out of place');
  });

  it('catches with a digest a chain rewritten whole, which alone looks intact', async () => {
    const digest = await signDigest();
    tamper(account.db, (s) => {
      s.prepare(`UPDATE audit_log SET content = replace(content, 'operator', 'ceo') WHERE seq = 8`).run();
      rehashFrom(s, 8);
      s.prepare('DELETE FROM audit_checkpoints').run();
    });
    expect((await acm('audit', 'verify', '--db', account.db)).code).toBe(0);
    const result = await acm('audit', 'verify', '--db', account.db, '--digest', digest);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at entry 25: entry 25 is not the one digest ${digest} signed`);
  });

  it('catches with a digest entries cut from the end', async () => {
    const digest = await signDigest();
    tamper(account.db, (s) => {
      s.prepare('DELETE FROM audit_log WHERE seq > 20').run();
      s.prepare('DELETE FROM audit_checkpoints').run();
    });
    const result = await acm('audit', 'verify', '--db', account.db, '--digest', digest);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at entry 21: entry 21 is missing: the log ends at entry 20');
  });

  it('accepts a digest the log has grown past, and refuses a forged one', async () => {
    const digest = await signDigest();
    const store = openDatabase({ path: account.db });
    store.alerts.resolve('al1');
    store.close();
    const ok = await acm('audit', 'verify', '--db', account.db, '--digest', digest);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('26 entries');
    expect(ok.out).toContain(`extends digest ${digest} (entry 25`);

    const forged = JSON.parse(readFileSync(digest, 'utf8'));
    writeFileSync(digest, JSON.stringify({ ...forged, count: 26, headHash: 'a'.repeat(64) }));
    const refused = await acm('audit', 'verify', '--db', account.db, '--digest', digest);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('its signature does not verify');
  });

  it('explains bad input with exit code 2', async () => {
    expect(await acm('audit', 'verify')).toMatchObject({ code: 2, err: 'acm audit verify: --db FILE is required' });
    expect((await acm('audit', 'verify', '--db', account.tmp.file('none.db'))).err).toContain('--db: no such file');
    writeFileSync(account.tmp.file('bad.json'), JSON.stringify({ format: 'acm-audit-digest/1', algorithm: 'ed25519', count: 3, headHash: 'xyz' }));
    const bad = await acm('audit', 'verify', '--db', account.db, '--digest', account.tmp.file('bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('headHash: must be 64 lowercase hex digits');
  });
});
