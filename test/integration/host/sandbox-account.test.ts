import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcceleratedClock, DAY_MS, HOUR_MS, ManualClock } from '@shared/time';
import { createDefaultAccount, type HostAccount } from '@host/default-account';
import { openDatabase, type Store } from '@store/index';
import { tempDir } from '../store/temp-dir';

const scenarios = fileURLToPath(new URL('../../../resources/scenarios/', import.meta.url));
const q4 = `${scenarios}q4-volatility.json`;
const marketShift = `${scenarios}market-shift.json`;
const SPEED = 3600;

let tmp: ReturnType<typeof tempDir>;
let real: ManualClock;
let open: { store: Store; account?: HostAccount }[];
let logged: string[];

beforeEach(() => {
  tmp = tempDir();
  real = new ManualClock(Date.parse('2026-12-01T09:30:00Z'));
  open = [];
  logged = [];
});
afterEach(async () => {
  for (const { store, account } of open) {
    await account?.close?.();
    store.close();
  }
  tmp.remove();
});

/** One host start on the file: its store and its account, on an accelerated clock driven by `real`. */
async function startOn(path: string, scenarioPath?: string): Promise<{ store: Store; account: HostAccount }> {
  const store = openDatabase({ path });
  const entry: { store: Store; account?: HostAccount } = { store };
  open.push(entry);
  entry.account = await createDefaultAccount({
    store,
    scenarioPath,
    startClock: (startMs) => new AcceleratedClock(startMs, SPEED, real),
    now: () => real.now(),
    log: (message) => logged.push(message),
  });
  return { store, account: entry.account };
}

async function stop(started: { store: Store; account: HostAccount }): Promise<void> {
  await started.account.close?.();
  started.store.close();
  open = open.filter((o) => o.store !== started.store);
}

const kinds = (store: Store) => store.audit.entries().map((e) => e.kind);

describe('the sandbox account kept in the database', () => {
  it('a new database gets the account row, its saved world, and no agents without a scenario', async () => {
    const started = await startOn(tmp.file('acm.db'));
    const [account] = started.store.accounts.list();
    expect(account).toMatchObject({ platform: 'sandbox', externalId: 'sandbox', name: 'single-agent-roas', currency: 'USD', timezone: 'UTC' });
    expect(started.store.sandboxState.get(account.id)?.scenario).toBe(readFileSync(`${scenarios}single-agent-roas.json`, 'utf8'));
    expect(started.account.clock.now()).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(started.store.agents.list()).toEqual([]);
    expect(kinds(started.store)).toEqual(['account.connected']);
  });

  it('--scenario on a new database starts on its start date with its agents, paused', async () => {
    const started = await startOn(tmp.file('acm.db'), q4);
    expect(started.account.clock.now()).toBe(Date.parse('2026-10-05T00:00:00Z'));
    expect(Object.fromEntries(started.store.agents.list().map((a) => [a.name, a.status]))).toEqual({ Efficiency: 'paused', 'Creative Lab': 'paused' });
  });

  it('continues the clock, the budgets and the agents where a clean stop left them, and audits the restart', async () => {
    const path = tmp.file('acm.db');
    const first = await startOn(path, q4);
    const [agent] = first.store.agents.list();
    first.store.agents.setStatus(agent.id, 'active', first.account.clock.now());
    real.advance(30_000); // 30 simulated hours
    const [campaign] = await first.account.platform.listCampaigns();
    await first.account.platform.applyChange({ kind: 'budget', campaignId: campaign.id, dailyBudget: campaign.dailyBudget + 123 }, 'raise-1');
    real.advance(5_000);
    const stoppedAt = first.account.clock.now();
    const before = await first.account.platform.getMetrics({ from: 0, to: stoppedAt });
    await stop(first);

    real.advance(600_000); // ten real minutes pass while it is stopped: the account's clock does not
    const second = await startOn(path);
    expect(second.account.clock.now()).toBe(stoppedAt);
    expect((await second.account.platform.getCampaign(campaign.id)).dailyBudget).toBe(campaign.dailyBudget + 123);
    expect(await second.account.platform.getMetrics({ from: 0, to: stoppedAt })).toEqual(before);
    expect(second.store.agents.get(agent.id)?.status).toBe('active');
    const restart = second.store.audit.entries().at(-1)!;
    expect(restart.kind).toBe('host.restarted');
    expect(JSON.parse(restart.content)).toMatchObject({ stop: 'clean', resumedAt: stoppedAt, hour: 35 });
    expect(second.store.audit.verify().ok).toBe(true);
    expect(logged.at(-1)).toContain('continues at 2026-10-06T11:00:00+00:00');
  });

  it('after a crash, continues from the latest record of the hour in progress', async () => {
    const path = tmp.file('acm.db');
    const first = await startOn(path);
    real.advance(10_000);
    await first.account.platform.listCampaigns(); // the world saved at hour 10
    real.advance(900); // 15 simulated minutes later an alert is recorded, then the process dies
    const alertAt = first.account.clock.now();
    first.store.alerts.raise({ createdAt: alertAt, kind: 'audit', severity: 'info', message: 'written just before the crash' });
    first.store.close(); // no account.close(): nothing more is saved
    open = [];

    const second = await startOn(path);
    expect(second.account.clock.now()).toBe(alertAt);
    expect(JSON.parse(second.store.audit.entries().at(-1)!.content)).toMatchObject({ stop: 'unclean', hour: 10 });
  });

  it('refuses a history in the future of the saved world, naming the file and the times', async () => {
    const path = tmp.file('acm.db');
    const first = await startOn(path);
    const savedAt = first.account.clock.now();
    await stop(first);
    const writer = openDatabase({ path });
    writer.alerts.raise({ createdAt: savedAt + 3 * DAY_MS, kind: 'audit', severity: 'info', message: 'from another world' });
    writer.close();
    await expect(startOn(path)).rejects.toThrow(
      `${path}: the record runs to 2026-12-04T00:00:00+00:00 (an alert), but the sandbox world saved in it stands at 2026-12-01T00:00:00+00:00`,
    );
  });

  it('refuses --scenario on a database that plays another scenario, and takes the same one however it is laid out', async () => {
    const path = tmp.file('acm.db');
    await stop(await startOn(path, q4));
    await expect(startOn(path, marketShift)).rejects.toThrow(
      /already plays the scenario "q4-volatility" .*market-shift\.json is another scenario \("market-shift"/,
    );
    const relaid = tmp.file('q4-relaid.json');
    writeFileSync(relaid, JSON.stringify(JSON.parse(readFileSync(q4, 'utf8')), null, 4));
    const again = await startOn(path, relaid);
    expect(again.store.agents.list()).toHaveLength(2);
  });

  it('starts a database written before worlds were saved in a new world, at the local midnight after its latest record', async () => {
    const path = tmp.file('acm.db');
    const old = openDatabase({ path });
    const last = Date.parse('2026-03-17T15:20:00Z');
    old.alerts.raise({ createdAt: last, kind: 'audit', severity: 'info', message: 'eleven days in' });
    old.close();
    const started = await startOn(path);
    expect(started.account.clock.now()).toBe(Date.parse('2026-03-18T00:00:00Z'));
    expect(kinds(started.store).slice(-2)).toEqual(['account.connected', 'host.restarted']);
    real.advance(HOUR_MS / SPEED);
    expect((await started.account.platform.getMetrics({ from: 0, to: started.account.clock.now() })).length).toBeGreaterThan(0);
  });
});
