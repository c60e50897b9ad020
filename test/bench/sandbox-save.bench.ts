import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenarioPath, openSandboxAccount, parseWorldState } from '@platforms/sandbox/index';
import { HOUR_MS, ManualClock } from '@shared/time';
import { openDatabase } from '@store/index';
import { connectionOf } from '@store/testing';
import { readScenarioFile } from '@host/scenario-source';
import type { Benchmark, BenchRow } from './harness';

const DAYS_BEFORE = [1, 365];
const HOURS_TIMED = 48;

/**
 * What saving the built-in sandbox account costs (one transaction of the state and the hour's
 * row, on a file with synchronous=FULL), on its first day and after a year: the same, since a
 * save writes what changed, not the world. Against a bare one-row commit on the same file.
 */
export const sandboxSaveBenchmark: Benchmark = {
  name: 'sandbox-save',
  async run() {
    const { scenario, text } = await readScenarioFile(defaultScenarioPath());
    const rows: BenchRow[] = [];
    for (const days of DAYS_BEFORE) {
      const dir = mkdtempSync(join(tmpdir(), 'acm-bench-save-'));
      const store = openDatabase({ path: join(dir, 'acm.db') });
      try {
        const clock = new ManualClock(Date.parse('2026-03-02T00:00:00Z'));
        const accountId = store.accounts.connect({
          platform: 'sandbox',
          externalId: 'sandbox',
          name: 'bench',
          currency: 'USD',
          timezone: 'UTC',
          createdAt: 0,
        }).id;
        let bytes = 0;
        let saves = 0;
        const times: number[] = [];
        const sink = {
          save(update: { state: string; savedAt: number; hours: { hour: number; data: Float64Array }[] }) {
            const start = performance.now();
            store.sandboxState.save(accountId, update);
            times.push(performance.now() - start);
            bytes += update.state.length + update.hours.reduce((n, h) => n + h.data.byteLength, 0);
            saves++;
          },
        };
        const account = openSandboxAccount({ scenario, clock, sink });
        store.sandboxState.begin(accountId, text, { state: '{}', savedAt: 0, hours: [] });
        clock.advance(days * 24 * HOUR_MS);
        account.catchUp();
        times.length = 0;
        bytes = 0;
        saves = 0;
        const total = performance.now();
        for (let h = 0; h < HOURS_TIMED; h++) {
          clock.advance(HOUR_MS);
          account.catchUp();
        }
        const perHour = (performance.now() - total) / HOURS_TIMED;
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)];
        const touch = connectionOf(store).prepare('UPDATE sandbox_state SET saved_at = saved_at + 1 WHERE account_id = ?');
        const bare: number[] = [];
        for (let i = 0; i < HOURS_TIMED; i++) {
          const start = performance.now();
          store.immediate(() => touch.run(accountId));
          bare.push(performance.now() - start);
        }
        bare.sort((a, b) => a - b);
        const floor = bare[Math.floor(bare.length / 2)];
        const restoreStart = performance.now();
        const saved = store.sandboxState.get(accountId)!;
        const state = parseWorldState(saved.state, 'bench');
        openSandboxAccount({ scenario, clock, saved: { state, hours: store.sandboxState.hours(accountId), where: 'bench' } });
        const restoreMs = performance.now() - restoreStart;
        rows.push(
          { name: `restoring the world saved after ${days} days (read and replay)`, value: Math.round(restoreMs * 10) / 10, kind: 'count', unit: 'ms' },
          {
            name: `save of the built-in account after ${days} days (state + hour row, one commit)`,
            value: Math.round(median * 1000) / 1000,
            kind: 'count',
            unit: 'ms',
          },
          { name: `save after ${days} days vs a bare one-row commit on the same file`, value: median / floor, kind: 'ratio' },
          { name: `simulating and saving one hour after ${days} days`, value: Math.round(perHour * 1000) / 1000, kind: 'count', unit: 'ms' },
          { name: `bytes written per save after ${days} days`, value: Math.round(bytes / saves), kind: 'count', unit: 'B' },
        );
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return rows;
  },
};
