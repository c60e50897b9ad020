import { useEffect, type ReactNode } from 'react';
import { ConnectionBanner } from '@renderer/app/connection-banner';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';

/**
 * The app opens on the workspace opened last (the host remembers it): nothing below asks for a
 * workspace's data until the window knows which one it shows.
 */
export function WorkspaceGate({ children }: { children: ReactNode }) {
  const current = useWorkspaceStore((state) => state.current);
  const setCurrent = useWorkspaceStore((state) => state.setCurrent);
  const opened = useAcmQuery('workspaces.current');
  const id = opened.data?.id;
  useEffect(() => {
    if (current === null && id !== undefined) setCurrent(id);
  }, [current, id, setCurrent]);
  if (current !== null) return children;
  return (
    <main className="workspace-gate">
      <ConnectionBanner />
      {opened.error ? <ErrorText error={opened.error} what="Could not open the last workspace" /> : <p role="status">Opening the last workspace…</p>}
    </main>
  );
}
