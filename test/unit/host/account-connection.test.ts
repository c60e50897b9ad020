import { describe, expect, it } from 'vitest';
import { PlatformError, type PlatformAdapter } from '@shared/platform/adapter';
import { AccountConnection, unreachablePlatform, watchedPlatform } from '@host/account-connection';

/** A platform that answers until told its token is dead, counting the calls that reach it. */
function platform() {
  const state = { dead: false, calls: 0 };
  const answer = async <T>(value: T): Promise<T> => {
    state.calls++;
    if (state.dead) throw new PlatformError('AUTH_EXPIRED', 'Meta refused GET /v24.0/act_1/campaigns (code 190/463): Session has expired');
    return value;
  };
  const adapter: PlatformAdapter = {
    id: 'act_1',
    currency: 'USD',
    listCampaigns: () => answer([]),
    getCampaign: () => answer({} as never),
    getMetrics: () => answer([]),
    applyChange: () => answer({} as never),
  };
  return { state, adapter };
}

const connection = () => new AccountConnection('Meta ad account "Acme" (act_1)', 'set a new token');

describe('an account connection under watch', () => {
  it('turns lost at the first dead-token answer, tells its watchers once, and sends nothing after', async () => {
    const { state, adapter } = platform();
    const watched = connection();
    const told: string[] = [];
    watched.onLost((reason) => told.push(reason));
    const meta = watchedPlatform(adapter, watched, 'meta');
    expect(meta).toMatchObject({ id: 'meta', currency: 'USD' });
    await meta.listCampaigns();
    expect(watched.state()).toEqual({ connected: true });

    state.dead = true;
    await expect(meta.getMetrics({ from: 0, to: 1 })).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    expect(watched.state()).toEqual({ connected: false, reason: expect.stringContaining('code 190') });
    const callsAtLoss = state.calls;
    await expect(meta.applyChange({ campaignId: 'c1', kind: 'budget', dailyBudget: 10 } as never, 'k')).rejects.toThrow(
      'Meta ad account "Acme" (act_1) needs reconnecting: Meta refused',
    );
    await expect(meta.listCampaigns()).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    expect(state.calls).toBe(callsAtLoss);
    expect(told).toHaveLength(1);
  });

  it('keeps the connection on any other refusal', async () => {
    const watched = connection();
    const refusing: PlatformAdapter = { ...platform().adapter, listCampaigns: () => Promise.reject(new PlatformError('RATE_LIMITED', 'slow down', 60_000)) };
    await expect(watchedPlatform(refusing, watched).listCampaigns()).rejects.toMatchObject({ platformCode: 'RATE_LIMITED' });
    expect(watched.state().connected).toBe(true);
  });

  it('says what the platform says of its reports: how long they change, and what hourly rows assume', () => {
    const notes = ["each hour's conversions are the day's, spread by clicks"];
    const meta = watchedPlatform({ ...platform().adapter, reportsSettleDays: 28, reportingNotes: notes }, connection(), 'meta');
    expect(meta).toMatchObject({ reportsSettleDays: 28, reportingNotes: notes });
    expect(watchedPlatform(platform().adapter, connection()).reportsSettleDays).toBeUndefined();
  });

  it('tells a watcher at once when the connection was lost before it started watching', () => {
    const watched = connection();
    watched.lose('no token');
    watched.lose('a second reason is not kept');
    const told: string[] = [];
    watched.onLost((reason) => told.push(reason));
    expect(told).toEqual(['no token']);
    expect(watched.state()).toEqual({ connected: false, reason: 'no token' });
  });

  it('opens an account that cannot be reached: every call refused, none sent', async () => {
    const watched = connection();
    watched.lose('Meta refused the token from ACM_META_TOKEN');
    const meta = watchedPlatform(unreachablePlatform('meta', 'EUR', 'unused'), watched);
    expect(meta.currency).toBe('EUR');
    await expect(meta.listCampaigns()).rejects.toThrow('needs reconnecting: Meta refused the token from ACM_META_TOKEN');
  });
});
