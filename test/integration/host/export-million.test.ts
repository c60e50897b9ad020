import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import type { Decision, DecisionState } from '@shared/domain/decision';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { createServices } from '@host/services';
import { diskExportDestination } from '@host/export-to-disk';
import type { AgentControl } from '@ipc/services';
import { createIpcServer } from '@ipc/server';
import { openDatabase, type Store } from '@store/index';
import { DECISION_COLUMNS, decisionParams } from '@store/repositories/decision-rows';
import { connectionOf } from '@store/testing';
import { oneWorkspace } from '../../unit/ipc/one-workspace';

const MILLION = 1_000_000;
const T0 = Date.UTC(2026, 0, 5);
const STATES: DecisionState[] = ['executed', 'executed', 'executed', 'cancelled', 'blocked', 'escalated', 'failed', 'undone'];

function decision(i: number): Decision {
  return {
    id: `d${String(i).padStart(8, '0')}`,
    createdAt: T0 + i * 60_000,
    agentId: `a${i % 10}`,
    campaignId: `c${i % 200}`,
    kind: 'budget',
    before: { kind: 'budget', dailyBudget: 100 + (i % 50) },
    after: { kind: 'budget', dailyBudget: 110 + (i % 50) },
    reasoning: `Raise daily budget $${100 + (i % 50)} -> $${110 + (i % 50)} (+10%): each extra dollar returns $4.60 of revenue, above the goal of 4x.`,
    confidence: 0.72,
    prediction: { metric: 'revenue', windowHours: 72, point: 1520.5, low80: 1310.25, high80: 1744.75, baseline: 1401 },
    metrics: { spend3d: 312.4, revenue3d: 1402.2 },
    state: STATES[i % STATES.length],
    idempotencyKey: `k${i}`,
  } as Decision;
}

/** A million decisions by raw SQL in a few big transactions: the engine would take hours to make them. */
function seed(store: Store): void {
  const sqlite = connectionOf(store);
  sqlite.transaction(() => {
    for (let a = 0; a < 10; a++) store.agents.create({ id: `a${a}`, name: `Agent ${a}`, definition: {}, goals: [] }, T0);
  })();
  const insert = sqlite.prepare(`INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`);
  for (let b = 0; b < MILLION; b += 50_000) {
    sqlite.transaction(() => {
      for (let i = b; i < b + 50_000; i++) insert.run(decisionParams(decision(i)));
    })();
  }
}

/** Counts the CSV's records by their line ends, reading the file a chunk at a time (the reasoning holds no line break). */
async function recordsIn(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return lines - 1;
}

describe('Export CSV of a million decisions, from the app’s handler to disk', () => {
  let dir: string;
  let store: Store;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'acm-export-million-'));
    store = openDatabase({ path: join(dir, 'million.db') });
    seed(store);
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams the file to the chosen path with flat memory; the answer carries its size, not its bytes', { timeout: 120_000 }, async () => {
    // The rows were inserted behind the log's back; verifying a million-entry chain is the store's own suite's business.
    vi.spyOn(store.audit, 'verify').mockReturnValue({ ok: true, count: MILLION, headHash: '0'.repeat(64), anchors: 0, keyEvents: [] });
    vi.spyOn(store.audit, 'digestIfAny').mockReturnValue(undefined);
    const chosen = join(dir, 'million.csv');
    const platform = { id: 'sandbox', currency: 'USD', listCampaigns: async () => [] } as unknown as PlatformAdapter;
    const services = createServices({
      platform,
      clock: new ManualClock(T0),
      store,
      runtime: {} as AgentControl,
      accountName: 'Million',
      zone: AccountZone.of('America/New_York'),
      exportDestination: diskExportDestination({ choose: async () => chosen, reveal: () => undefined }),
      tickIntervalMs: 3_600_000,
    });
    const ipc = createIpcServer(oneWorkspace(services));

    global.gc?.();
    const baseline = process.memoryUsage.rss();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage.rss()), 10);
    const started = performance.now();
    const answer = await ipc.handle('decisions.export', { format: 'csv', filter: {} });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    samples.push(process.memoryUsage.rss());
    const peak = Math.max(...samples);
    // Flat: whatever the writer needs it has by halfway; the second half of the rows adds nothing.
    const half = Math.floor(samples.length / 2);
    const lateGrowth = Math.max(...samples.slice(half)) - Math.max(...samples.slice(0, half));
    services.close();

    const size = statSync(chosen).size;
    const growth = peak - baseline;
    console.log(
      `exported ${MILLION.toLocaleString('en-US')} decisions (${(size / 2 ** 20).toFixed(0)} MiB) in ${seconds.toFixed(1)} s; ` +
        `RSS ${(baseline / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${(growth / 2 ** 20).toFixed(1)} MiB, ${(lateGrowth / 2 ** 20).toFixed(1)} MiB more in the second half); ` +
        `process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    expect(answer).toMatchObject({ ok: true, value: { saved: chosen, rows: MILLION } });
    expect(answer.ok && answer.value).toMatchObject({ bytes: size });
    expect(JSON.stringify(answer).length).toBeLessThan(1000);
    expect(await recordsIn(chosen)).toBe(MILLION);
    expect(readFileSync(chosen).subarray(0, 40).toString('utf8')).toMatch(/^\uFEFFtimestamp,decision_id,/);
    expect(lateGrowth).toBeLessThan(16 * 2 ** 20);
    // The old answer held the file as bytes and again as base64, 2.3 times its size (past V8's longest string at this size).
    expect(growth).toBeLessThan(size / 2);
  });
});
