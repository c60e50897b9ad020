import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/time';
import { createIpcServer } from '@ipc/server';
import { FAKE_START, FakePlatform } from '../../integration/host/fake-platform';
import { servicesOver } from './app-fixture';
import { oneWorkspace } from './one-workspace';

let app: ReturnType<typeof servicesOver> | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

describe('the desktop settings channels', () => {
  it('answer UNAVAILABLE on a host without a desktop (acm serve), whichever workspace is named', async () => {
    app = servicesOver(new FakePlatform([]), new ManualClock(FAKE_START));
    const server = createIpcServer(oneWorkspace(app.services));
    for (const channel of ['desktop.settings', 'desktop.checkForUpdates']) {
      expect(await server.handle(channel, {}, 1)).toEqual({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'desktop settings exist in the desktop app only; this host runs without one' },
      });
    }
    expect(await server.handle('desktop.saveSettings', { updateFeedUrl: 'http://plain.test/' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'updateFeedUrl' },
    });
  });
});
