// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotifyChannelView } from '@shared/ipc/channels/notifications';
import type { AcmClient, ResponseOf } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import type { AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { NotificationsScreen } from '@renderer/features/notifications/notifications-screen';
import { queryCacheText } from '../../query-cache-text';

const WEBHOOK = 'https://hooks.example.test/services/made-up-webhook-for-tests';
const ZONE = 'Asia/Tokyo';
// 2026-03-12 01:42 UTC is 10:42 in Tokyo; 23:30 in Tokyo is inside 22:00–07:00 quiet hours.
const DELIVERED_AT = Date.UTC(2026, 2, 12, 1, 42);
const NIGHT_IN_TOKYO = Date.UTC(2026, 2, 12, 14, 30);

type Message = ResponseOf<'notifications.outbox'>['messages'][number];

const channel = (overrides: Partial<NotifyChannelView> = {}): NotifyChannelView => ({
  id: 'ch-ops',
  createdAt: DELIVERED_AT - 86_400_000,
  kind: 'slack',
  name: '#ops',
  enabled: true,
  severities: ['warning', 'critical'],
  quietHours: null,
  renotifyAfterMinutes: null,
  digestHour: null,
  email: null,
  lastAttemptAt: DELIVERED_AT,
  lastDeliveredAt: DELIVERED_AT,
  failuresInARow: 0,
  lastError: null,
  hasSecret: true,
  scripted: false,
  ...overrides,
});

const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'msg-1',
  channelId: 'ch-ops',
  topic: 'alert',
  subject: 'alert-1',
  severity: 'warning',
  alertId: 'alert-1',
  createdAt: DELIVERED_AT,
  dueAt: DELIVERED_AT,
  attempts: 0,
  state: 'pending',
  lastError: null,
  sentAt: null,
  ...overrides,
});

/** The host as the screen reaches it: the notifications calls of one workspace, each a spy over a little state. */
function fakeHost(start: { channels?: NotifyChannelView[]; messages?: Message[]; now?: number } = {}) {
  const channels = [...(start.channels ?? [])];
  const messages = [...(start.messages ?? [])];
  const calls = {
    'app.info': vi.fn(async () => ({
      version: '1.0.0',
      account: { name: 'Tokyo tea', currency: 'JPY', platform: 'meta', timezone: ZONE },
      clock: { now: start.now ?? DELIVERED_AT, speed: 1 },
      databasePath: null,
    })),
    'notifications.listChannels': vi.fn(async () => ({ channels: channels.map((c) => ({ ...c })) })),
    'notifications.saveChannel': vi.fn(async (request: { id?: string; settings: Omit<NotifyChannelView, 'id'>; secret?: string }) => {
      const existing = channels.find((c) => c.id === request.id);
      const saved = channel({ ...request.settings, id: request.id ?? `ch-${channels.length + 1}`, lastAttemptAt: null, lastDeliveredAt: null });
      saved.hasSecret = existing?.hasSecret === true || request.secret !== undefined;
      if (existing) channels.splice(channels.indexOf(existing), 1, saved);
      else channels.push(saved);
      return saved;
    }),
    'notifications.removeChannel': vi.fn(async ({ id }: { id: string }) => {
      const at = channels.findIndex((c) => c.id === id);
      if (at >= 0) channels.splice(at, 1);
      return { removed: at >= 0 };
    }),
    'notifications.testChannel': vi.fn(async (_request: { id: string }): Promise<{ delivered: boolean; error?: string }> => ({ delivered: true })),
    'notifications.outbox': vi.fn(async () => ({ messages: messages.map((m) => ({ ...m })) })),
    'notifications.retry': vi.fn(async ({ id }: { id: string }) => {
      const failed = messages.find((m) => m.id === id && m.state === 'failed');
      if (failed) Object.assign(failed, { state: 'pending', attempts: 0 });
      return { retried: failed !== undefined };
    }),
  };
  const connection: AcmConnection = { clientFor: () => calls as unknown as AcmClient, subscribe: () => () => undefined };
  return { calls, connection };
}

function show(connection: AcmConnection) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(AcmProvider, { connection, children: createElement(NotificationsScreen) })));
  return queryClient;
}

const card = (name: string) => screen.findByRole('listitem', { name });

beforeEach(() => useWorkspaceStore.setState({ current: 1 }));
afterEach(cleanup);

describe('the Notifications screen', () => {
  it("lists the workspace's channels with their last delivery, or how often it failed and why, in the workspace's zone", async () => {
    const { connection } = fakeHost({
      channels: [
        channel(),
        channel({ id: 'ch-dev', name: '#dev', failuresInARow: 3, lastError: 'HTTP 404: no_service', lastDeliveredAt: null }),
        channel({ id: 'cli_slack', name: 'Slack (--notify-webhook)', scripted: true, lastAttemptAt: null, lastDeliveredAt: null }),
      ],
    });
    show(connection);

    const ops = await card('Slack #ops');
    expect(ops.textContent).toContain('delivered');
    expect(within(ops).getByRole('time').textContent).toContain('10:42');
    expect(within(ops).getByRole('time').getAttribute('title')).toBe(ZONE);

    const dev = await card('Slack #dev');
    expect(dev.textContent).toContain('Slack: last delivery failed 3 times: HTTP 404: no_service');

    const scripted = await card('Slack Slack (--notify-webhook)');
    expect(scripted.textContent).toContain('Set by the command line of acm serve');
    expect(scripted.textContent).toContain('nothing sent yet');
    expect(within(scripted).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(scripted).queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(within(scripted).getByRole('button', { name: 'Send test' })).toBeTruthy();
  });

  it('saves a Slack channel with its webhook URL sent once, then never shows it or keeps it in a cache', async () => {
    const { calls, connection } = fakeHost();
    const queryClient = show(connection);
    fireEvent.click(await screen.findByRole('button', { name: 'Add Slack channel' }));
    const form = screen.getByRole('form', { name: 'Add Slack channel' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: '#ops' } });
    const url = within(form).getByLabelText('Webhook URL') as HTMLInputElement;
    expect(url.type).toBe('password');
    fireEvent.click(within(form).getByRole('button', { name: 'Save channel' }));
    expect(await within(form).findByText('Paste the incoming webhook URL.')).toBeTruthy();
    expect(calls['notifications.saveChannel']).not.toHaveBeenCalled();

    fireEvent.change(url, { target: { value: WEBHOOK } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'info' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save channel' }));
    const ops = await card('Slack #ops');
    expect(calls['notifications.saveChannel']).toHaveBeenCalledWith({
      settings: {
        kind: 'slack',
        name: '#ops',
        enabled: true,
        severities: ['info', 'warning', 'critical'],
        quietHours: null,
        renotifyAfterMinutes: null,
        digestHour: null,
        email: null,
      },
      secret: WEBHOOK,
    });
    expect(screen.queryByRole('form')).toBeNull();

    fireEvent.click(within(ops).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit Slack channel' });
    const stored = within(edit).getByLabelText('Webhook URL') as HTMLInputElement;
    expect(stored.value).toBe('');
    expect(stored.placeholder).toBe('unchanged');
    fireEvent.change(within(edit).getByLabelText('Re-notify after (minutes)'), { target: { value: '30' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls['notifications.saveChannel']).toHaveBeenCalledTimes(2));
    expect(calls['notifications.saveChannel'].mock.calls[1][0]).toEqual({
      id: 'ch-1',
      settings: expect.objectContaining({ renotifyAfterMinutes: 30 }),
      secret: undefined,
    });
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(document.body.innerHTML).not.toContain(WEBHOOK);
    expect(queryCacheText(queryClient)).not.toContain(WEBHOOK);
  });

  it('says whether the test message was delivered, and why not', async () => {
    const { calls, connection } = fakeHost({ channels: [channel()] });
    calls['notifications.testChannel'].mockResolvedValueOnce({ delivered: false, error: 'HTTP 404: no_service' });
    show(connection);
    const ops = await card('Slack #ops');
    fireEvent.click(within(ops).getByRole('button', { name: 'Send test' }));
    expect((await within(ops).findByRole('status')).textContent).toBe('Test message not delivered: HTTP 404: no_service');
    expect(calls['notifications.testChannel']).toHaveBeenCalledWith({ id: 'ch-ops' });

    fireEvent.click(within(ops).getByRole('button', { name: 'Send test' }));
    await waitFor(() => expect(within(ops).getByRole('status').textContent).toBe('Test message delivered.'));
  });

  it("sets quiet hours on the workspace's clock, labelled with its zone, and says critical alerts ignore them", async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    fireEvent.click(await screen.findByRole('button', { name: 'Add e-mail channel' }));
    const form = screen.getByRole('form', { name: 'Add e-mail channel' });
    expect(within(form).getByRole('group', { name: `Quiet hours (${ZONE})` }).textContent).toContain('Critical alerts ignore quiet hours');
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Hold warnings and info during quiet hours' }));
    fireEvent.change(within(form).getByLabelText(`From (${ZONE})`), { target: { value: '21:30' } });
    expect((within(form).getByLabelText(`To (${ZONE})`) as HTMLInputElement).value).toBe('07:00');

    const fill = (label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
    fill('Name', 'On call');
    fill('SMTP host', 'smtp.agency.com');
    fill('User', 'acm');
    fill('Password', 'smtp-Pa55word');
    fill('From', 'acm@agency.com');
    fill('To', 'ops@agency.com, lead@agency.com');
    fill(`Daily digest at (${ZONE})`, '8');
    fireEvent.click(within(form).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls['notifications.saveChannel']).toHaveBeenCalled());
    expect(calls['notifications.saveChannel'].mock.calls[0][0]).toEqual({
      settings: expect.objectContaining({
        kind: 'email',
        quietHours: { start: '21:30', end: '07:00' },
        digestHour: 8,
        email: { host: 'smtp.agency.com', port: 587, secure: false, user: 'acm', from: 'acm@agency.com', to: ['ops@agency.com', 'lead@agency.com'] },
      }),
      secret: 'smtp-Pa55word',
    });
    const onCall = await card('E-mail On call');
    expect(onCall.textContent).toContain(`quiet 21:30–07:00 ${ZONE} (critical still sent)`);
    expect(onCall.textContent).toContain(`daily digest at 08:00 ${ZONE}`);
  });

  it('lists recent messages: a failed one with its error and Retry, one held by quiet hours until they end', async () => {
    const night = channel({ quietHours: { start: '22:00', end: '07:00' } });
    const { calls, connection } = fakeHost({
      channels: [night],
      now: NIGHT_IN_TOKYO,
      messages: [
        message({ id: 'msg-held', subject: 'alert-2', createdAt: NIGHT_IN_TOKYO }),
        message({ id: 'msg-failed', state: 'failed', attempts: 12, lastError: 'HTTP 500: no_service' }),
        message({ id: 'msg-sent', state: 'sent', attempts: 1, sentAt: DELIVERED_AT, topic: 'renotify' }),
      ],
    });
    show(connection);
    const table = await screen.findByRole('table', { name: 'Recent messages' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain(`held until 07:00 ${ZONE} (quiet hours)`);
    expect(rows[1].textContent).toContain('failed');
    expect(rows[1].textContent).toContain('HTTP 500: no_service');
    expect(rows[2].textContent).toContain('Reminder');
    expect(rows[2].textContent).toContain('sent');

    fireEvent.click(within(rows[1]).getByRole('button', { name: /^Retry/ }));
    await waitFor(() => expect(calls['notifications.retry']).toHaveBeenCalledWith({ id: 'msg-failed' }));
    await waitFor(() => expect(within(table).queryByRole('button', { name: /^Retry/ })).toBeNull());
    expect(calls['notifications.outbox']).toHaveBeenCalledTimes(2);
  });

  it('removes a channel only once the operator confirms', async () => {
    const { calls, connection } = fakeHost({ channels: [channel()] });
    show(connection);
    const ops = await card('Slack #ops');
    fireEvent.click(within(ops).getByRole('button', { name: 'Remove' }));
    const confirm = within(ops).getByRole('group', { name: 'Remove Slack #ops?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(calls['notifications.removeChannel']).not.toHaveBeenCalled();

    fireEvent.click(within(ops).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(ops).getByRole('button', { name: 'Remove channel' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Slack #ops' })).toBeNull());
    expect(calls['notifications.removeChannel']).toHaveBeenCalledWith({ id: 'ch-ops' });
    expect(await screen.findByRole('region', { name: 'No channels' })).toBeTruthy();
  });
});
