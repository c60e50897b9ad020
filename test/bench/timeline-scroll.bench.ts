import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '@host/start-host';
import { openDatabase } from '@store/index';
import { DECISION_COLUMNS, decisionParams } from '@store/repositories/decision-rows';
import type { Decision, DecisionState } from '@shared/domain/decision';
import { AgentDefinitionSchema, type AgentDefinition } from '@shared/scenario/schema';
import { launchChromium, median } from './browser';
import type { Benchmark } from './harness';
import { connectionOf } from '@store/testing';

const MILLION = 1_000_000;
const AGENTS = 10;
const STEPS = 100;
const T0 = Date.UTC(2026, 0, 5);
// Settled states only: a real account's escalations are answered or withdrawn within a day.
const STATES: DecisionState[] = ['executed', 'executed', 'executed', 'cancelled', 'blocked', 'failed', 'undone'];

const agentDefinition = (a: number): AgentDefinition =>
  AgentDefinitionSchema.parse({
    name: `Agent ${a}`,
    role: 'efficiency',
    priority: 1,
    campaigns: '*',
    objective: 'revenue',
    goals: [{ metric: 'roas', op: '>=', value: 4 }],
    status: 'paused',
  });

/** A million decisions of paused agents, one a minute, written with raw SQL: the engine would take hours. */
function writeMillion(path: string): void {
  const store = openDatabase({ path });
  try {
    for (let a = 0; a < AGENTS; a++) store.agents.create({ id: `a${a}`, name: `Agent ${a}`, definition: agentDefinition(a), goals: [], status: 'paused' }, T0);
    const insert = connectionOf(store).prepare(`INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`);
    for (let b = 0; b < MILLION; b += 10_000) {
      connectionOf(store).transaction(() => {
        for (let i = b; i < b + 10_000; i++) {
          const budget = 100 + (i % 50);
          insert.run(
            decisionParams({
              id: `d${String(i).padStart(8, '0')}`,
              createdAt: T0 + i * 60_000,
              agentId: `a${i % AGENTS}`,
              campaignId: `c${i % 200}`,
              kind: 'budget',
              before: { kind: 'budget', dailyBudget: budget },
              after: { kind: 'budget', dailyBudget: budget + 10 },
              reasoning: `Raise daily budget $${budget} -> $${budget + 10} (+10%): each extra dollar returns $4.60 of revenue, above the goal of 4x with 4% headroom.`,
              confidence: 0.72,
              prediction: { metric: 'revenue', windowHours: 72, point: 1520.5, low80: 1310.25, high80: 1744.75, baseline: 1401 },
              metrics: { spend3d: 312.4, revenue3d: 1402.2 },
              state: STATES[Math.floor(i / 7) % STATES.length],
              idempotencyKey: `k${i}`,
            } as Decision),
          );
        }
      })();
    }
  } finally {
    store.close();
  }
}

/**
 * The Audit trail over 1M decisions on `acm serve`: the virtualised timeline is dragged from its
 * top to its very end in equal steps, each a jump of ~10k rows that fetches only the page it lands
 * on (by offset). A step is timed from the scroll to the frame painted with every row in view
 * loaded. The DOM must keep only a window of rows, and the last step must show the oldest decision.
 */
export const timelineScrollBenchmark: Benchmark = {
  name: 'timeline-scroll',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'acm-bench-scroll-'));
    const databasePath = join(dir, 'million.db');
    writeMillion(databasePath);
    const host = await startHost({ databasePath, port: 0, log: () => {} });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper the page lacks.
      await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail', exact: true }).click();
      const list = page.getByRole('list', { name: 'Decision timeline' });
      await list.getByRole('button').first().waitFor();
      const total = Number(await list.getAttribute('aria-rowcount'));
      if (total !== MILLION) throw new Error(`the timeline spans ${total} rows, not ${MILLION}`);
      const steps: number[] = [];
      let maxRowsInDom = 0;
      for (let step = 1; step <= STEPS; step++) {
        const result = await list.evaluate(
          (el, share) =>
            new Promise<{ ms: number; rows: number }>((resolve, reject) => {
              const start = performance.now();
              const range = el.scrollHeight - el.clientHeight;
              el.scrollTop = range * share;
              const count = Number(el.getAttribute('aria-rowcount'));
              // The row the viewport's top edge lands on, by the list's proportional mapping.
              const expected = Math.min(count - 1, Math.floor((el.scrollTop * ((count * 60 - el.clientHeight) / range)) / 60));
              const deadline = start + 10_000;
              const check = () => {
                const rows = [...el.querySelectorAll<HTMLElement>('[role="listitem"]')];
                const landed = rows.some((r) => Math.abs(Number(r.dataset.index) - expected) <= 2);
                if (landed && !rows.some((r) => r.hasAttribute('data-pending')))
                  requestAnimationFrame(() => resolve({ ms: performance.now() - start, rows: rows.length }));
                else if (performance.now() > deadline) reject(new Error(`rows around ${expected} not loaded after 10 s`));
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }),
          step / STEPS,
        );
        steps.push(result.ms);
        maxRowsInDom = Math.max(maxRowsInDom, result.rows);
      }
      const last = list.getByRole('listitem').last();
      const lastPosition = Number(await last.getAttribute('aria-posinset'));
      const oldest = (await last.textContent()) ?? '';
      if (lastPosition !== MILLION || !oldest.includes('$100 -> $110'))
        throw new Error(`the end of the timeline shows row ${lastPosition} (${oldest.slice(0, 80)}), not the oldest decision`);
      const sorted = [...steps].sort((a, b) => a - b);
      return [
        {
          name: `timeline scroll over 1M decisions: ms per step (jump ~${Math.round(MILLION / STEPS).toLocaleString('en-US')} rows, rows in view fetched and painted), median of ${STEPS}`,
          value: Number(median(steps).toFixed(1)),
          kind: 'count',
          unit: 'ms',
        },
        {
          name: 'timeline scroll over 1M decisions: ms per step, p95',
          value: Number(sorted[Math.floor(sorted.length * 0.95)].toFixed(1)),
          kind: 'count',
          unit: 'ms',
        },
        {
          name: 'timeline scroll over 1M decisions: last row reached',
          value: lastPosition,
          kind: 'count',
          unit: 'rows',
          target: `= ${MILLION}`,
          ok: lastPosition === MILLION,
        },
        {
          name: `timeline rows in the DOM at most, over ${total.toLocaleString('en-US')} rows`,
          value: maxRowsInDom,
          kind: 'count',
          unit: 'rows',
          target: '<= 40',
          ok: maxRowsInDom <= 40,
        },
      ];
    } finally {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
