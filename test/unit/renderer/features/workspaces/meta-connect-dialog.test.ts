// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { AcmClient } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import { IpcCallError, type AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { WorkspaceSwitcher } from '@renderer/features/workspaces/workspace-switcher';
import { queryCacheText } from '../../query-cache-text';

const TOKEN = 'EAAB-system-user-token-0123456789';

const workspace = (id: number, name: string, currency = 'USD', timezone = 'UTC'): WorkspaceSummary => ({
  id,
  name,
  currency,
  timezone,
  openAlerts: { critical: 0, warning: 0, info: 0 },
  agents: { active: 0, paused: 0 },
  accounts: [{ platform: 'meta', name, connected: true }],
});

const HOME = workspace(1, 'Home');

const checked = (overrides: Partial<MetaTokenCheck> = {}): MetaTokenCheck => ({
  user: { id: '100', name: 'Agency robot' },
  permissions: ['ads_management', 'ads_read'],
  accounts: [
    { id: 'act_101', name: 'Berlin shoes', currency: 'EUR', timezone: 'Europe/Berlin', status: 'active', canManage: true },
    { id: 'act_102', name: 'Tokyo tea', currency: 'JPY', timezone: 'Asia/Tokyo', status: 'active', canManage: false },
    { id: 'act_103', name: 'Home account', currency: 'USD', timezone: 'UTC', status: 'active', canManage: true, workspaceId: 1 },
    { id: 'act_105', name: 'Lapsed token', currency: 'USD', timezone: 'UTC', status: 'active', canManage: true, workspaceId: 1, needsReconnecting: true },
    { id: 'act_104', name: 'Odd money', currency: 'XYZ', timezone: 'UTC', status: 'unsettled', canManage: true, problem: "Meta gives its currency as 'XYZ'" },
  ],
  more: 3,
  storage: { available: true, protected: true, where: "the operating system's keyring" },
  ...overrides,
});

/** The host as the dialog reaches it: the global channels it calls, each a spy. */
function fakeHost(check: MetaTokenCheck | Error = checked()) {
  const workspaces = [HOME];
  const calls = {
    'workspaces.list': vi.fn(async () => workspaces),
    'workspaces.open': vi.fn(async ({ id }: { id: number }) => workspaces.find((w) => w.id === id)!),
    'workspaces.checkMetaToken': vi.fn(async (_request: { token: string }) => {
      if (check instanceof Error) throw check;
      return check;
    }),
    'workspaces.connectMeta': vi.fn(async (request: { accountIds: string[] }) => {
      const created = request.accountIds.map((id, i) => workspace(10 + i, `Workspace of ${id}`, 'EUR', 'Europe/Berlin'));
      workspaces.push(...created);
      return { workspaces: created, failed: [] as { accountId: string; message: string }[] };
    }),
  };
  const connection: AcmConnection = { clientFor: () => calls as unknown as AcmClient, subscribe: () => () => undefined };
  return { calls, connection, workspaces };
}

function show(connection: AcmConnection) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(AcmProvider, { connection, children: createElement(WorkspaceSwitcher) })));
  return queryClient;
}

function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: 'Connect Meta account…' }));
  return screen.getByRole('dialog', { name: 'Connect Meta account' });
}

async function checkToken(dialog: HTMLElement) {
  fireEvent.change(within(dialog).getByLabelText('System User access token'), { target: { value: TOKEN } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Check token' }));
  await within(dialog).findByRole('group', { name: 'Ad accounts' });
}

const accountBox = (dialog: HTMLElement, name: string) => within(dialog).getByRole('checkbox', { name }) as HTMLInputElement;
const connectButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: /^Connect \d+ accounts?$/ }) as HTMLButtonElement;

beforeEach(() => useWorkspaceStore.setState({ current: HOME.id }));
afterEach(cleanup);

describe('"Connect Meta account"', () => {
  it('checks the token and shows whose it is, what it may do and the ad accounts it reaches', async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    const field = within(dialog).getByLabelText('System User access token') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(dialog.textContent).toContain('Business Settings → System users → Generate token');
    await checkToken(dialog);

    expect(calls['workspaces.checkMetaToken']).toHaveBeenCalledWith({ token: TOKEN });
    expect(dialog.textContent).toContain('Token of Agency robot');
    expect(within(dialog).getByText('may change campaigns')).toBeTruthy();
    const berlin = accountBox(dialog, 'Berlin shoes').closest('li')!;
    expect(berlin.textContent).toContain('act_101 · EUR · Europe/Berlin · active');
    expect(berlin.textContent).not.toContain('Recommend only');
    expect(accountBox(dialog, 'Tokyo tea').closest('li')!.textContent).toContain('Recommend only');
    expect(dialog.textContent).toContain('and 3 more');
  });

  it('says a read-only token makes agents recommend', async () => {
    const { connection } = fakeHost(checked({ permissions: ['ads_read'] }));
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    expect(within(dialog).getByText('read only: agents will recommend, you make the changes')).toBeTruthy();
    expect(within(dialog).queryByText('may change campaigns')).toBeNull();
  });

  it('will not pick an account already in a workspace (unless its token died there), or one the app cannot keep, and says why', async () => {
    const { connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    await waitFor(() => expect(accountBox(dialog, 'Home account').closest('li')!.textContent).toContain('already in workspace Home'));
    expect(accountBox(dialog, 'Home account').disabled).toBe(true);
    expect(accountBox(dialog, 'Odd money').disabled).toBe(true);
    expect(accountBox(dialog, 'Odd money').closest('li')!.textContent).toContain("Meta gives its currency as 'XYZ'");
    expect(accountBox(dialog, 'Berlin shoes').disabled).toBe(false);
    expect(accountBox(dialog, 'Lapsed token').disabled).toBe(false);
    expect(accountBox(dialog, 'Lapsed token').closest('li')!.textContent).toContain(
      'workspace Home needs reconnecting: picking it signs that workspace in again',
    );
  });

  it('connects the picked accounts with the chosen conversion action and opens the first new workspace', async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    expect(connectButton(dialog).disabled).toBe(true);
    fireEvent.click(accountBox(dialog, 'Tokyo tea'));
    fireEvent.click(accountBox(dialog, 'Berlin shoes'));
    expect(connectButton(dialog).textContent).toBe('Connect 2 accounts');

    const action = within(dialog).getByLabelText('Conversion action') as HTMLSelectElement;
    expect(action.value).toBe('purchase');
    fireEvent.change(action, { target: { value: 'other…' } });
    fireEvent.change(within(dialog).getByLabelText('Action type'), { target: { value: 'Custom Thing' } });
    fireEvent.click(connectButton(dialog));
    expect(dialog.textContent).toContain("'Custom Thing' is not a Meta action type");
    expect(calls['workspaces.connectMeta']).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Action type'), { target: { value: 'offsite_conversion.custom.42' } });
    fireEvent.click(connectButton(dialog));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls['workspaces.connectMeta']).toHaveBeenCalledWith({
      token: TOKEN,
      accountIds: ['act_101', 'act_102'],
      conversionAction: 'offsite_conversion.custom.42',
      storeUnprotected: false,
    });
    expect(calls['workspaces.open']).toHaveBeenCalledWith({ id: 10 });
    expect(useWorkspaceStore.getState().current).toBe(10);
  });

  it('connects only once the operator chose to store the token where it is not protected', async () => {
    const warning = 'No keyring answered (GNOME Keyring or KWallet): the token would be stored obfuscated, not encrypted.';
    const { calls, connection } = fakeHost(checked({ storage: { available: true, protected: false, where: "the operating system's keychain", warning } }));
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    fireEvent.click(accountBox(dialog, 'Berlin shoes'));
    expect(dialog.textContent).toContain(warning);
    expect(connectButton(dialog).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Store the token anyway' }));
    expect(connectButton(dialog).disabled).toBe(false);
    fireEvent.click(connectButton(dialog));
    await waitFor(() => expect(calls['workspaces.connectMeta']).toHaveBeenCalledWith(expect.objectContaining({ storeUnprotected: true })));
  });

  it('connects nothing while no keyring can keep the token, and says so', async () => {
    const warning =
      "the operating system's keyring could not read the entry: no Secret Service. Start a keyring (GNOME Keyring, KWallet), or give acm serve the token in ACM_META_TOKEN.";
    const { connection } = fakeHost(checked({ storage: { available: false, protected: false, where: "the operating system's keyring", warning } }));
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    fireEvent.click(accountBox(dialog, 'Berlin shoes'));
    expect(dialog.textContent).toContain(warning);
    expect(within(dialog).queryByRole('checkbox', { name: 'Store the token anyway' })).toBeNull();
    expect(connectButton(dialog).disabled).toBe(true);
  });

  it("shows Meta's refusal of the token in the dialog, in the host's words", async () => {
    const refusal = 'Meta refused the token: Meta refused GET /v24.0/me (code 190): Invalid OAuth access token';
    const { connection } = fakeHost(new IpcCallError('workspaces.checkMetaToken', { code: 'FORBIDDEN', message: refusal, path: 'token' }));
    show(connection);
    const dialog = openDialog();
    fireEvent.change(within(dialog).getByLabelText('System User access token'), { target: { value: TOKEN } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check token' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(refusal);
  });

  it('lists the accounts that could not be connected instead of closing', async () => {
    const { calls, connection, workspaces } = fakeHost();
    calls['workspaces.connectMeta'].mockImplementationOnce(async () => {
      const berlin = workspace(10, 'Berlin shoes', 'EUR', 'Europe/Berlin');
      workspaces.push(berlin);
      return { workspaces: [berlin], failed: [{ accountId: 'act_102', message: 'the keyring could not write the entry' }] };
    });
    show(connection);
    const dialog = openDialog();
    await checkToken(dialog);
    fireEvent.click(accountBox(dialog, 'Berlin shoes'));
    fireEvent.click(accountBox(dialog, 'Tokyo tea'));
    fireEvent.click(connectButton(dialog));
    const results = await within(dialog).findByRole('region', { name: 'Connection results' });
    expect(results.textContent).toContain('Connected, each in a workspace of its own: Berlin shoes.');
    expect(results.textContent).toContain('Tokyo tea (act_102): the keyring could not write the entry');
    expect(useWorkspaceStore.getState().current).toBe(10);
  });

  it('forgets the token when the dialog closes, and never keeps it in the query cache', async () => {
    const { connection } = fakeHost();
    const queryClient = show(connection);
    let dialog = openDialog();
    await checkToken(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    dialog = openDialog();
    expect((within(dialog).getByLabelText('System User access token') as HTMLInputElement).value).toBe('');
    expect(queryCacheText(queryClient)).not.toContain(TOKEN);
  });
});
