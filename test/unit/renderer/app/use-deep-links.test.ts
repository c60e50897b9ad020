// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AcmClient } from '@shared/ipc/contract';
import { ErrorText } from '@renderer/app/error-text';
import { useDeepLinks } from '@renderer/app/use-deep-links';
import { useAuditStore } from '@renderer/features/audit/audit-store';
import { AcmProvider } from '@renderer/ipc/acm-context';
import { IpcCallError, type AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';

function LinkFollower() {
  return createElement(ErrorText, { error: useDeepLinks(), what: 'Could not open the link' });
}

/** The window as the preload gives it links, and a host with workspaces 1 and 2. */
function showWithLinks() {
  let listener: ((url: string) => void) | undefined;
  const calls = {
    'workspaces.open': vi.fn(async ({ id }: { id: number }) => {
      if (id > 2) throw new IpcCallError('workspaces.open', { code: 'NOT_FOUND', message: `no workspace ${id}` });
      return { id, name: `Workspace ${id}` };
    }),
    'workspaces.list': vi.fn(async () => []),
  };
  const connection: AcmConnection = {
    clientFor: () => calls as unknown as AcmClient,
    subscribe: () => () => undefined,
    onOpenLink: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(AcmProvider, { connection, children: createElement(LinkFollower) })));
  const open = (url: string) => act(() => listener?.(url));
  return { calls, open };
}

beforeEach(() => {
  useWorkspaceStore.setState({ current: 1 });
  useAuditStore.setState({ filter: {}, selectedId: null });
  window.location.hash = '#/monitor';
});
afterEach(cleanup);

describe('an acm:// link handed to the window', () => {
  it('opens its workspace, then the alert on the Alerts screen', async () => {
    const { calls, open } = showWithLinks();
    open('acm://workspace/2/alert/a-1');
    await waitFor(() => expect(window.location.hash).toBe('#/alerts/alert-a-1'));
    expect(calls['workspaces.open']).toHaveBeenCalledWith({ id: 2 });
    expect(useWorkspaceStore.getState().current).toBe(2);
  });

  it('opens a decision in the Audit trail, selected there', async () => {
    const { open } = showWithLinks();
    useAuditStore.setState({ selectedId: 'another' });
    open('acm://workspace/2/decision/d-9');
    await waitFor(() => expect(window.location.hash).toBe('#/audit'));
    expect(useAuditStore.getState().selectedId).toBe('d-9');
  });

  it('ignores a link of another shape, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { calls, open } = showWithLinks();
    open('acm://workspace/2/settings');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the link "acm://workspace/2/settings"'));
    expect(calls['workspaces.open']).not.toHaveBeenCalled();
    expect(window.location.hash).toBe('#/monitor');
    warn.mockRestore();
  });

  it('says so when the workspace is gone, and stays where it was', async () => {
    const { open } = showWithLinks();
    open('acm://workspace/9/agents');
    expect((await screen.findByRole('alert')).textContent).toBe('Could not open the link: no workspace 9');
    expect(window.location.hash).toBe('#/monitor');
    expect(useWorkspaceStore.getState().current).toBe(1);
  });
});
