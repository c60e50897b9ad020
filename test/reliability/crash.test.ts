import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '@shared/random';
import { main } from '@cli/main';
import { openDatabase } from '@store/index';
import { runChild, type ChildRun, type KillAt } from './support/child-run';
import { reportFigures } from './support/figures';
import { readJournal, type JournalLine } from './support/platform-journal';
import { connectionOf } from '@store/testing';

const KILLS = 50;
/** Every fifth kill lands as a change commits on the platform, before its decision is settled. */
const TARGETED_EVERY = 5;

interface Observation {
  states: Map<string, string>;
  keyOf: Map<string, string>;
  auditCount: number;
  chain: { ok: boolean; problem?: string };
}

/** What the database holds after a kill: the next start's WAL recovery is SQLite's, done on open. */
function observe(dbPath: string): Observation {
  const store = openDatabase({ path: dbPath });
  try {
    const rows = connectionOf(store).prepare('SELECT id, state, idempotency_key AS key FROM decisions').all() as { id: string; state: string; key: string }[];
    const verdict = store.audit.verify();
    return {
      states: new Map(rows.map((r) => [r.id, r.state])),
      keyOf: new Map(rows.map((r) => [r.id, r.key])),
      auditCount: store.audit.head().count,
      chain: verdict.ok ? { ok: true } : { ok: false, problem: verdict.problem },
    };
  } finally {
    store.close();
  }
}

function lineOf(run: ChildRun, prefix: string): string | undefined {
  return run.lines.find((l) => l.startsWith(prefix));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acm-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crash: agents killed with SIGKILL at random moments, 50 times', () => {
  it(
    'lose no committed entry, keep the chain intact, apply every change once with its decision, and settle what was pending',
    { timeout: 600_000 },
    async () => {
      const db = join(dir, 'acm.db');
      const journalPath = join(dir, 'platform.journal');
      const random = new SeededRandom(20260105);
      let previous: Observation | undefined;
      let killsWithPending = 0;
      let settledOnRestart = 0;
      let pendingBefore: string[] = [];

      const check = (run: ChildRun, index: number) => {
        // Settled on this start: exactly what the last kill left pending, and nothing stays pending.
        // A kill can also land while a start is settling (its first change commits): then the
        // line never came, and the next start settles what is still pending.
        const settledLine = lineOf(run, 'settled ');
        const settled = settledLine
          ? settledLine
              .split(' ')
              .slice(2)
              .map((s) => s.split(':'))
          : [];
        if (settledLine) expect(settled.map(([id]) => id).sort(), `start ${index} settles the decisions left pending`).toEqual([...pendingBefore].sort());
        for (const [, state] of settled) expect(['executed', 'failed', 'cancelled']).toContain(state);
        settledOnRestart += settled.length;

        const now = observe(db);
        // A decision whose change the platform had already taken must settle as executed, whatever else is going on.
        const appliedKeys = new Set(readJournal(journalPath).flatMap((l) => (l.t === 'apply' ? [l.key] : [])));
        for (const [id] of settled) {
          if (appliedKeys.has(now.keyOf.get(id)!))
            expect(now.states.get(id), `decision ${id}, whose change had landed before kill ${index - 1}`).toBe('executed');
        }
        expect(now.chain, `audit chain after kill ${index}`).toEqual({ ok: true });
        const declared = readJournal(journalPath)
          .filter((l): l is Extract<JournalLine, { t: 'hour' }> => l.t === 'hour')
          .reduce((max, l) => Math.max(max, l.auditCount), 0);
        expect(now.auditCount, `audit entries the child had committed before kill ${index}`).toBeGreaterThanOrEqual(declared);
        if (previous) {
          expect(now.auditCount).toBeGreaterThanOrEqual(previous.auditCount);
          const lost = [...previous.states.keys()].filter((id) => !now.states.has(id));
          expect(lost, `decisions lost by kill ${index}`).toEqual([]);
          for (const [id, state] of previous.states) {
            // A settled decision never moves back; only an executed one may later be undone.
            if (state !== 'pending' && state !== 'proposed' && state !== 'escalated') expect([state, 'undone']).toContain(now.states.get(id));
          }
        }
        pendingBefore = [...now.states].filter(([, s]) => s === 'pending').map(([id]) => id);
        if (pendingBefore.length > 0) killsWithPending++;
        previous = now;
      };

      for (let i = 0; i < KILLS; i++) {
        const targeted = i % TARGETED_EVERY === TARGETED_EVERY - 1;
        const killAt: KillAt = targeted ? { onApplied: 1 + Math.floor(random.next() * 3) } : { afterReadyMs: Math.floor(random.next() * 700) };
        const run = await runChild(db, journalPath, { killAt, latencyMs: targeted ? 40 : 3 });
        expect(run.stderr, `child ${i} wrote to stderr`).toBe('');
        expect(run.killed, `child ${i} was still running when the kill came (exit code ${run.code})`).toBe(true);
        check(run, i);
      }

      const last = await runChild(db, journalPath, { latencyMs: 0, settleOnly: true });
      expect(last.code, last.stderr).toBe(0);
      check(last, KILLS);
      const final = previous!;
      expect([...final.states.values()].filter((s) => s === 'pending')).toEqual([]);

      // Every change the platform took is traceable to exactly one decision, which is executed;
      // every executed decision reached the platform exactly once.
      const applies = readJournal(journalPath).filter((l): l is Extract<JournalLine, { t: 'apply' }> => l.t === 'apply');
      const decisionByKey = new Map([...final.keyOf].map(([id, key]) => [key, id]));
      expect(new Set(applies.map((a) => a.key)).size, 'idempotency keys applied twice').toBe(applies.length);
      const orphans = applies.filter((a) => !decisionByKey.has(a.key));
      expect(orphans, 'changes applied without a decision').toEqual([]);
      const appliedDecisions = applies.map((a) => decisionByKey.get(a.key)!);
      for (const id of appliedDecisions) expect(['executed', 'undone'], `decision ${id} reached the platform`).toContain(final.states.get(id));
      const executed = [...final.states].filter(([, s]) => s === 'executed' || s === 'undone').map(([id]) => id);
      expect(executed.sort()).toEqual([...appliedDecisions].sort());

      const out: string[] = [];
      const code = await main(['audit', 'verify', '--db', db], { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false });
      expect(out.join('\n')).toMatch(/^audit log intact: \d+ entries/);
      expect(code).toBe(0);
      expect(killsWithPending).toBeGreaterThanOrEqual(KILLS / TARGETED_EVERY);

      reportFigures('crash', {
        SIGKILLs: KILLS,
        'kills that left decisions pending': killsWithPending,
        'decisions settled on restart': settledOnRestart,
        decisions: final.states.size,
        'changes applied': applies.length,
        'audit entries': final.auditCount,
        'lost entries': 0,
        'changes applied twice': 0,
      });
    },
  );
});
