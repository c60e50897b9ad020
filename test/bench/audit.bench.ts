import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Store } from '@store/index';
import { writeDecisionsCsv } from '@store/exports/csv-export';
import { DECISION_COLUMNS, decisionContent, decisionParams } from '@store/repositories/decision-rows';
import type { Decision, DecisionState } from '@shared/domain/decision';
import type { DecisionFilter } from '@store/index';
import { ratio, type Benchmark, type BenchRow } from './harness';
import { connectionOf } from '@store/testing';

const APPENDS = 20_000;
const BATCH = 1000;
const MILLION = 1_000_000;
const AGENTS = 10;
const CAMPAIGNS = 200;
const STATES: DecisionState[] = ['executed', 'executed', 'executed', 'executed', 'cancelled', 'blocked', 'escalated', 'failed', 'undone', 'executed'];
const T0 = Date.UTC(2026, 0, 5);

function sampleDecision(i: number): Decision {
  return {
    id: `d${String(i).padStart(8, '0')}`,
    createdAt: T0 + i * 60_000,
    agentId: `a${i % AGENTS}`,
    campaignId: `c${i % CAMPAIGNS}`,
    kind: 'budget',
    before: { kind: 'budget', dailyBudget: 100 + (i % 50) },
    after: { kind: 'budget', dailyBudget: 110 + (i % 50) },
    reasoning: `Raise daily budget $${100 + (i % 50)} -> $${110 + (i % 50)} (+10%): each extra dollar returns $4.60 of revenue, above the goal of 4x with 4% headroom.`,
    confidence: 0.72,
    prediction: { metric: 'revenue', windowHours: 72, point: 1520.5, low80: 1310.25, high80: 1744.75, baseline: 1401 },
    metrics: { spend3d: 312.4, revenue3d: 1402.2, conversions3d: 31.5, delayHours: 9 },
    state: STATES[Math.floor(i / 7) % STATES.length],
    idempotencyKey: `k${i}`,
  } as Decision;
}

/** The log's own append (head read, sha256, insert, periodic signature) against a bare insert of the same rows. */
async function appendRatio(): Promise<BenchRow[]> {
  const contents = Array.from({ length: APPENDS }, (_, i) => decisionContent(decisionParams(sampleDecision(i))));
  const fakeHash = 'f'.repeat(64);
  const chained = () => {
    const store = openDatabase({ path: ':memory:' });
    for (let b = 0; b < APPENDS; b += BATCH) {
      store.immediate(() => {
        for (let i = b; i < b + BATCH; i++)
          store.audit.append({ kind: 'decision.proposed', subject: `d${i}`, agentId: 'a1', campaignId: 'c1', decisionId: `d${i}`, content: contents[i] });
      });
    }
    store.close();
  };
  const bare = () => {
    const store = openDatabase({ path: ':memory:' });
    connectionOf(store).exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
    const insert = connectionOf(store).prepare(
      'INSERT INTO audit_log (seq, at, kind, subject, agent_id, campaign_id, decision_id, content, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let b = 0; b < APPENDS; b += BATCH) {
      store.immediate(() => {
        for (let i = b; i < b + BATCH; i++) insert.run(i + 1, T0, 'decision.proposed', `d${i}`, 'a1', 'c1', `d${i}`, contents[i], fakeHash, fakeHash);
      });
    }
    store.close();
  };
  const withDecisions = () => {
    const store = openDatabase({ path: ':memory:' });
    store.agents.create({ id: 'a0', name: 'A', definition: {}, goals: [] }, T0);
    for (let b = 0; b < APPENDS; b += BATCH) {
      store.immediate(() => {
        for (let i = b; i < b + BATCH; i++) store.decisions.insert({ ...sampleDecision(i), agentId: 'a0' });
      });
    }
    store.close();
  };
  const bareDecisions = () => {
    const store = openDatabase({ path: ':memory:' });
    store.agents.create({ id: 'a0', name: 'A', definition: {}, goals: [] }, T0);
    const insert = connectionOf(store).prepare(`INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`);
    for (let b = 0; b < APPENDS; b += BATCH) {
      store.immediate(() => {
        for (let i = b; i < b + BATCH; i++) insert.run(decisionParams({ ...sampleDecision(i), agentId: 'a0' }));
      });
    }
    store.close();
  };
  const value = await ratio(chained, bare, 5);
  return [
    {
      name: `append ${APPENDS.toLocaleString('en-US')} decision entries to the chained log vs a bare prepared insert of the same rows`,
      value,
      kind: 'ratio',
      target: '<= 2.0',
      ok: value <= 2,
    },
    { name: 'decisions.insert with its audit entry vs a bare decision insert', value: await ratio(withDecisions, bareDecisions, 3), kind: 'ratio' },
  ];
}

/** A million decisions (and one audit entry each) written with raw SQL: the engine would take hours. */
function millionDecisions(store: Store): void {
  const sqlite = connectionOf(store);
  sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
  sqlite.transaction(() => {
    for (let a = 0; a < AGENTS; a++) store.agents.create({ id: `a${a}`, name: `Agent ${a}`, definition: {}, goals: [] }, T0);
  })();
  const insert = sqlite.prepare(`INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`);
  const entry = sqlite.prepare(
    'INSERT INTO audit_log (seq, at, kind, subject, agent_id, campaign_id, decision_id, content, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let prev = '0'.repeat(64);
  const seqBase = (sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number) + 1;
  for (let b = 0; b < MILLION; b += 10_000) {
    sqlite.transaction(() => {
      for (let i = b; i < b + 10_000; i++) {
        const d = sampleDecision(i);
        insert.run(decisionParams(d));
        const hash = createHash('sha256').update(prev).update(d.id).digest('hex');
        entry.run(seqBase + i, d.createdAt, 'decision.proposed', d.id, d.agentId, d.campaignId, d.id, '{}', prev, hash);
        prev = hash;
      }
    })();
  }
}

function timelinePageP95(store: Store): number {
  const filters: DecisionFilter[] = [
    {},
    { agentId: 'a3' },
    { campaignId: 'c17' },
    { states: ['escalated'] },
    { kinds: ['budget'], states: ['blocked', 'failed'] },
    { agentId: 'a5', states: ['executed'] },
    { from: T0 + 200_000 * 60_000, to: T0 + 260_000 * 60_000 },
    { campaignId: 'c42', from: T0 + 500_000 * 60_000 },
  ];
  const times: number[] = [];
  for (let round = 0; round < 25; round++) {
    for (const filter of filters) {
      let start = performance.now();
      const first = store.decisions.page(filter, undefined, 50);
      times.push(performance.now() - start);
      if (first.next) {
        start = performance.now();
        store.decisions.page(filter, first.next, 50);
        times.push(performance.now() - start);
      }
      const deep = { createdAt: T0 + (900_000 - round * 30_000) * 60_000, id: 'd99999999' };
      start = performance.now();
      store.decisions.page(filter, deep, 50);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)];
}

export const auditBenchmark: Benchmark = {
  name: 'audit',
  async run() {
    const rows = await appendRatio();
    const dir = mkdtempSync(join(tmpdir(), 'acm-bench-audit-'));
    const store = openDatabase({ path: join(dir, 'million.db') });
    try {
      millionDecisions(store);
      const p95 = timelinePageP95(store);
      rows.push({
        name: 'filtered timeline page (keyset, 50 rows) over 1M decisions, p95',
        value: Number(p95.toFixed(2)),
        kind: 'count',
        unit: 'ms',
        target: '< 50 ms',
        ok: p95 < 50,
      });
      const started = performance.now();
      // In a zone with daylight saving and a currency with cents: every row's time and amounts are converted.
      const labels = { name: 'Bench', currency: 'USD', timezone: 'America/New_York' };
      const { rows: written } = await writeDecisionsCsv(connectionOf(store), join(dir, 'million.csv'), {}, labels);
      const perSecond = Math.round(written / ((performance.now() - started) / 1000));
      rows.push({
        name: `CSV export of ${written.toLocaleString('en-US')} decisions (streamed)`,
        value: perSecond,
        kind: 'count',
        unit: 'rows/s',
        target: '>= 100k rows/s',
        ok: perSecond >= 100_000,
      });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
