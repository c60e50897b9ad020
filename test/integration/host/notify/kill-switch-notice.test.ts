import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '@host/compose';
import { createIpcServer } from '@ipc/server';
import { webhookChannel } from '@host/notify/scripted-channels';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { openDatabase } from '@store/index';
import { efficiencyDraft } from '../../../unit/ipc/app-fixture';
import { oneWorkspace } from '../../../unit/ipc/one-workspace';
import { FakePlatform, FAKE_START, fakeCampaigns } from '../fake-platform';
import { startWebhookReceiver } from './receivers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the kill switch', () => {
  it('tells the channels when a person pauses every agent, but not when the host pauses them itself', async () => {
    const hook = await startWebhookReceiver();
    const store = openDatabase({ path: ':memory:' });
    const clock = new ManualClock(FAKE_START);
    const account = { name: 'Test account', platform: new FakePlatform(fakeCampaigns()), clock, zone: AccountZone.UTC, rules: { policies: [], calendar: [] } };
    const app = await composeApp(store, account, () => undefined, {
      notify: { workspaceId: 1, scripted: [webhookChannel(hook.url)], passEveryMs: 0, wallNow: () => clock.now() },
    });
    cleanups.push(
      hook.close,
      () => store.close(),
      () => app.close(),
    );

    const ipc = createIpcServer(oneWorkspace(app.services));
    expect(await ipc.handle('agents.create', { definition: efficiencyDraft({ name: 'Keeper', status: 'active' }) })).toMatchObject({ ok: true });
    app.runtime.pauseAll();
    expect(await ipc.handle('agents.resumeAll', {})).toMatchObject({ ok: true });
    expect(await ipc.handle('agents.pauseAll', {})).toMatchObject({ ok: true, value: { count: 1 } });
    await expect.poll(() => hook.texts.length).toBe(1);
    expect(hook.texts[0]).toContain('Kill switch used: agents paused in workspace Sandbox');
    expect(hook.texts[0]).toContain('Paused: Keeper.');
    expect(store.outbox.list().map((m) => m.topic)).toEqual(['kill_switch']);
  });
});
