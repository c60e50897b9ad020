import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createExportDownloads } from '@host/export-downloads';
import type { ExportDestination } from '@ipc/services';
import type { AgentDefinition } from '@shared/scenario/schema';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { efficiencyDraft } from './app-fixture';
import { experimentApp, fakePlatform, reportDays, type ExperimentApp } from './experiment-app';
import { savingInto } from './save-location';

const ZONE = AccountZone.of('America/New_York');
/** 2026-01-20, 15:00 in New York. */
const NOW = Date.UTC(2026, 0, 20, 20);
const ALL = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const MANAGED = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

let t: ExperimentApp;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { exportDestination?: ExportDestination } = {}) {
  t = await experimentApp({ platform: fakePlatform(), clock: new ManualClock(NOW), zone: ZONE, exportDestination: options.exportDestination });
  reportDays(t.store, ZONE, NOW, ALL, 28);
  const scaler = await t.client['agents.create']({
    definition: efficiencyDraft({ name: 'Scaler', campaigns: MANAGED, constraints: { maxDailySpend: 1e6 } as AgentDefinition['constraints'] }),
  });
  return { scaler };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('experiments.plan', () => {
  it('splits the campaigns at random into balanced groups, the same for the same seed', async () => {
    const { scaler } = await start();
    const request = { campaignIds: MANAGED, agentIds: [scaler.id], seed: 42 };
    const plan = await t.client['experiments.plan'](request);
    expect(await t.client['experiments.plan'](request)).toEqual(plan);
    const { assignment, power } = plan;
    expect(assignment.seed).toBe(42);
    expect([...assignment.treatment, ...assignment.holdout].sort()).toEqual(MANAGED);
    expect(assignment.treatment).toHaveLength(3);
    expect(assignment.pairs).toHaveLength(3);
    expect(Math.abs(assignment.balance.standardizedDiff.spend)).toBeLessThan(0.25);
    expect(power.lift).toBe(0.15);

    const drawn = await t.client['experiments.plan']({ campaignIds: MANAGED, agentIds: [scaler.id] });
    expect(Number.isInteger(drawn.assignment.seed) && drawn.assignment.seed >= 0).toBe(true);
    expect(await t.client['experiments.plan']({ ...request, seed: drawn.assignment.seed })).toEqual(drawn);
    expect(t.store.experiments.list()).toEqual([]);
  });

  it('refuses a campaign no chosen agent manages, an unknown or terminated agent, an unknown campaign', async () => {
    const { scaler } = await start();
    expect(await refusal(t.client['experiments.plan']({ campaignIds: ['c1', 'c7'], agentIds: [scaler.id] }))).toEqual({
      code: 'INVALID_INPUT',
      message: "campaign 'Campaign c7' (c7) is not managed by any of the chosen agents: choose its agent too, or leave it out",
    });
    expect(await refusal(t.client['experiments.plan']({ campaignIds: ['c1', 'c2'], agentIds: ['ghost'] }))).toEqual({
      code: 'INVALID_INPUT',
      message: 'no agent with id ghost',
    });
    expect(await refusal(t.client['experiments.plan']({ campaignIds: ['c1', 'nope'], agentIds: [scaler.id] }))).toEqual({
      code: 'INVALID_INPUT',
      message: 'no campaign nope in this account',
    });
    const everything = await t.client['agents.create']({ definition: efficiencyDraft({ name: 'All' }) });
    expect((await t.client['experiments.plan']({ campaignIds: ['c1', 'c7'], agentIds: [scaler.id, everything.id], seed: 1 })).assignment.seed).toBe(1);
    await t.client['agents.terminate']({ id: everything.id });
    expect(await refusal(t.client['experiments.plan']({ campaignIds: ['c1', 'c7'], agentIds: [everything.id] }))).toEqual({
      code: 'INVALID_INPUT',
      message: "agent 'All' is terminated: there is no management left to test",
    });
  });
});

describe('experiments.create, get, stop', () => {
  it('starts today in the account’s zone for the test period, and refuses a campaign another running experiment has', async () => {
    const { scaler } = await start();
    const request = { campaignIds: ['c1', 'c2', 'c3', 'c4'], agentIds: [scaler.id], seed: 7 };
    const plan = await t.client['experiments.plan'](request);
    const created = await t.client['experiments.create']({ name: 'Q1 holdout', ...request });
    expect(created).toMatchObject({ name: 'Q1 holdout', status: 'running', startDate: '2026-01-20', endDate: '2026-03-20', durationDays: 60, preDays: 28 });
    expect(created).toMatchObject({ ...plan, agentIds: [scaler.id], createdAt: NOW });
    expect(await refusal(t.client['experiments.create']({ name: 'Second', campaignIds: ['c5', 'c4'], agentIds: [scaler.id] }))).toEqual({
      code: 'CONFLICT',
      message: "campaign c4 is already in the running experiment 'Q1 holdout'",
    });
    const stale = { name: 'Second', campaignIds: ['c5', 'c6'], agentIds: [scaler.id], durationDays: 14, preDays: 7, startDate: '2026-01-19' };
    expect(await refusal(t.client['experiments.create'](stale))).toEqual({
      code: 'CONFLICT',
      message: "the split was previewed for 2026-01-19, and the account's day is now 2026-01-20: its pre-period moved, so preview it again",
    });
    const second = await t.client['experiments.create']({ ...stale, startDate: plan.startDate });
    expect(second).toMatchObject({ startDate: '2026-01-20', endDate: '2026-02-02', durationDays: 14, preDays: 7 });
    expect((await t.client['experiments.list']()).map((e) => e.name)).toEqual(['Second', 'Q1 holdout']);
    // The monitor counts what the agent manages now: its campaigns less those held out.
    const held = new Set([...created.assignment.holdout, ...second.assignment.holdout]);
    const budgets = (await t.client['campaigns.list']()).filter((c) => MANAGED.includes(c.id) && !held.has(c.id)).reduce((sum, c) => sum + c.dailyBudget, 0);
    const [monitored] = await t.client['monitor.summary']();
    expect(monitored.spendLimit?.budgeted).toBeCloseTo(budgets, 9);
    expect(
      t.store.audit
        .entries()
        .filter((e) => e.kind.startsWith('experiment.'))
        .map((e) => e.kind),
    ).toEqual(['experiment.created', 'experiment.created']);
  });

  it('gives the complete local days of the pre-period and the test so far, and the analysis', async () => {
    const { scaler } = await start();
    const created = await t.client['experiments.create']({ name: 'Q1 holdout', campaignIds: MANAGED, agentIds: [scaler.id], seed: 7 });
    let view = await t.client['experiments.get']({ id: created.id });
    expect(view).toMatchObject({ timezone: 'America/New_York', currency: 'EUR', analysis: { testDays: 0 } });
    expect(view.days).toHaveLength(28);
    expect(view.days.every((d) => d.period === 'pre')).toBe(true);
    expect(view.days[0].date).toBe('2025-12-23');
    expect(view.days.at(-1)!.date).toBe('2026-01-19');
    const { startMs, endMs } = ZONE.dayOfDate('2025-12-23');
    const spendOf = (ids: string[]) =>
      ids.flatMap((campaignId) => t.store.metrics.range({ campaignId, from: startMs, to: endMs })).reduce((s, r) => s + r.spend, 0);
    expect(view.days[0].holdout.spend).toBeCloseTo(spendOf(created.assignment.holdout));
    expect(view.days[0].treatment.spend).toBeCloseTo(spendOf(created.assignment.treatment));

    // Three days later, with today's hours reported too: today is not complete, so not counted.
    t.clock.advance(3 * DAY_MS);
    reportDays(t.store, ZONE, t.clock.now(), MANAGED, 3, 0);
    view = await t.client['experiments.get']({ id: created.id });
    expect(view.days.filter((d) => d.period === 'test').map((d) => d.date)).toEqual(['2026-01-20', '2026-01-21', '2026-01-22']);
    expect(view.analysis.testDays).toBe(3);
    expect(view.analysis.preDays).toBe(28);
    expect(view.analysis.verdict.length).toBeGreaterThan(0);
  });

  it('stops a running experiment with its reason, freeing its campaigns; ends at the day it stopped', async () => {
    const { scaler } = await start();
    const created = await t.client['experiments.create']({ name: 'Q1 holdout', campaignIds: MANAGED, agentIds: [scaler.id], seed: 7 });
    t.clock.advance(2 * DAY_MS);
    reportDays(t.store, ZONE, t.clock.now(), MANAGED, 4, 0);
    const stopped = await t.client['experiments.stop']({ id: created.id, reason: 'the client moved the budget' });
    expect(stopped).toMatchObject({ status: 'stopped', stopped: { at: t.clock.now(), reason: 'the client moved the budget' } });
    expect(await refusal(t.client['experiments.stop']({ id: created.id, reason: 'again' }))).toEqual({
      code: 'CONFLICT',
      message: "experiment 'Q1 holdout' is already stopped",
    });
    expect(await refusal(t.client['experiments.stop']({ id: 'nope', reason: 'why' }))).toMatchObject({ code: 'NOT_FOUND' });
    t.clock.advance(2 * DAY_MS);
    reportDays(t.store, ZONE, t.clock.now(), MANAGED, 2, 0);
    const view = await t.client['experiments.get']({ id: created.id });
    expect(view.days.filter((d) => d.period === 'test').map((d) => d.date)).toEqual(['2026-01-20', '2026-01-21']);
    expect((await t.client['experiments.create']({ name: 'Again', campaignIds: MANAGED, agentIds: [scaler.id] })).status).toBe('running');
    expect(t.store.audit.entries().filter((e) => e.kind === 'experiment.stopped')).toHaveLength(1);
  });

  it('finishes once its last local day is over', async () => {
    const { scaler } = await start();
    const created = await t.client['experiments.create']({ name: 'Short', campaignIds: MANAGED, agentIds: [scaler.id], durationDays: 7, preDays: 7 });
    expect(created.endDate).toBe('2026-01-26');
    t.clock.set(ZONE.dayOfDate('2026-01-26').endMs - HOUR_MS);
    expect((await t.client['experiments.get']({ id: created.id })).experiment.status).toBe('running');
    t.clock.advance(HOUR_MS);
    expect((await t.client['experiments.list']())[0].status).toBe('finished');
    expect(
      t.store.audit
        .entries()
        .filter((e) => e.kind === 'experiment.finished')
        .map((e) => e.subject),
    ).toEqual([created.id]);
    expect(await refusal(t.client['experiments.stop']({ id: created.id, reason: 'late' }))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('experiments.export', () => {
  it('saves the daily group totals as CSV, named for the experiment and the account’s date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-experiment-export-'));
    dirs.push(dir);
    const { scaler } = await start({ exportDestination: savingInto(dir).destination });
    const created = await t.client['experiments.create']({ name: 'Q1: agents vs hands', campaignIds: MANAGED, agentIds: [scaler.id], seed: 7, preDays: 7 });
    t.clock.advance(DAY_MS);
    reportDays(t.store, ZONE, t.clock.now(), MANAGED, 1);
    const result = await t.client['experiments.export']({ id: created.id });
    expect(result).toMatchObject({ saved: join(dir, 'acm-experiment-q1-agents-vs-hands-2026-01-21.csv'), rows: 8 });
    const lines = readFileSync(join(dir, 'acm-experiment-q1-agents-vs-hands-2026-01-21.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'date,period,treatment_spend,treatment_revenue,treatment_conversions,treatment_roas,holdout_spend,holdout_revenue,holdout_conversions,holdout_roas,currency',
    );
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe('');
    const { days } = await t.client['experiments.get']({ id: created.id });
    const [first, last] = [days[0], days.at(-1)!];
    const roas = (g: { spend: number; revenue: number }) => (g.revenue / g.spend).toFixed(4);
    expect(lines[1]).toBe(
      [
        first.date,
        'pre',
        first.treatment.spend.toFixed(2),
        first.treatment.revenue.toFixed(2),
        String(Number(first.treatment.conversions.toFixed(2))),
        roas(first.treatment),
        first.holdout.spend.toFixed(2),
        first.holdout.revenue.toFixed(2),
        String(Number(first.holdout.conversions.toFixed(2))),
        roas(first.holdout),
        'EUR',
      ].join(','),
    );
    expect(lines[8].startsWith(`${last.date},test,`)).toBe(true);
  });

  it('hands the same file to the headless host’s browser as a one-time download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-experiment-download-'));
    dirs.push(dir);
    const downloads = createExportDownloads({ tempDir: dir });
    try {
      const { scaler } = await start({ exportDestination: downloads.destination });
      const created = await t.client['experiments.create']({ name: 'Q1', campaignIds: MANAGED, agentIds: [scaler.id], preDays: 7 });
      expect(await t.client['experiments.export']({ id: created.id })).toMatchObject({
        download: expect.stringMatching(/^\/exports\//),
        fileName: 'acm-experiment-q1-2026-01-20.csv',
        rows: 7,
      });
    } finally {
      await downloads.close();
    }
  });
});
