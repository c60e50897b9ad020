// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoogleClientStatus, GoogleSignIn } from '@shared/ipc/channels/google-connect';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { AcmClient } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import { IpcCallError, type AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { WorkspaceSwitcher } from '@renderer/features/workspaces/workspace-switcher';
import { queryCacheText } from '../../query-cache-text';

const SECRET = 'made-up-desktop-client-secret-0123';
const DEVELOPER_TOKEN = 'dev-token-abcdef0123456789';
const CONSENT = 'https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abc.apps.googleusercontent.com&state=s';
const SIGN_IN = 'c0ffee00-1111-2222-3333-444455556666';
const STORAGE = { available: true, protected: true, where: "the operating system's keychain" };

const workspace = (id: number, name: string, currency = 'USD', timezone = 'UTC'): WorkspaceSummary => ({
  id,
  name,
  currency,
  timezone,
  openAlerts: { critical: 0, warning: 0, info: 0 },
  agents: { active: 0, paused: 0 },
  accounts: [{ platform: 'google', name, connected: true }],
});

const HOME = workspace(1, 'Home');

const unconfigured: GoogleClientStatus = { configured: false, developerToken: false, accessLevel: 'explorer', storage: STORAGE };
const configured: GoogleClientStatus = {
  configured: true,
  clientId: '1234-abc.apps.googleusercontent.com',
  developerToken: true,
  accessLevel: 'basic',
  from: STORAGE.where,
  storage: STORAGE,
};

const signedIn = (overrides: Partial<GoogleSignIn> = {}): GoogleSignIn => ({
  signInId: SIGN_IN,
  customers: [
    { id: '9876543210', name: 'Northwind MCC', currency: 'USD', timezone: 'America/New_York', manager: true },
    {
      id: '1234567890',
      name: 'Maple Outdoors',
      currency: 'CAD',
      timezone: 'America/Chicago',
      manager: false,
      loginCustomerId: '9876543210',
      managerName: 'Northwind MCC',
    },
    { id: '1112223333', name: 'Home customer', currency: 'USD', timezone: 'UTC', manager: false, workspaceId: 1 },
    { id: '7778889999', name: 'Lapsed sign-in', currency: 'USD', timezone: 'UTC', manager: false, workspaceId: 1, needsReconnecting: true },
    { id: '4445556666', name: 'Closed shop', currency: 'EUR', timezone: 'Europe/Paris', manager: false, problem: 'Google gives its status as CANCELED' },
  ],
  more: 0,
  storage: STORAGE,
  ...overrides,
});

/** The host as the dialog reaches it: the global channels it calls, each a spy. */
function fakeHost(status: GoogleClientStatus = configured, finish: GoogleSignIn | Error = signedIn(), openedByHost = false) {
  const workspaces = [HOME];
  const calls = {
    'workspaces.list': vi.fn(async () => workspaces),
    'workspaces.open': vi.fn(async ({ id }: { id: number }) => workspaces.find((w) => w.id === id)!),
    'workspaces.googleClient': vi.fn(async () => status),
    'workspaces.saveGoogleClient': vi.fn(async (request: { clientId: string; accessLevel: string; developerToken?: string }) => ({
      ...configured,
      clientId: request.clientId,
      accessLevel: request.accessLevel,
      developerToken: request.developerToken !== undefined,
    })),
    'workspaces.startGoogleSignIn': vi.fn(async () => ({ signInId: SIGN_IN, consentUrl: CONSENT, openedByHost })),
    'workspaces.finishGoogleSignIn': vi.fn(async (_request: { signInId: string }) => {
      if (finish instanceof Error) throw finish;
      return finish;
    }),
    'workspaces.cancelGoogleSignIn': vi.fn(async (_request: { signInId: string }) => ({ cancelled: true })),
    'workspaces.connectGoogle': vi.fn(async (request: { customerIds: string[] }) => {
      const created = request.customerIds.map((id, i) => workspace(10 + i, `Workspace of ${id}`, 'CAD', 'America/Chicago'));
      workspaces.push(...created);
      return { workspaces: created, failed: [] as { customerId: string; message: string }[] };
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
  fireEvent.click(screen.getByRole('button', { name: 'Connect Google Ads account…' }));
  return screen.getByRole('dialog', { name: 'Connect Google Ads account' });
}

async function signIn(dialog: HTMLElement) {
  fireEvent.click(await within(dialog).findByRole('button', { name: 'Sign in with Google' }));
}

const customerBox = (dialog: HTMLElement, name: string) => within(dialog).getByRole('checkbox', { name }) as HTMLInputElement;
const connectButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: /^Connect \d+ accounts?$/ }) as HTMLButtonElement;

let opened: ReturnType<typeof vi.fn>;
beforeEach(() => {
  useWorkspaceStore.setState({ current: HOME.id });
  opened = vi.fn(() => null);
  vi.stubGlobal('open', opened);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('"Connect Google Ads account"', () => {
  it('asks for the OAuth client first, keeps its secrets out of the page once saved, then offers the sign-in', async () => {
    const { calls, connection } = fakeHost(unconfigured);
    const queryClient = show(connection);
    const dialog = openDialog();
    const form = await within(dialog).findByRole('form', { name: 'Your Google OAuth client' });
    expect((within(form).getByLabelText('Client secret') as HTMLInputElement).type).toBe('password');
    expect((within(form).getByLabelText('Developer token') as HTMLInputElement).type).toBe('password');
    const save = within(form).getByRole('button', { name: 'Save client' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('OAuth client ID'), { target: { value: ' 1234-abc.apps.googleusercontent.com ' } });
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: SECRET } });
    fireEvent.change(within(form).getByLabelText('Developer token'), { target: { value: DEVELOPER_TOKEN } });
    fireEvent.change(within(form).getByLabelText('Access level'), { target: { value: 'basic' } });
    fireEvent.click(save);

    await within(dialog).findByRole('button', { name: 'Sign in with Google' });
    expect(calls['workspaces.saveGoogleClient']).toHaveBeenCalledWith({
      clientId: '1234-abc.apps.googleusercontent.com',
      clientSecret: SECRET,
      developerToken: DEVELOPER_TOKEN,
      accessLevel: 'basic',
      storeUnprotected: false,
    });
    expect(dialog.textContent).toContain('OAuth client 1234-abc.apps.googleusercontent.com · developer token set · Basic: 15,000 operations a day');
    expect(dialog.innerHTML).not.toContain(SECRET);
    expect(dialog.innerHTML).not.toContain(DEVELOPER_TOKEN);
    expect(queryCacheText(queryClient)).not.toContain(SECRET);
  });

  it('opens the consent page itself when the host could not (acm serve), and lists what the sign-in reaches, managers and connected ones not pickable', async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    await signIn(dialog);
    await within(dialog).findByRole('group', { name: 'Google Ads accounts' });
    expect(opened).toHaveBeenCalledWith(CONSENT, '_blank', 'noopener,noreferrer');
    expect(calls['workspaces.finishGoogleSignIn']).toHaveBeenCalledWith({ signInId: SIGN_IN });

    expect(customerBox(dialog, 'Northwind MCC').disabled).toBe(true);
    expect(customerBox(dialog, 'Northwind MCC').closest('li')!.textContent).toContain('manager account: it has no campaigns of its own');
    const maple = customerBox(dialog, 'Maple Outdoors');
    expect(maple.disabled).toBe(false);
    expect(maple.closest('li')!.textContent).toContain('123-456-7890 · CAD · America/Chicago · through Northwind MCC');
    expect(customerBox(dialog, 'Home customer').closest('li')!.textContent).toContain('already in workspace Home');
    expect(customerBox(dialog, 'Home customer').disabled).toBe(true);
    expect(customerBox(dialog, 'Lapsed sign-in').disabled).toBe(false);
    expect(customerBox(dialog, 'Lapsed sign-in').closest('li')!.textContent).toContain(
      'workspace Home needs reconnecting: picking it signs that workspace in again',
    );
    expect(customerBox(dialog, 'Closed shop').closest('li')!.textContent).toContain('Google gives its status as CANCELED');
  });

  it('leaves the browser to the host in the app, and shows the address to open by hand while it waits', async () => {
    const { connection, calls } = fakeHost(configured, signedIn(), true);
    let finish!: (value: GoogleSignIn) => void;
    calls['workspaces.finishGoogleSignIn'].mockImplementationOnce(() => new Promise<GoogleSignIn>((resolve) => (finish = resolve)));
    show(connection);
    const dialog = openDialog();
    await signIn(dialog);
    const link = (await within(dialog).findByRole('link', { name: "Open Google's sign-in page" })) as HTMLAnchorElement;
    expect(link.href).toBe(CONSENT);
    expect(opened).not.toHaveBeenCalled();
    finish(signedIn());
    await within(dialog).findByRole('group', { name: 'Google Ads accounts' });
  });

  it('connects the picked customers and opens the first new workspace', async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    await signIn(dialog);
    await within(dialog).findByRole('group', { name: 'Google Ads accounts' });
    expect(connectButton(dialog).disabled).toBe(true);
    fireEvent.click(customerBox(dialog, 'Maple Outdoors'));
    expect(connectButton(dialog).textContent).toBe('Connect 1 account');
    fireEvent.click(connectButton(dialog));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls['workspaces.connectGoogle']).toHaveBeenCalledWith({ signInId: SIGN_IN, customerIds: ['1234567890'], storeUnprotected: false });
    expect(calls['workspaces.open']).toHaveBeenCalledWith({ id: 10 });
    expect(useWorkspaceStore.getState().current).toBe(10);
    // The sign-in was used up by the host: nothing to cancel.
    expect(calls['workspaces.cancelGoogleSignIn']).not.toHaveBeenCalled();
  });

  it("shows a refused or cancelled sign-in in the host's words, and offers to sign in again", async () => {
    const refusal = "access was not granted at Google's consent page: nothing was connected";
    const { connection } = fakeHost(configured, new IpcCallError('workspaces.finishGoogleSignIn', { code: 'FORBIDDEN', message: refusal }));
    show(connection);
    const dialog = openDialog();
    await signIn(dialog);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(refusal);
    expect(within(dialog).getByRole('button', { name: 'Sign in with Google' })).toBeTruthy();
  });

  it('ends the sign-in at the host when the dialog closes before anything is connected', async () => {
    const { calls, connection } = fakeHost();
    show(connection);
    const dialog = openDialog();
    await signIn(dialog);
    await within(dialog).findByRole('group', { name: 'Google Ads accounts' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls['workspaces.cancelGoogleSignIn']).toHaveBeenCalledWith({ signInId: SIGN_IN });
  });
});
