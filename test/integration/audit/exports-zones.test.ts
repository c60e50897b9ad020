import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionExporter } from '@host/decision-exporter';
import { openDatabase } from '@store/index';
import type { WorkspaceLabels } from '@store/exports/workspace-labels';
import { decision } from '../../unit/store/fixtures';
import { tempDir } from '../store/temp-dir';
import { acm } from './cli-io';
import { parseCsv } from './rfc4180';

interface Made {
  id: string;
  at: string;
  before: number;
  after: number;
  predicted: number;
  actual?: number;
}

const NEW_YORK: WorkspaceLabels = { name: 'Hudson Outfitters', currency: 'USD', timezone: 'America/New_York' };
const TOKYO: WorkspaceLabels = { name: 'Shibuya Shoes', currency: 'JPY', timezone: 'Asia/Tokyo' };

/** Around the night New York springs forward (2026-03-08, 02:00 EST becomes 03:00 EDT). */
const NEW_YORK_DECISIONS: Made[] = [
  { id: 'ny1', at: '2026-03-07T17:00:00Z', before: 100, after: 120.5, predicted: 560.125, actual: 575.5 },
  { id: 'ny2', at: '2026-03-08T05:00:00Z', before: 120.5, after: 130, predicted: 600 }, // midnight of 8 March, EST
  { id: 'ny3', at: '2026-03-08T07:00:00Z', before: 130, after: 140, predicted: 610 }, // 03:00 EDT, just after the change
  { id: 'ny4', at: '2026-03-09T03:59:00Z', before: 140, after: 150, predicted: 620 }, // 23:59 EDT, the day's last minute
  { id: 'ny5', at: '2026-03-09T04:00:00Z', before: 150, after: 160, predicted: 630 }, // midnight of 9 March, EDT
];
const TOKYO_DECISIONS: Made[] = [
  { id: 'tk1', at: '2026-01-05T14:59:00Z', before: 12000, after: 13200.4, predicted: 52340.6, actual: 50999.5 }, // 23:59 on 5 January, JST
  { id: 'tk2', at: '2026-01-05T15:00:00Z', before: 13200, after: 14000, predicted: 56000 }, // midnight of 6 January, JST
];

/** A workspace's database: its profile, an agent, executed decisions (some judged), an alert; signed at the end. */
function workspaceDb(file: string, labels: WorkspaceLabels, made: Made[]): void {
  const store = openDatabase({ path: file });
  store.profile.create({ ...labels, createdAt: Date.parse(made[0].at) - 86_400_000 });
  store.agents.create({ id: 'a1', name: 'Scaler', definition: { role: 'scale' }, goals: [] }, 0);
  for (const m of made) {
    const at = Date.parse(m.at);
    store.decisions.insert(
      decision({
        id: m.id,
        createdAt: at,
        before: { kind: 'budget', dailyBudget: m.before },
        after: { kind: 'budget', dailyBudget: m.after },
        prediction: {
          metric: 'revenue',
          windowHours: 24,
          point: m.predicted,
          low80: m.predicted * 0.9,
          high80: m.predicted * 1.1,
          baseline: m.predicted * 0.8,
        },
      }),
    );
    store.decisions.transition(m.id, 'proposed', 'pending');
    store.decisions.transition(m.id, 'pending', 'executed', { executedAt: at });
    if (m.actual !== undefined)
      store.outcomes.record({ decisionId: m.id, evaluatedAt: at + 3_600_000, actual: m.actual, error: 0, withinInterval: true, directionCorrect: true });
  }
  store.alerts.raise({ id: 'al1', createdAt: Date.parse(made[1].at), severity: 'warning', kind: 'goal_at_risk', agentId: 'a1', message: 'ROAS under goal' });
  store.audit.checkpoint();
  store.close();
}

let tmp: ReturnType<typeof tempDir>;
const db = { newYork: '', tokyo: '' };

beforeAll(() => {
  tmp = tempDir();
  db.newYork = tmp.file('new-york.db');
  db.tokyo = tmp.file('tokyo.db');
  workspaceDb(db.newYork, NEW_YORK, NEW_YORK_DECISIONS);
  workspaceDb(db.tokyo, TOKYO, TOKYO_DECISIONS);
});
afterAll(() => tmp.remove());

async function csvOf(file: string, ...flags: string[]): Promise<Record<string, string>[]> {
  const out = tmp.file(`${flags.join('') || 'all'}-${file.replace(/^.*[\\/]/, '')}.csv`);
  const result = await acm('audit', 'export', '--db', file, '--format', 'csv', '--out', out, ...flags);
  expect(result.code, result.err).toBe(0);
  const [header, ...rows] = parseCsv(readFileSync(out, 'utf8').slice(1));
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
}

async function pdfText(file: string): Promise<string> {
  const out = tmp.file(`${file.replace(/^.*[\\/]/, '')}.pdf`);
  const result = await acm('audit', 'export', '--db', file, '--format', 'pdf', '--out', out);
  expect(result.code, result.err).toBe(0);
  return execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
}

describe('exports of a USD workspace in New York, across the March change', () => {
  it('writes local times with their offset, US dollars with cents, and the workspace on every CSV row', async () => {
    const rows = await csvOf(db.newYork);
    expect(rows.map((r) => r.timestamp)).toEqual([
      '2026-03-07T12:00:00.000-05:00',
      '2026-03-08T00:00:00.000-05:00',
      '2026-03-08T03:00:00.000-04:00',
      '2026-03-08T23:59:00.000-04:00',
      '2026-03-09T00:00:00.000-04:00',
    ]);
    expect(rows.map((r) => Date.parse(r.timestamp))).toEqual(NEW_YORK_DECISIONS.map((m) => Date.parse(m.at)));
    expect(rows[0]).toMatchObject({ before: '100.00', after: '120.50', predicted: '560.13', actual: '575.50', currency: 'USD' });
    expect(rows.every((r) => r.currency === 'USD' && r.timezone === 'America/New_York' && r.workspace === 'Hudson Outfitters')).toBe(true);
  });

  it('takes --from and --to as local days: 8 March is the 23 hours from EST midnight to EDT midnight', async () => {
    const rows = await csvOf(db.newYork, '--from', '2026-03-08', '--to', '2026-03-08');
    expect(rows.map((r) => r.decision_id)).toEqual(['ny2', 'ny3', 'ny4']);
    const morning = await csvOf(db.newYork, '--from', '2026-03-08T00:00', '--to', '2026-03-08T03:00');
    expect(morning.map((r) => r.decision_id)).toEqual(['ny2']);
  });

  it('states the workspace, zone and currency in the PDF, and times each row locally with its offset', async () => {
    const text = await pdfText(db.newYork);
    expect(text).toContain('Workspace: Hudson Outfitters');
    expect(text).toContain('Period: 2026-03-07 to 2026-03-09 (local days of America/New_York)');
    expect(text).toContain('Times: local to America/New_York, with their offset from UTC');
    expect(text).toContain('Currency: USD (amounts to 2 decimal places)');
    expect(text).toContain('Decisions (times in America/New_York, amounts in USD)');
    const line = (ref: string) => text.split('\n').find((l) => l.includes(ref)) ?? '';
    expect(line('ny1')).toMatch(/2026-03-07 12:00-05:00 .*100\.00 .*120\.50 .*560\.13 .*575\.50/);
    expect(line('ny2')).toContain('2026-03-08 00:00-05:00');
    expect(line('ny3')).toContain('2026-03-08 03:00-04:00');
    expect(text).toMatch(/2026-03-08 00:00-05:00 +\[warning\] goal_at_risk/);
  });

  it('reviews 8 March as a 23-hour local day', async () => {
    const result = await acm('audit', 'digest', '--db', db.newYork, '--date', '2026-03-08');
    expect(result.code).toBe(0);
    expect(result.out.split('\n').slice(0, 2)).toEqual([
      'Daily review 2026-03-08 (America/New_York, a 23-hour day)',
      'Workspace Hudson Outfitters; times local to America/New_York; amounts in USD',
    ]);
    expect(result.out).toContain('Decisions: 3 (executed 3)');
  });

  it("names the app's export file for the workspace and its local day", async () => {
    const store = openDatabase({ path: db.newYork });
    try {
      const exporter = createDecisionExporter(store, 'Sandbox', { now: () => Date.parse('2026-03-09T03:30:00Z') });
      const csv = exporter.prepare('csv', {});
      expect(csv.fileName).toBe('acm-decisions-hudson-outfitters-2026-03-08.csv');
      await csv.write(tmp.file(csv.fileName));
      expect(readFileSync(tmp.file(csv.fileName), 'utf8')).toContain(',USD,America/New_York,Hudson Outfitters\r\n');
    } finally {
      store.close();
    }
  });
});

describe('exports of a JPY workspace in Tokyo', () => {
  it('writes Tokyo times and whole yen', async () => {
    const rows = await csvOf(db.tokyo);
    expect(rows.map((r) => r.timestamp)).toEqual(['2026-01-05T23:59:00.000+09:00', '2026-01-06T00:00:00.000+09:00']);
    expect(rows[0]).toMatchObject({ before: '12000', after: '13200', predicted: '52341', actual: '51000', currency: 'JPY', workspace: 'Shibuya Shoes' });
    const sixth = await csvOf(db.tokyo, '--from', '2026-01-06', '--to', '2026-01-06');
    expect(sixth.map((r) => r.decision_id)).toEqual(['tk2']);
  });

  it('says so in the PDF', async () => {
    const text = await pdfText(db.tokyo);
    expect(text).toContain('Workspace: Shibuya Shoes');
    expect(text).toContain('Currency: JPY (amounts in whole units)');
    expect(text).toContain('Decisions (times in Asia/Tokyo, amounts in JPY)');
    const row = text.split('\n').find((l) => l.includes('tk1')) ?? '';
    expect(row).toMatch(/2026-01-05 23:59\+09:00 .*12000 .*13200 .*52341 .*51000/);
  });

  it('reviews the local day of the latest decision, in yen', async () => {
    const result = await acm('audit', 'digest', '--db', db.tokyo);
    expect(result.out.split('\n')[0]).toBe('Daily review 2026-01-06 (Asia/Tokyo)');
    expect(result.out).toContain('Decisions: 1 (executed 1)');
  });
});
