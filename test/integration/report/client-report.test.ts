import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignInfo } from '@shared/domain/campaign';
import { AcmError } from '@shared/errors';
import { amountText } from '@shared/money';
import { AccountZone } from '@shared/zone';
import { engineAgents } from '@lab/engine-agents';
import { loadScenarioFile } from '@lab/load-file';
import { runSimulation } from '@lab/simulate';
import { createStoreRecorder } from '@lab/store-recorder';
import { clientReportPdf } from '@host/client-report/client-report';
import { openDatabase } from '@store/index';
import { connectionOf } from '@store/testing';
import { acm } from '../audit/cli-io';
import { tempDir } from '../store/temp-dir';

const scenarioFile = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));
const CLIENT = 'Acme Retail';
const CYRILLIC = 'Кампания — Ψ';
const zone = AccountZone.UTC;

let tmp: ReturnType<typeof tempDir>;
let db: string;

const usd = (amount: number) => `${amountText(amount, 'USD')} USD`;
const textOf = (file: string) => execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** The stored hourly totals over local days [from, to], straight from SQL: what the report's figures must match. */
function stored(from: string, to: string, campaignId?: string) {
  const store = openDatabase({ path: db, readonly: true });
  try {
    return connectionOf(store)
      .prepare(
        `SELECT COALESCE(SUM(spend), 0) AS spend, COALESCE(SUM(revenue), 0) AS revenue, COALESCE(SUM(conversions), 0) AS conversions FROM hourly_metrics
         WHERE audience_id = '' AND creative_id = '' AND hour >= ? AND hour < ? AND (? IS NULL OR campaign_id = ?)`,
      )
      .get(zone.dayOfDate(from).startMs, zone.dayOfDate(to).endMs, campaignId ?? null, campaignId ?? null) as {
      spend: number;
      revenue: number;
      conversions: number;
    };
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  tmp = tempDir();
  db = tmp.file('run.db');
  const loaded = await loadScenarioFile(scenarioFile);
  if (!loaded.ok) throw new Error(`cannot load ${scenarioFile}`);
  const store = openDatabase({ path: db });
  await runSimulation(loaded.scenario, { agents: engineAgents(store), recorder: createStoreRecorder(store), days: 20 });
  store.profile.create({ name: CLIENT, currency: 'USD', timezone: 'UTC', createdAt: Date.parse('2026-03-02T00:00:00Z') });
  // The platform's name of a campaign, as the host's snapshots record it: here in Cyrillic and Greek.
  const pairs = [
    { treatment: 'shopping', holdout: 'prosp-broad' },
    { treatment: 'lookalike-1', holdout: 'brand-search' },
    { treatment: 'retarget-7d', holdout: 'video-broad' },
  ];
  const group = { spend: 100, revenue: 400, roas: 4 };
  const { id } = store.experiments.create(
    {
      name: 'Spring holdout',
      agentIds: store.agents.list().map((a) => a.id),
      assignment: {
        seed: 7,
        treatment: pairs.map((p) => p.treatment),
        holdout: pairs.map((p) => p.holdout),
        pairs,
        balance: { treatment: group, holdout: group, standardizedDiff: { spend: 0, roas: 0 } },
      },
      startDate: '2026-03-09',
      endDate: '2026-03-20',
      durationDays: 12,
      preDays: 7,
      power: { lift: 0.1, daysNeeded: null, note: 'made up' },
    },
    Date.parse('2026-03-09T00:00:00Z'),
  );
  store.experiments.stop(id, Date.parse('2026-03-19T12:00:00Z'), 'the client asked for every campaign back');
  store.snapshots.insert({
    takenAt: Date.parse('2026-03-21T00:00:00Z'),
    campaignId: 'video-broad',
    campaign: { id: 'video-broad', name: CYRILLIC } as CampaignInfo,
  });
  store.close();
});
afterAll(() => tmp.remove());

describe('acm report', () => {
  it('reports the 30 complete days before the account clock: client, period, KPIs from the stored metrics, campaigns, changes, digest', async () => {
    const out = tmp.file('default.pdf');
    const result = await acm('report', '--db', db, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    // The simulated account's clock stops at the midnight after its 20th day (2026-03-21).
    expect(result.out).toBe(`wrote the report of ${CLIENT}, 2026-02-20 to 2026-03-21, to ${out}`);
    const text = textOf(out);
    const flat = oneLine(text);
    expect(text).toContain(CLIENT);
    expect(flat).toContain('Period: 2026-02-20 to 2026-03-21 (30 days)');
    const totals = stored('2026-02-20', '2026-03-21');
    expect(flat).toMatch(new RegExp(`Spend ${usd(totals.spend)} `));
    expect(flat).toMatch(new RegExp(`Revenue ${usd(totals.revenue)} `));
    expect(flat).toMatch(new RegExp(`ROAS ${(totals.revenue / totals.spend).toFixed(2)}x `));
    expect(flat).toMatch(new RegExp(`CPA ${usd(totals.spend / totals.conversions)} `));
    expect(flat).toMatch(new RegExp(`Conversions ${Number(totals.conversions.toFixed(2))} `));
    expect(flat).toContain('Previous (2026-01-21 to 2026-02-19)');
    expect(flat).toContain('Goals Efficiency: goal ROAS >= 4.00x');

    const shopping = stored('2026-02-20', '2026-03-21', 'shopping');
    // Named as the platform names it: the recorder keeps the campaigns as they stand.
    expect(flat).toContain(`Shopping - all products ${usd(shopping.spend)} ${usd(shopping.revenue)}`);
    const cyrillic = stored('2026-02-20', '2026-03-21', 'video-broad');
    expect(flat).toContain(`${CYRILLIC} ${usd(cyrillic.spend)}`);

    expect(flat).toMatch(/Efficiency on [^:]+: budget [\d.]+ USD -> [\d.]+ USD/);
    expect(flat).toMatch(/predicted (roas|revenue) over 72 h: [\d.]+(x| USD) \(80% interval [^)]+\); actual: [\d.]+(x| USD), (inside|outside) the interval/);

    expect(flat).toContain('Spring holdout: 2026-03-09 to 2026-03-20, stopped early: the client asked for every campaign back');
    expect(flat).toMatch(/Verdict: \S.+ Lift of treatment over holdout, with intervals: ROAS [+-][\d.]+% \([+-][\d.]+% to [+-][\d.]+%\); revenue/);

    const store = openDatabase({ path: db, readonly: true });
    const digest = store.audit.storedDigest();
    store.close();
    expect(digest).toBeDefined();
    expect(text.indexOf(`Head hash: ${digest!.headHash}`)).toBeGreaterThan(text.indexOf('Audit chain digest'));
  });

  it('compares a chosen period with the days just before it', async () => {
    const out = tmp.file('chosen.pdf');
    const result = await acm('report', '--db', db, '--out', out, '--from', '2026-03-12', '--to', '2026-03-21');
    expect(result.code).toBe(0);
    const flat = oneLine(textOf(out));
    expect(flat).toContain('Period: 2026-03-12 to 2026-03-21 (10 days)');
    expect(flat).toContain('Previous (2026-03-02 to 2026-03-11)');
    const now = stored('2026-03-12', '2026-03-21');
    const before = stored('2026-03-02', '2026-03-11');
    const change = ((now.spend - before.spend) / before.spend) * 100;
    expect(flat).toContain(`Spend ${usd(now.spend)} ${usd(before.spend)} ${change >= 0 ? '+' : ''}${change.toFixed(1)}%`);
  });

  it('refuses a bad --from, a --from after --to, or an unknown workspace, with exit 2 naming the flag', async () => {
    const out = tmp.file('bad.pdf');
    const bad = await acm('report', '--db', db, '--out', out, '--from', '2026-02-31');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from');
    const reversed = await acm('report', '--db', db, '--out', out, '--from', '2026-03-10', '--to', '2026-03-01');
    expect(reversed.code).toBe(2);
    expect(reversed.err).toContain('--from');
    const nobody = await acm('report', '--db', db, '--out', out, '--workspace', 'Nobody');
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain(`--workspace: no workspace 'Nobody'; the database has one, '${CLIENT}'`);
  });
});

describe('clientReportPdf', () => {
  const source = () => ({ store: openDatabase({ path: db }), workspace: CLIENT, timezone: 'UTC', currency: 'USD', now: Date.parse('2026-03-15T13:00:00Z') });

  it('defaults to the 30 complete local days before the day of now', async () => {
    const s = source();
    try {
      const report = await clientReportPdf(s);
      expect([report.from, report.to]).toEqual(['2026-02-13', '2026-03-14']);
      const file = tmp.file('direct.pdf');
      writeFileSync(file, report.pdf);
      expect(textOf(file)).toContain('Period: 2026-02-13 to 2026-03-14 (30 days)');
    } finally {
      s.store.close();
    }
  });

  it('throws INVALID_INPUT naming the field for a bad date', async () => {
    const s = source();
    try {
      await expect(clientReportPdf(s, { to: 'tomorrow' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { path: 'to' } });
      await expect(clientReportPdf(s, { from: '2026-03-10', to: '2026-03-09' })).rejects.toBeInstanceOf(AcmError);
    } finally {
      s.store.close();
    }
  });
});
