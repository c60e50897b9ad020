import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentDefinitionSchema } from '@shared/scenario/schema';
import { openDatabase } from '@store/index';
import { createSharedAccount } from './support/shared-platform';

const run = promisify(execFile);
const hostScript = fileURLToPath(new URL('./support/host-process.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'acm-two-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START = Date.UTC(2026, 2, 2);
const DAYS = 12;

describe('two host processes on one database', () => {
  it('with four agents contending for the same campaigns: never change a setting twice for one decision, and every change has exactly one decision', async () => {
    const storePath = join(dir, 'acm.db');
    const platformPath = join(dir, 'account.db');
    createSharedAccount(
      platformPath,
      [
        { id: 'a', dailyBudget: 1000, maxConversions: 200, halfSaturationSpend: 800 },
        { id: 'b', dailyBudget: 2000, maxConversions: 60, halfSaturationSpend: 3000 },
        { id: 'c', dailyBudget: 500, maxConversions: 120, halfSaturationSpend: 1500 },
        { id: 'd', dailyBudget: 800, maxConversions: 90, halfSaturationSpend: 400 },
      ],
      START,
    );
    const store = openDatabase({ path: storePath });
    const constraints = { minConversionsToAct: 5, cooldownHours: 24 };
    for (const agent of [
      { name: 'Scale', role: 'scale', priority: 2, campaigns: '*', objective: 'conversions', goals: [{ metric: 'cpa', op: '<=', value: 40 }], constraints },
      {
        name: 'Efficiency',
        role: 'efficiency',
        priority: 1,
        campaigns: '*',
        objective: 'revenue',
        goals: [{ metric: 'roas', op: '>=', value: 3 }],
        constraints,
      },
      { name: 'Profit', role: 'custom', priority: 1, campaigns: ['a', 'b', 'c'], objective: 'profit', goals: [], constraints },
      {
        name: 'Volume',
        role: 'scale',
        priority: 3,
        campaigns: ['c', 'd'],
        objective: 'conversions',
        goals: [{ metric: 'cpa', op: '<=', value: 30 }],
        constraints,
      },
    ]) {
      const definition = AgentDefinitionSchema.parse(agent);
      store.agents.create({ name: definition.name, definition, goals: definition.goals }, START);
    }
    store.close();

    const host = (seed: number) =>
      run(process.execPath, ['--import', 'tsx', hostScript, storePath, platformPath, String(START), String(DAYS * 24), String(seed), '2'], {
        timeout: 120_000,
      });
    await Promise.all([host(1), host(2)]);

    const account = new Database(platformPath, { readonly: true });
    const applied = account.prepare('SELECT key, campaign_id AS campaignId, change FROM applied ORDER BY seq').all() as {
      key: string;
      campaignId: string;
      change: string;
    }[];
    account.close();
    const check = openDatabase({ path: storePath });
    const decisions = check.decisions.page({}, undefined, 500).items;
    check.close();

    const byKey = new Map(decisions.map((d) => [d.idempotencyKey, d]));
    expect(applied.length).toBeGreaterThan(0);
    for (const change of applied) {
      const decision = byKey.get(change.key);
      expect(decision, `change ${change.change} has no decision`).toBeDefined();
      expect(decision!.state).toBe('executed');
      expect(JSON.parse(change.change)).toEqual({
        kind: 'budget',
        campaignId: decision!.campaignId,
        dailyBudget: (decision!.after as { dailyBudget: number }).dailyBudget,
      });
    }
    // Each executed decision made exactly one change: none is claimed by two decisions, none made twice.
    const executed = decisions.filter((d) => d.state === 'executed');
    expect(executed.map((d) => d.idempotencyKey).sort()).toEqual(applied.map((a) => a.key).sort());
    // Both hosts ran the same agents in step: whatever a host decided that the other had done already stood down.
    for (const d of decisions.filter((x) => x.state === 'cancelled'))
      expect(d.error).toMatch(/already made by decision|changed since the decision was made|another host/);
  });
});
