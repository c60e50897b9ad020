import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@store/index';
import { ENTRY_COLUMNS } from '@store/audit/audit-log';
import { createCheckpointStore } from '@store/audit/checkpoints';
import { entryHash } from '@store/audit/entry-hash';
import { newKeyPem, signerFromPem } from '@store/audit/signing-key';
import { createDecisionExporter } from '@host/decision-exporter';
import type { AuditEntry } from '@shared/domain/audit';
import { AcmError } from '@shared/errors';
import { accountFile, tamper } from './account-file';
import { acm } from './cli-io';

const account = accountFile({ signed: true });

async function verify(): Promise<{ code: number; out: string }> {
  return acm('audit', 'verify', '--db', account.db);
}

/** The rows people read, each edited, deleted and inserted behind the app's back. */
const RECORDS = [
  {
    table: 'decisions',
    edit: `UPDATE decisions SET after = '{"kind":"budget","dailyBudget":805}', reasoning = 'Small raise within limits.' WHERE id = 'd2'`,
    remove: `DELETE FROM decisions WHERE id = 'd4'`,
    insert: `INSERT INTO decisions SELECT 'forged', created_at, agent_id, campaign_id, kind, before, after, reasoning, confidence, prediction_metric, prediction_window_hours,
      prediction_point, prediction_low80, prediction_high80, prediction_baseline, metrics, state, 'forged-key', approved_by, error, executed_at, NULL FROM decisions WHERE id = 'd2'`,
    row: { edit: 'd2', remove: 'd4', insert: 'forged' },
  },
  {
    table: 'agents',
    edit: `UPDATE agents SET definition = '{"role":"scale","constraints":{"maxDailySpend":99999}}' WHERE id = 'a1'`,
    remove: `DELETE FROM agents WHERE id = 'a2'`,
    insert: `INSERT INTO agents (id, name, status, definition, created_at, updated_at) VALUES ('a9', 'Ghost', 'active', '{}', 0, 0)`,
    row: { edit: 'a1', remove: 'a2', insert: 'a9' },
  },
  {
    table: 'alerts',
    edit: `UPDATE alerts SET message = 'all fine' WHERE id = 'al1'`,
    remove: `DELETE FROM alerts WHERE id = 'al1'`,
    insert: `INSERT INTO alerts (id, created_at, severity, kind, message, state) VALUES ('al9', 0, 'info', 'audit', 'nothing to see', 'resolved')`,
    row: { edit: 'al1', remove: 'al1', insert: 'al9' },
  },
  {
    table: 'conflicts',
    edit: `UPDATE conflicts SET rule = 'track record'`,
    remove: `DELETE FROM conflicts`,
    insert: `INSERT INTO conflicts SELECT 'c9', created_at, campaign_id, setting, loser_agent_id, winner_agent_id, rule, loser_proposal, winner_proposal, reviewed FROM conflicts`,
    row: { edit: undefined, remove: undefined, insert: 'c9' },
  },
  {
    table: 'outcomes',
    edit: `UPDATE outcomes SET within_interval = 1, actual = 560 WHERE decision_id = 'd2'`,
    remove: `DELETE FROM outcomes WHERE decision_id = 'd1'`,
    insert: `INSERT INTO outcomes (decision_id, evaluated_at, actual, error, within_interval, direction_correct) VALUES ('d3', 0, 1, 0, 1, 1)`,
    row: { edit: 'd2', remove: 'd1', insert: 'd3' },
  },
] as const;

describe('acm audit verify holds the rows people read to the chain', () => {
  for (const record of RECORDS) {
    it(`catches an edited ${record.table} row`, async () => {
      expect((await verify()).code).toBe(0);
      tamper(account.db, (s) => s.exec(record.edit));
      const edited = await verify();
      expect(edited.code).toBe(1);
      expect(edited.out).toMatch(new RegExp(`${record.table} row ${record.row.edit ?? '\\S+'} was changed outside the app`));
    });

    it(`catches a deleted ${record.table} row`, async () => {
      tamper(account.db, (s) => s.exec(record.remove));
      const removed = await verify();
      expect(removed.code).toBe(1);
      expect(removed.out).toMatch(new RegExp(`${record.table} row ${record.row.remove ?? '\\S+'} was deleted`));
    });

    it(`catches an inserted ${record.table} row`, async () => {
      tamper(account.db, (s) => s.exec(record.insert));
      const inserted = await verify();
      expect(inserted.code).toBe(1);
      expect(inserted.out).toMatch(new RegExp(`${record.table} row ${record.row.insert} has no audit entry`));
    });

    it(`refuses to export once a ${record.table} row was edited, from the app and from acm`, async () => {
      tamper(account.db, (s) => s.exec(record.edit));
      const store = openDatabase({ path: account.db });
      const exporter = createDecisionExporter(store, 'Client A');
      expect(() => exporter.prepare('csv', {})).toThrow(/export refused: the audit trail does not verify/);
      store.close();
      const cli = await acm('audit', 'export', '--db', account.db, '--format', 'csv', '--out', account.tmp.file('out.csv'));
      expect(cli.code).toBe(1);
      expect(cli.err).toMatch(/refused: the audit trail does not verify/);
      expect(existsSync(account.tmp.file('out.csv'))).toBe(false);
    });
  }

  it('names an inserted row', async () => {
    tamper(account.db, (s) => s.exec(RECORDS[0].insert));
    expect((await verify()).out).toContain('decisions row forged has no audit entry: it was inserted outside the app');
  });
});

describe('signing only what verifies, with the key in force', () => {
  it('fails a checkpoint re-signed with another key, unless the key change is recorded', async () => {
    tamper(account.db, (s) => {
      const checkpoint = createCheckpointStore(s).latest()!;
      const other = signerFromPem(newKeyPem(), 'attacker');
      s.prepare('DELETE FROM audit_checkpoints').run();
      createCheckpointStore(s).record({ count: checkpoint.count, hash: checkpoint.headHash }, other, checkpoint.signedAt);
    });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/signed with a key that was not in force|signing key is not the one the log says is in force/);
  });

  it('refuses to sign a forged chain the app is asked to sign', async () => {
    tamper(account.db, (s) => {
      const rows = s.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY seq`).all() as AuditEntry[];
      let prev = rows[6].hash;
      for (const row of rows.slice(7)) {
        const content = row.seq === 8 ? row.content.replace('operator', 'ceo') : row.content;
        const hash = entryHash({ ...row, content, prevHash: prev });
        s.prepare('UPDATE audit_log SET content = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(content, prev, hash, row.seq);
        prev = hash;
      }
    });
    const store = openDatabase({ path: account.db });
    const before = store.audit.latestCheckpoint();
    expect(() => store.audit.checkpoint()).toThrow(/refused to sign the audit log: it does not verify/);
    expect(store.audit.latestCheckpoint()).toEqual(before);
    store.close();
    const signed = await acm('audit', 'checkpoint', '--db', account.db, '--out', account.tmp.file('digest.json'));
    expect(signed.code).toBe(1);
    expect(existsSync(account.tmp.file('digest.json'))).toBe(false);
  });

  it('never replaces a missing key silently: signing is refused until it is restored or rotated, and a rotation is recorded', async () => {
    const key = `${account.db}.audit-key`;
    renameSync(key, `${key}.lost`);
    const store = openDatabase({ path: account.db });
    expect(() => store.audit.checkpoint()).toThrow(/audit signing key is missing .*acm audit rotate-key/);
    expect(existsSync(key)).toBe(false);
    store.close();

    const rotated = await acm('audit', 'rotate-key', '--db', account.db, '--reason', 'laptop stolen, old key gone');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('the old key was not at hand');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const after = await verify();
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/signing key recorded at entry \d+: laptop stolen, old key gone/);
  });

  it('a rotation with the old key at hand is endorsed by it, and the old key is kept', async () => {
    const rotated = await acm('audit', 'rotate-key', '--db', account.db, '--reason', 'yearly rotation');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('endorsed by the old key');
    const kept = rotated.out.match(/kept as (\S+)/)![1];
    expect(readFileSync(kept, 'utf8')).toContain('PRIVATE KEY');
    const after = await verify();
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/signing key recorded at entry \d+ \(endorsed by the key it replaced\): yearly rotation/);
  });

  it('restoring an old key after a rotation is refused: it is no longer the key in force', async () => {
    const key = `${account.db}.audit-key`;
    const old = readFileSync(key, 'utf8');
    await acm('audit', 'rotate-key', '--db', account.db, '--reason', 'yearly rotation');
    writeFileSync(key, old, { mode: 0o600 });
    const store = openDatabase({ path: account.db });
    store.alerts.raise({ createdAt: 0, severity: 'info', kind: 'audit', message: 'after the restore' });
    expect(() => store.audit.checkpoint()).toThrow(AcmError);
    store.close();
  });
});

describe('files', () => {
  it('keeps the database, its journal files and the key readable by their owner only', () => {
    const store = openDatabase({ path: account.db });
    store.alerts.raise({ createdAt: 0, severity: 'info', kind: 'audit', message: 'a write, so the WAL exists' });
    for (const file of [account.db, `${account.db}-wal`, `${account.db}-shm`, `${account.db}.audit-key`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    store.close();
  });

  it('verifies, exports and digests a read-only copy an auditor was given', async () => {
    chmodSync(account.db, 0o444);
    chmodSync(account.tmp.dir, 0o555);
    try {
      expect((await verify()).code).toBe(0);
      expect((await acm('audit', 'digest', '--db', account.db)).code).toBe(0);
    } finally {
      chmodSync(account.tmp.dir, 0o755);
      chmodSync(account.db, 0o644);
    }
  });
});
