import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAgents } from '@lab/engine-agents';
import { loadScenarioFile } from '@lab/load-file';
import { runSimulation } from '@lab/simulate';
import { createStoreRecorder } from '@lab/store-recorder';
import { openDatabase, type Store } from '@store/index';
import { settingText } from '@store/exports/setting-text';
import { labelsOf } from '@store/exports/workspace-labels';
import { amountText, MONEY_METRICS } from '@shared/money';
import { AccountZone } from '@shared/zone';
import type { Decision } from '@shared/domain/decision';
import { parseDigest } from '@store/audit/digest-file';
import { tempDir } from '../store/temp-dir';
import { acm } from './cli-io';
import { parseCsv } from './rfc4180';
import { connectionOf } from '@store/testing';

const scenarioFile = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
let db: string;

/** Every decision of the store, oldest first, through the repository the app reads. */
function allDecisions(store: Store): Decision[] {
  const out: Decision[] = [];
  let cursor;
  do {
    const page = store.decisions.page({}, cursor, 500);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

beforeAll(async () => {
  tmp = tempDir();
  db = tmp.file('run.db');
  const loaded = await loadScenarioFile(scenarioFile);
  if (!loaded.ok) throw new Error(`cannot load ${scenarioFile}`);
  const store = openDatabase({ path: db });
  await runSimulation(loaded.scenario, { agents: engineAgents(store), recorder: createStoreRecorder(store), days: 20 });
  // What the app does as it shuts down: sign the head, so that a read-only export carries a digest of it all.
  store.audit.checkpoint();
  store.close();
});
afterAll(() => tmp.remove());

describe('acm audit export on a simulated run', () => {
  it('writes a CSV that matches the store row for row, with the chain digest beside it', async () => {
    const out = tmp.file('all.csv');
    const result = await acm('audit', 'export', '--db', db, '--format', 'csv', '--out', out);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFtimestamp,decision_id,agent,campaign,action,before,after,state,')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    const col = (name: string) => header.indexOf(name);

    const store = openDatabase({ path: db, readonly: true });
    const decisions = allDecisions(store);
    const agents = new Map(store.agents.list().map((a) => [a.id, a.name]));
    // A database without a workspace profile is the sandbox in UTC and US dollars.
    const labels = labelsOf(store.profile.get());
    const zone = AccountZone.of(labels.timezone);
    const money = (amount: number) => amountText(amount, labels.currency);
    const value = (metric: string, v: number) => (MONEY_METRICS.has(metric) ? money(v) : String(v));
    expect(decisions.length).toBeGreaterThan(5);
    expect(rows).toHaveLength(decisions.length);
    expect(result.out).toContain(`wrote ${decisions.length} decisions`);
    const outcomes = new Map(
      connectionOf(store)
        .prepare('SELECT decision_id AS id, actual FROM outcomes')
        .all()
        .map((o) => [(o as { id: string }).id, (o as { actual: number }).actual]),
    );
    expect(outcomes.size).toBeGreaterThan(0);
    decisions.forEach((d, i) => {
      const row = rows[i];
      const story = store.audit.forDecision(d.id);
      expect(row[col('decision_id')]).toBe(d.id);
      expect(row[col('timestamp')].slice(0, 19)).toBe(zone.isoLocal(d.createdAt).slice(0, 19));
      expect(Date.parse(row[col('timestamp')])).toBe(Math.floor(d.createdAt));
      expect(row[col('agent')]).toBe(agents.get(d.agentId));
      expect(row[col('campaign')]).toBe(d.campaignId);
      expect(row[col('action')]).toBe(d.kind);
      expect(row[col('before')]).toBe(settingText(JSON.stringify(d.before), 'x', money));
      expect(row[col('after')]).toBe(settingText(JSON.stringify(d.after), 'x', money));
      expect(row[col('state')]).toBe(d.state);
      expect(row[col('reasoning')]).toBe(d.reasoning);
      expect(Number(row[col('confidence')])).toBe(d.confidence);
      const metric = d.prediction.metric;
      expect(row[col('predicted')]).toBe(value(metric, d.prediction.point));
      expect(row[col('interval_low')]).toBe(value(metric, d.prediction.low80));
      expect(row[col('interval_high')]).toBe(value(metric, d.prediction.high80));
      expect(row[col('actual')]).toBe(outcomes.has(d.id) ? value(metric, outcomes.get(d.id)!) : '');
      expect(row[col('entry_hash')]).toBe(story[story.length - 1].hash);
      expect([row[col('currency')], row[col('timezone')], row[col('workspace')]]).toEqual([labels.currency, labels.timezone, labels.name]);
    });
    const digest = parseDigest(readFileSync(`${out}.digest.json`, 'utf8'), 'digest');
    expect(digest.count).toBe(store.audit.head().count);
    store.close();
    expect((await acm('audit', 'verify', '--db', db, '--digest', `${out}.digest.json`)).code).toBe(0);
  });

  it('filters by period, agent and campaign', async () => {
    const store = openDatabase({ path: db, readonly: true });
    const decisions = allDecisions(store);
    const pick = decisions[Math.floor(decisions.length / 2)];
    const agent = store.agents.get(pick.agentId)!;
    store.close();
    const campaign = pick.campaignId;
    const day = new Date(pick.createdAt).toISOString().slice(0, 10);
    const out = tmp.file('filtered.csv');
    const result = await acm(
      'audit',
      'export',
      '--db',
      db,
      '--format',
      'csv',
      '--out',
      out,
      '--from',
      day,
      '--to',
      day,
      '--agent',
      agent.name,
      '--campaign',
      campaign,
    );
    expect(result.code).toBe(0);
    const [, ...rows] = parseCsv(readFileSync(out, 'utf8').slice(1));
    const expected = decisions.filter((d) => d.agentId === agent.id && d.campaignId === campaign && new Date(d.createdAt).toISOString().startsWith(day));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[1])).toEqual(expected.map((d) => d.id));
  });

  it('writes a PDF report whose extracted text holds the decision table', async () => {
    const out = tmp.file('report.pdf');
    const result = await acm('audit', 'export', '--db', db, '--format', 'pdf', '--out', out, '--account', 'Sandbox ROAS account');
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Account: Sandbox ROAS account');
    expect(text).toContain('Workspace: Sandbox');
    expect(text).toContain('Currency: USD (amounts to 2 decimal places)');
    expect(text).toMatch(/Head hash: [0-9a-f]{64}/);
    expect(text).toContain('Directional accuracy');
    expect(text).toContain('Predicted vs actual');
    expect(text).toContain('Conflicts between agents');
    const lines = text.split('\n');
    const store = openDatabase({ path: db, readonly: true });
    const decisions = allDecisions(store);
    store.close();
    for (const d of decisions) {
      const line = lines.find((l) => l.includes(d.id.slice(0, 8)));
      expect(line, `decision ${d.id} in the table`).toBeDefined();
      expect(line).toContain(`${new Date(d.createdAt).toISOString().slice(0, 16).replace('T', ' ')}+00:00`);
      expect(line).toContain(d.campaignId);
      expect(line).toContain(d.state);
    }
  });

  it('refuses bad flags with exit code 2 naming the flag, and leaves no file behind', async () => {
    const out = tmp.file('bad.csv');
    const cases: [string[], string][] = [
      [['--format', 'xls', '--out', out], "--format must be 'csv' or 'pdf', got 'xls'"],
      [['--format', 'csv'], '--out FILE is required'],
      [['--format', 'csv', '--out', out, '--from', '2026-02-30'], "--from must be a date (YYYY-MM-DD) or an ISO 8601 time, got '2026-02-30'"],
      [['--format', 'csv', '--out', out, '--to', 'yesterday'], '--to must be a date'],
      [['--format', 'csv', '--out', out, '--from', '2026-02-01', '--to', '2026-01-01'], '--from (2026-02-01) must be before --to (2026-01-01)'],
      [['--format', 'csv', '--out', out, '--agent', 'Nobody'], '--agent: no agent named "Nobody"'],
      [['--format', 'csv', '--out', tmp.file('missing/dir.csv')], '--out: the folder of'],
    ];
    for (const [flags, message] of cases) {
      const result = await acm('audit', 'export', '--db', db, ...flags);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
