// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopPreferencesPatch, DesktopSettings, UpdateStatus } from '@shared/ipc/channels/desktop';
import type { AcmClient } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import type { AcmConnection } from '@renderer/ipc/client';
import { DesktopSettingsScreen } from '@renderer/features/settings/desktop-settings-screen';

/** The app's desktop settings as the screen reaches them, each call a spy over a little state. */
function fakeDesktop(found: UpdateStatus) {
  const state: DesktopSettings = {
    preferences: { keepAwake: false, openAtLogin: false, updateFeedUrl: '', checkForUpdates: false },
    version: '1.2.3',
    update: { state: 'idle' },
    loginItemSupported: true,
  };
  const calls = {
    'desktop.settings': vi.fn(async () => structuredClone(state)),
    'desktop.saveSettings': vi.fn(async (patch: DesktopPreferencesPatch) => {
      Object.assign(state.preferences, patch);
      return structuredClone(state);
    }),
    'desktop.checkForUpdates': vi.fn(async () => {
      state.update = found;
      return structuredClone(state);
    }),
    'desktop.installUpdate': vi.fn(async () => ({ restarting: true })),
  };
  const connection: AcmConnection = { clientFor: () => calls as unknown as AcmClient, subscribe: () => () => undefined };
  return { calls, connection };
}

function show(connection: AcmConnection) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    createElement(QueryClientProvider, { client: queryClient }, createElement(AcmProvider, { connection, children: createElement(DesktopSettingsScreen) })),
  );
}

afterEach(cleanup);

describe('the Desktop settings screen', () => {
  it('shows every setting off, and turns one on at once', async () => {
    const { calls, connection } = fakeDesktop({ state: 'up-to-date' });
    show(connection);
    const keepAwake = (await screen.findByRole('checkbox', { name: 'Keep the computer awake while agents run' })) as HTMLInputElement;
    expect(keepAwake.checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Start at login' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Check for updates automatically' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(keepAwake);
    await waitFor(() => expect(calls['desktop.saveSettings']).toHaveBeenCalledWith({ keepAwake: true }));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Keep the computer awake while agents run' }) as HTMLInputElement).checked).toBe(true));
  });

  it('refuses a feed that is not https, and saves one that is', async () => {
    const { calls, connection } = fakeDesktop({ state: 'up-to-date' });
    show(connection);
    const feed = await screen.findByLabelText('Update feed URL');
    fireEvent.change(feed, { target: { value: 'http://updates.agency.test/' } });
    fireEvent.blur(feed);
    expect(screen.getByText(/must be an https:\/\/ address/)).toBeTruthy();
    expect(calls['desktop.saveSettings']).not.toHaveBeenCalled();
    fireEvent.change(feed, { target: { value: 'https://updates.agency.test/acm/' } });
    fireEvent.blur(feed);
    await waitFor(() => expect(calls['desktop.saveSettings']).toHaveBeenCalledWith({ updateFeedUrl: 'https://updates.agency.test/acm/' }));
  });

  it('says what "Check now" found, and offers a restart once an update is ready', async () => {
    const { calls, connection } = fakeDesktop({ state: 'ready', version: '1.3.0' });
    show(connection);
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Update 1.3.0 is ready: restart to install it.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart and install' }));
    await waitFor(() => expect(calls['desktop.installUpdate']).toHaveBeenCalledTimes(1));
  });
});
