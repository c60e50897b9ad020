import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { DEFAULT_RENDERER_DIR, ensureRendererBuilt } from '@host/renderer-build';
import { tempDir } from '../store/temp-dir';
import { acm, ask, connect, readDb, serve, until, type ServeProcess } from './serve-process';

const q4 = fileURLToPath(new URL('../../../resources/scenarios/q4-volatility.json', import.meta.url));
const marketShift = fileURLToPath(new URL('../../../resources/scenarios/market-shift.json', import.meta.url));
const FAST = ['--speed', '3600'];

interface Saved {
  hour: number;
  clockMs: number;
  closed: boolean;
  budgets: Record<string, number>;
}

const savedWorld = (db: Database.Database): Saved | undefined => {
  const row = db.prepare('SELECT state FROM sandbox_state').get() as { state: string } | undefined;
  if (!row) return undefined;
  const state = JSON.parse(row.state) as { hour: number; clockMs: number; closed: boolean; campaigns: { id: string; dailyBudget: number }[] };
  return { hour: state.hour, clockMs: state.clockMs, closed: state.closed, budgets: Object.fromEntries(state.campaigns.map((c) => [c.id, c.dailyBudget])) };
};
const namedStatuses = (agents: { name: string; status: string }[]) => Object.fromEntries(agents.map((a) => [a.name, a.status]));
const statuses = (db: Database.Database) => namedStatuses(db.prepare('SELECT name, status FROM agents').all() as { name: string; status: string }[]);
/** Each campaign's budget as the last executed budget decision (at or after `since`) set it. */
const decidedBudgets = (db: Database.Database, since = -Infinity) => {
  const rows = db
    .prepare(
      "SELECT campaign_id AS campaignId, after FROM decisions WHERE kind = 'budget' AND state IN ('executed', 'undone') AND executed_at >= ? ORDER BY executed_at, created_at",
    )
    .all(since === -Infinity ? Number.MIN_SAFE_INTEGER : since) as { campaignId: string; after: string }[];
  return Object.fromEntries(rows.map((r) => [r.campaignId, (JSON.parse(r.after) as { dailyBudget: number }).dailyBudget]));
};
const restarts = (db: Database.Database) =>
  (db.prepare("SELECT content FROM audit_log WHERE kind = 'host.restarted' ORDER BY seq").all() as { content: string }[]).map(
    (r) => JSON.parse(r.content) as { stop: string; savedAt: number; resumedAt: number; hour: number },
  );

let tmp: ReturnType<typeof tempDir>;
let running: ServeProcess[];
let sockets: WebSocket[];

beforeAll(() => ensureRendererBuilt(DEFAULT_RENDERER_DIR), 120_000);
beforeEach(() => {
  tmp = tempDir();
  running = [];
  sockets = [];
});
afterEach(async () => {
  for (const socket of sockets) socket.close();
  for (const served of running) {
    served.child.kill('SIGKILL');
    await served.exited;
  }
  tmp.remove();
});

async function start(args: string[]): Promise<{ served: ServeProcess; socket: WebSocket }> {
  const served = await serve(args);
  running.push(served);
  const socket = await connect(served);
  sockets.push(socket);
  return { served, socket };
}

async function stop(served: ServeProcess, signal: NodeJS.Signals): Promise<number | string> {
  served.child.kill(signal);
  const code = await served.exited;
  running = running.filter((s) => s !== served);
  return code;
}

/** Runs q4-volatility with its efficiency agent active until a simulated day has passed; returns what the platform saw last. */
async function runADay(db: string): Promise<{ served: ServeProcess; socket: WebSocket }> {
  const first = await start(['--db', db, ...FAST, '--scenario', q4]);
  const agents = await ask<{ id: string; name: string; status: string }[]>(first.socket, 'agents.list');
  expect(namedStatuses(agents)).toEqual({ 'Creative Lab': 'paused', Efficiency: 'paused' });
  await ask(first.socket, 'agents.activate', { id: agents.find((a) => a.name === 'Efficiency')!.id });
  const from = readDb(db, savedWorld)!.hour;
  await until('a simulated day with the agent active', () =>
    readDb(db, (d) => savedWorld(d)!.hour >= from + 24 && d.prepare('SELECT count(*) FROM decisions').pluck().get()),
  );
  return first;
}

/** The platform's budgets right after the restart, each as saved unless a decision since the restart changed it. */
async function expectBudgetsContinue(socket: WebSocket, db: string, saved: Saved, resumedAt: number): Promise<void> {
  for (;;) {
    const before = readDb(db, (d) => decidedBudgets(d, resumedAt));
    const campaigns = await ask<{ id: string; dailyBudget: number }[]>(socket, 'campaigns.list');
    const after = readDb(db, (d) => decidedBudgets(d, resumedAt));
    if (JSON.stringify(before) !== JSON.stringify(after)) continue;
    expect(Object.fromEntries(campaigns.map((c) => [c.id, c.dailyBudget]))).toEqual({ ...saved.budgets, ...after });
    return;
  }
}

describe('acm serve --db F continues where it stopped', { timeout: 150_000 }, () => {
  it('after SIGTERM: the clock, the budgets and the agents continue, and the audit chain verifies', async () => {
    const db = tmp.file('acm.db');
    const first = await runADay(db);
    expect(await stop(first.served, 'SIGTERM')).toBe(0);
    const saved = readDb(db, savedWorld)!;
    expect(saved.closed).toBe(true);
    for (const [campaignId, budget] of Object.entries(readDb(db, decidedBudgets))) expect(saved.budgets[campaignId]).toBe(budget);
    const agentsBefore = readDb(db, statuses);
    expect(agentsBefore).toEqual({ 'Creative Lab': 'paused', Efficiency: 'active' });

    // The same scenario again is fine (laid out differently, even): it is the one the file plays.
    const relaid = tmp.file('q4.json');
    writeFileSync(relaid, JSON.stringify(JSON.parse(readFileSync(q4, 'utf8')), null, 1));
    const second = await start(['--db', db, ...FAST, '--scenario', relaid]);
    const [restart] = readDb(db, restarts);
    expect(restart).toMatchObject({ stop: 'clean', savedAt: saved.clockMs, resumedAt: saved.clockMs, hour: saved.hour });
    expect(namedStatuses(await ask(second.socket, 'agents.list'))).toEqual({ 'Creative Lab': 'paused', Efficiency: 'active' });
    await expectBudgetsContinue(second.socket, db, saved, restart.resumedAt);
    await until('the restarted clock to run on from the saved hour', () => readDb(db, savedWorld)!.hour >= saved.hour + 2);
    expect(readDb(db, statuses)).toEqual(agentsBefore);
    expect(await stop(second.served, 'SIGTERM')).toBe(0);

    const verify = await acm(['audit', 'verify', '--db', db]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  it('after SIGKILL: no executed change is lost, the clock continues within the hour in progress, and the chain verifies', async () => {
    const db = tmp.file('acm.db');
    const first = await runADay(db);
    expect(await stop(first.served, 'SIGKILL')).toBe('SIGKILL');
    const saved = readDb(db, savedWorld)!;
    expect(saved.closed).toBe(false);
    // A change sent but not yet settled when the process died may be in the world already: the restart settles it.
    const unsettled = readDb(db, (d) => d.prepare("SELECT campaign_id FROM decisions WHERE state = 'pending'").pluck().all() as string[]);
    for (const [campaignId, budget] of Object.entries(readDb(db, decidedBudgets))) {
      if (!unsettled.includes(campaignId)) expect(saved.budgets[campaignId]).toBe(budget);
    }

    const second = await start(['--db', db, ...FAST]);
    const [restart] = readDb(db, restarts);
    expect(restart).toMatchObject({ stop: 'unclean', savedAt: saved.clockMs, hour: saved.hour });
    expect(restart.resumedAt).toBeGreaterThanOrEqual(saved.clockMs);
    expect(restart.resumedAt - saved.clockMs).toBeLessThan(2 * 3_600_000);
    expect(namedStatuses(await ask(second.socket, 'agents.list'))).toEqual({ 'Creative Lab': 'paused', Efficiency: 'active' });
    await expectBudgetsContinue(second.socket, db, saved, restart.resumedAt);
    expect(await stop(second.served, 'SIGTERM')).toBe(0);
    expect((await acm(['audit', 'verify', '--db', db])).code).toBe(0);
  });

  it('--scenario loads its agents paused on a new database, and is refused on a database that plays another', async () => {
    const db = tmp.file('acm.db');
    const first = await start(['--db', db, ...FAST, '--scenario', q4]);
    expect(readDb(db, statuses)).toEqual({ 'Creative Lab': 'paused', Efficiency: 'paused' });
    expect(await stop(first.served, 'SIGTERM')).toBe(0);

    const refused = await acm(['serve', '--port', '0', '--db', db, '--scenario', marketShift]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`acm serve: ${db} already plays the scenario "q4-volatility"`);
    expect(refused.stderr).toContain(`${marketShift} is another scenario ("market-shift"`);
    expect(readDb(db, statuses)).toEqual({ 'Creative Lab': 'paused', Efficiency: 'paused' });
  });
});
