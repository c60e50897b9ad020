import { oneWorkspace } from './one-workspace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AcceleratedClock, ManualClock, HOUR_MS } from '@shared/time';
import { createIpcServer } from '@ipc/server';
import { createAcmConnection, IpcCallError } from '@renderer/ipc/client';
import { FAKE_START, FakePlatform, fakeCampaigns } from '../../integration/host/fake-platform';
import { inProcessBridge, servicesOver } from './app-fixture';

let app: ReturnType<typeof servicesOver> | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
  vi.useRealTimers();
});

describe('IPC server over the services', () => {
  it('answers app.info and campaigns.list through the typed client', async () => {
    const clock = new ManualClock(FAKE_START);
    app = servicesOver(new FakePlatform(fakeCampaigns(), 'EUR'), clock, { databasePath: '/tmp/acm.db', version: '9.9.9' });
    const client = createAcmConnection(inProcessBridge(createIpcServer(oneWorkspace(app.services)))).clientFor(1);
    expect(await client['app.info']()).toEqual({
      version: '9.9.9',
      account: { name: 'Shop', currency: 'EUR', platform: 'fake', timezone: 'UTC' },
      clock: { now: FAKE_START, speed: 1 },
      databasePath: '/tmp/acm.db',
    });
    const campaigns = await client['campaigns.list']();
    expect(campaigns.map((c) => [c.name, c.dailyBudget])).toEqual([
      ['Spring sale — prospecting', 1200],
      ['Brand search', 85.5],
    ]);
  });

  it('throws an IpcCallError carrying code and path when the request is malformed', async () => {
    app = servicesOver(new FakePlatform([]), new ManualClock(FAKE_START));
    const client = createAcmConnection(inProcessBridge(createIpcServer(oneWorkspace(app.services)))).clientFor(1);
    const failure = await client['campaigns.list']({ status: 'active' } as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IpcCallError);
    expect(failure).toMatchObject({ code: 'INVALID_INPUT', path: 'status', channel: 'campaigns.list' });
  });

  it('pushes clock.tick about once a second with the accelerated simulated time', async () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new AcceleratedClock(FAKE_START, 3600);
    app = servicesOver(new FakePlatform([]), clock);
    const { subscribe } = createAcmConnection(inProcessBridge(createIpcServer(oneWorkspace(app.services))));
    const ticks: { now: number; speed: number }[] = [];
    subscribe('clock.tick', (tick) => ticks.push(tick));
    vi.advanceTimersByTime(999);
    expect(ticks).toEqual([]);
    vi.advanceTimersByTime(2001);
    expect(ticks).toEqual([
      { now: FAKE_START + HOUR_MS, speed: 3600 },
      { now: FAKE_START + 2 * HOUR_MS, speed: 3600 },
      { now: FAKE_START + 3 * HOUR_MS, speed: 3600 },
    ]);
    app.services.close();
    vi.advanceTimersByTime(5000);
    expect(ticks).toHaveLength(3);
  });
});
