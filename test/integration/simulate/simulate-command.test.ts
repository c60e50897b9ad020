import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import type { CommandIO } from '@cli/command';

const run = promisify(execFile);
const acm = fileURLToPath(new URL('../../../electron/cli/acm.mjs', import.meta.url));
const scenariosDir = fileURLToPath(new URL('../../../resources/scenarios/', import.meta.url));
const single = join(scenariosDir, 'single-agent-roas.json');

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

const tenMistakes = {
  format: 'acm-scenario/1',
  name: 'broken',
  days: 900,
  start: '2026-13-01',
  weekly: [1, 1, 1],
  campaigns: [
    { id: 'a', name: 'A', dailyBudget: 0, response: { maxConversions: 10, halfSaturationSpend: 100 }, orderValue: { mean: 50 } },
    {
      id: 'a',
      name: 'B',
      dailyBudget: 10,
      response: { maxConversions: 10, halfSaturationSpend: 100, shpae: 1 },
      orderValue: { mean: 50 },
      bid: { strategy: 'max_cpc' },
    },
  ],
  agents: [{ name: 'Eff', role: 'boss', campaigns: ['a', 'zz'], goals: [{ metric: 'roas', op: '>', value: 3 }] }],
  policies: [{ id: 'p', rule: 'noSuchRule' }],
};

const expectedPaths = [
  'days',
  'start',
  'weekly',
  'campaigns[0].dailyBudget',
  'campaigns[1].id',
  'campaigns[1].response.shpae',
  'campaigns[1].bid.amount',
  'agents[0].role',
  'agents[0].campaigns[1]',
  'agents[0].goals[0].op',
  'policies[0].rule',
];

describe('acm simulate', () => {
  it('prints one precise line per mistake and exits 2, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-sim-test-'));
    const file = join(dir, 'broken.json');
    const { policies: _policies, ...ten } = tenMistakes;
    writeFileSync(file, JSON.stringify(ten, null, 2));
    const io = capture();
    expect(await main(['simulate', file], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toHaveLength(10);
    expect(io.stderr.map((line) => line.split(': ')[1])).toEqual(expect.arrayContaining(expectedPaths.slice(0, 10)));
    for (const line of io.stderr) expect(line.startsWith(`${file}: `)).toBe(true);
    expect(io.stderr).toContain(`${file}: campaigns[0].dailyBudget: must be >= 0.01, got 0`);
    expect(io.stderr).toContain(`${file}: agents[0].campaigns[1]: unknown campaign id "zz"`);
    expect(io.stderr).toContain(`${file}: campaigns[1].response.shpae: unknown key 'shpae'`);

    writeFileSync(file, JSON.stringify(tenMistakes));
    const child = await run(process.execPath, [acm, 'simulate', file]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(child.code).toBe(2);
    const lines = child.stderr.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(child.stderr).toContain('policies[0].rule: must be one of');
    expect(child.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses bad flags as usage errors', async () => {
    for (const args of [['--days', 'ten'], ['--seed', '1.5'], ['--approvals', 'some'], []]) {
      const io = capture();
      expect(await main(['simulate', ...(args.length ? [single] : []), ...args], io)).toBe(2);
      expect(io.stderr[0]).toMatch(/^acm simulate: /);
    }
  });

  it('prints the same JSON report twice for the same file and seed, but for wallMs', async () => {
    const outputs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const io = capture();
      expect(await main(['simulate', single, '--json', '--seed', '5', '--days', '20'], io)).toBe(0);
      outputs.push(io.stdout.join('\n').replace(/"wallMs": \d+/, '"wallMs": 0'));
    }
    expect(outputs[0]).toBe(outputs[1]);
    const report = JSON.parse(outputs[0]);
    expect(report).toMatchObject({ format: 'acm-sim-report/1', scenario: 'single-agent-roas', seed: 5, days: 20 });
  });

  it('keeps the agents’ run in the database named by --db, and refuses to overwrite one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-sim-db-'));
    const db = join(dir, 'run.sqlite');
    const io = capture();
    expect(await main(['simulate', single, '--days', '5', '--db', db, '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    const sqlite = new Database(db, { readonly: true });
    const metrics = sqlite.prepare('SELECT COUNT(DISTINCT hour) AS n, SUM(spend) AS spend FROM hourly_metrics').get() as { n: number; spend: number };
    const agents = sqlite.prepare('SELECT name FROM agents').all() as { name: string }[];
    const decisions = sqlite.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number };
    sqlite.close();
    expect(agents.map((a) => a.name)).toEqual(['Efficiency']);
    expect(metrics.n).toBe(24 * 5);
    expect(metrics.spend).toBeCloseTo(report.strategies.agents.spend, 1);
    expect(decisions.n).toBe(report.decisions.proposed);
    expect(report.decisions.proposed).toBeGreaterThan(0);
    const again = capture();
    expect(await main(['simulate', single, '--days', '3', '--db', db], again)).toBe(2);
    expect(again.stderr[0]).toContain('already exists');
  });

  it('runs every bundled scenario to a complete report', async () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(
      expect.arrayContaining(['single-agent-roas.json', 'scale-vs-efficiency.json', 'q4-volatility.json', 'creative-fatigue.json', 'market-shift.json']),
    );
    for (const file of files) {
      const io = capture();
      expect(await main(['simulate', join(scenariosDir, file), '--json'], io)).toBe(0);
      const report = JSON.parse(io.stdout.join('\n'));
      expect(Object.keys(report)).toEqual([
        'format',
        'scenario',
        'seed',
        'days',
        'strategies',
        'decisions',
        'autonomyRate',
        'violations',
        'conflicts',
        'accuracy',
        'goals',
        'wallMs',
      ]);
      expect(Object.keys(report.strategies)).toEqual(['agents', 'static', 'manual', 'rules', 'oracle']);
      for (const totals of Object.values(report.strategies) as Record<string, number>[]) {
        expect(Object.keys(totals)).toEqual(['spend', 'revenue', 'conversions', 'roas', 'cpa', 'profit']);
        for (const v of Object.values(totals)) expect(Number.isFinite(v)).toBe(true);
        expect(totals.spend).toBeGreaterThan(0);
      }
      expect(Object.keys(report.decisions)).toEqual(['proposed', 'executed', 'autonomous', 'escalated', 'blocked', 'cancelled']);
      expect(Object.keys(report.accuracy)).toEqual(['evaluated', 'directional', 'coverage80', 'mape', 'medianRelativeWidth']);
      expect(report.goals.length).toBeGreaterThan(0);
      for (const goal of report.goals) expect(Object.keys(goal)).toEqual(['agent', 'goal', 'met', 'value']);
      // The oracle splits the agents' own spend: the same money, spent as well as the truth allows.
      expect(report.strategies.oracle.spend).toBeCloseTo(report.strategies.agents.spend, 1);
    }
  });

  it('prints a readable summary on a terminal, with a progress bar on stderr only when it is a terminal', async () => {
    const { createSimulateCommand } = await import('@cli/commands/simulate');
    const progress: string[] = [];
    const command = createSimulateCommand({ stderrIsTTY: () => true, writeProgress: (t) => progress.push(t) });
    const io = capture();
    expect(await command.run({ values: { days: '2' }, positionals: [single] }, io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^oracle\s+[\d,.]+/m);
    expect(text).toContain('Goals over the final 28 days');
    expect(progress.at(-2)).toContain('100%');
    const quiet: string[] = [];
    const jsonRun = createSimulateCommand({ stderrIsTTY: () => true, writeProgress: (t) => quiet.push(t) });
    expect(await jsonRun.run({ values: { days: '2', json: true }, positionals: [single] }, capture())).toBe(0);
    expect(quiet).toEqual([]);
    expect(existsSync(single)).toBe(true);
  });
});
