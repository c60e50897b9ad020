import Database from 'better-sqlite3';
import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { PlatformError, type ApplyResult, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';
import { HOUR_MS } from '@shared/time';

/**
 * An ad account that several processes share, as a real ad platform is shared by every host
 * that manages it: settings and every applied change live in one SQLite file, changes apply in
 * IMMEDIATE transactions and honour idempotency keys. Conversions follow a fixed Hill curve per
 * campaign with no noise (this account exists to test concurrency, not forecasting).
 */
export interface SharedCampaign {
  id: string;
  dailyBudget: number;
  maxConversions: number;
  halfSaturationSpend: number;
}

export function createSharedAccount(path: string, campaigns: readonly SharedCampaign[], startMs: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE campaigns (id TEXT PRIMARY KEY, daily_budget REAL NOT NULL, max_conversions REAL NOT NULL, half_saturation REAL NOT NULL);
           CREATE TABLE applied (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, campaign_id TEXT NOT NULL, change TEXT NOT NULL, at INTEGER NOT NULL);
           CREATE TABLE budget_history (campaign_id TEXT NOT NULL, from_hour INTEGER NOT NULL, daily_budget REAL NOT NULL);
           CREATE TABLE progress (host INTEGER PRIMARY KEY, hour INTEGER NOT NULL);`);
  const insert = db.prepare('INSERT INTO campaigns VALUES (?, ?, ?, ?)');
  const history = db.prepare('INSERT INTO budget_history VALUES (?, ?, ?)');
  for (const c of campaigns) {
    insert.run(c.id, c.dailyBudget, c.maxConversions, c.halfSaturationSpend);
    history.run(c.id, startMs, c.dailyBudget);
  }
  db.close();
}

export class SharedPlatform implements PlatformAdapter {
  readonly id = 'shared-sandbox';
  readonly currency = 'USD';
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly now: () => number,
  ) {
    this.db = new Database(path);
    this.db.pragma('busy_timeout = 5000');
  }

  close(): void {
    this.db.close();
  }

  /** A barrier: records that `host` reached `hour` and returns once `hosts` hosts have. */
  waitForHosts(host: number, hour: number, hosts: number): void {
    this.db.prepare('INSERT OR REPLACE INTO progress VALUES (?, ?)').run(host, hour);
    const behind = this.db.prepare('SELECT count(*) AS n FROM progress WHERE hour >= ?').pluck();
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while ((behind.get(hour) as number) < hosts) Atomics.wait(pause, 0, 0, 2);
  }

  async listCampaigns(): Promise<CampaignInfo[]> {
    return (this.db.prepare('SELECT id, daily_budget FROM campaigns ORDER BY id').all() as { id: string; daily_budget: number }[]).map((r) =>
      info(r.id, r.daily_budget),
    );
  }

  async getCampaign(campaignId: string): Promise<CampaignInfo> {
    const row = this.db.prepare('SELECT id, daily_budget FROM campaigns WHERE id = ?').get(campaignId) as { id: string; daily_budget: number } | undefined;
    if (!row) throw new PlatformError('NOT_FOUND', `no campaign ${campaignId}`);
    return info(row.id, row.daily_budget);
  }

  async getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    const rows: HourlyMetrics[] = [];
    const end = Math.min(query.to, Math.floor(this.now() / HOUR_MS) * HOUR_MS);
    const campaigns = this.db.prepare('SELECT id, max_conversions, half_saturation FROM campaigns').all() as {
      id: string;
      max_conversions: number;
      half_saturation: number;
    }[];
    const budgetAt = this.db
      .prepare('SELECT daily_budget FROM budget_history WHERE campaign_id = ? AND from_hour <= ? ORDER BY from_hour DESC LIMIT 1')
      .pluck();
    for (const c of campaigns) {
      if (query.campaignIds && !query.campaignIds.includes(c.id)) continue;
      for (let hour = query.from; hour < end; hour += HOUR_MS) {
        const budget = budgetAt.get(c.id, hour) as number | undefined;
        if (budget === undefined) continue;
        const conversions = (c.max_conversions * budget) / (budget + c.half_saturation) / 24;
        rows.push({ campaignId: c.id, hour, spend: budget / 24, impressions: budget * 10, clicks: budget / 24, conversions, revenue: conversions * 80 });
      }
    }
    return rows;
  }

  async applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult> {
    if (change.kind !== 'budget') throw new PlatformError('INVALID_CHANGE', 'this account takes budget changes only');
    const apply = this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM applied WHERE key = ?').get(idempotencyKey)) return false;
      const seq = (this.db.prepare('SELECT count(*) AS n FROM applied').get() as { n: number }).n + 1;
      this.db.prepare('UPDATE campaigns SET daily_budget = ? WHERE id = ?').run(change.dailyBudget, change.campaignId);
      this.db.prepare('INSERT INTO applied VALUES (?, ?, ?, ?, ?)').run(idempotencyKey, seq, change.campaignId, JSON.stringify(change), this.now());
      this.db.prepare('INSERT INTO budget_history VALUES (?, ?, ?)').run(change.campaignId, Math.ceil(this.now() / HOUR_MS) * HOUR_MS, change.dailyBudget);
      return true;
    });
    const applied = apply.immediate();
    return { campaign: await this.getCampaign(change.campaignId), applied, appliedAt: this.now() };
  }
}

function info(id: string, dailyBudget: number): CampaignInfo {
  return {
    id,
    name: `Campaign ${id}`,
    platform: 'sandbox',
    status: 'active',
    dailyBudget,
    minDailyBudget: 1,
    labels: [],
    bid: { strategy: 'lowest_cost' },
    audiences: [],
    creatives: [],
  };
}
