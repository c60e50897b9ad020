import { create } from 'zustand';
import type { ConnectionStatus } from '../ipc/ws-bridge';

/** UI state only: how the link to the host is doing. Server data lives in react-query. */
export interface ConnectionState {
  status: ConnectionStatus | 'missing-token';
  /** Counts the times the link came back after a loss; a change means cached data may be stale. */
  reconnects: number;
  setStatus(status: ConnectionState['status']): void;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  status: 'connecting',
  reconnects: 0,
  setStatus: (status) =>
    set((state) => ({
      status,
      reconnects: status === 'open' && state.status === 'reconnecting' ? state.reconnects + 1 : state.reconnects,
    })),
}));
