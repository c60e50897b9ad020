import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { useAcm } from '@renderer/ipc/acm-context';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { useAuditStore } from '@renderer/features/audit/audit-store';
import { useBuilderStore } from '@renderer/features/agents/builder-store';

/** Every workspace with its open alerts and agents, as the switcher lists them. */
export const useWorkspaceList = () => useAcmQuery('workspaces.list');

/** The workspace this window shows, once the list has it. */
export function useCurrentWorkspace(): WorkspaceSummary | undefined {
  const list = useWorkspaceList();
  const current = useWorkspaceStore((state) => state.current);
  return list.data?.find((w) => w.id === current);
}

/**
 * Opens a workspace: the host remembers it as the one the app opens on next time, then this
 * window shows it. The switch waits for the host, so the window never names a workspace the
 * host has not opened. The screens' kept state (the audit filter, a half-built agent) names
 * one client's agents and campaigns, so it does not follow to another.
 */
export function useOpenWorkspace() {
  const { connection } = useAcm();
  const queryClient = useQueryClient();
  const setCurrent = useWorkspaceStore((state) => state.setCurrent);
  return useMutation({
    mutationFn: (id: number) => connection.clientFor(null)['workspaces.open']({ id }),
    onSuccess: (opened) => {
      if (opened.id === useWorkspaceStore.getState().current) return;
      useAuditStore.setState({ filter: {}, selectedId: null });
      useBuilderStore.getState().close();
      setCurrent(opened.id);
    },
    onSettled: () => invalidateChannels(queryClient, ['workspaces.']),
  });
}
