import { createContext, useContext, type ReactNode } from 'react';
import type { AcmClient } from '@shared/ipc/contract';
import type { AcmConnection, WorkspaceSubscribe } from './client';
import { useWorkspaceStore } from './workspace-store';

const AcmContext = createContext<AcmConnection | null>(null);

export function AcmProvider({ connection, children }: { connection: AcmConnection; children: ReactNode }) {
  return <AcmContext.Provider value={connection}>{children}</AcmContext.Provider>;
}

export interface Acm {
  /** The calls as the workspace this window shows answers them. */
  client: AcmClient;
  /** That workspace; null only before the host said which one the app opens on. */
  workspaceId: number | null;
  subscribe: WorkspaceSubscribe;
  connection: AcmConnection;
}

export function useAcm(): Acm {
  const connection = useContext(AcmContext);
  const workspaceId = useWorkspaceStore((state) => state.current);
  if (!connection) throw new Error('useAcm() needs an <AcmProvider> above it');
  return { client: connection.clientFor(workspaceId), workspaceId, subscribe: connection.subscribe, connection };
}
