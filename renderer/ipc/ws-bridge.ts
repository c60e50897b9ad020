import type { AcmBridge } from '@shared/ipc/bridge';
import type { IpcResult } from '@shared/ipc/define';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export interface WsBridgeOptions {
  /** ws://host/ipc?token=... */
  url: string;
  onStatus?: (status: ConnectionStatus) => void;
  /** Wait before reconnect attempt `n` (0-based). */
  retryDelayMs?: (attempt: number) => number;
}

const backoff = (attempt: number): number => Math.min(5000, 250 * 2 ** attempt);

const connectionLost: IpcResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The connection to the host was lost before it answered' },
};

/**
 * The headless host's transport: the same AcmBridge as the Electron preload, over one
 * WebSocket that reconnects by itself. Calls made while disconnected wait for the connection.
 */
export function createWebSocketBridge(options: WsBridgeOptions): AcmBridge & { close(): void } {
  // A call is `sent` once on the wire; only those are lost with a connection, the rest wait for the next one.
  const pending = new Map<number, { text: string; sent: boolean; settle: (result: IpcResult<unknown>) => void }>();
  const listeners = new Map<string, Set<(payload: unknown, workspaceId?: number) => void>>();
  const retryDelay = options.retryDelayMs ?? backoff;
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let socket: WebSocket;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function receive(text: string): void {
    let message: { id?: unknown; result?: IpcResult<unknown>; event?: unknown; payload?: unknown; workspaceId?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      const workspaceId = typeof message.workspaceId === 'number' ? message.workspaceId : undefined;
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload, workspaceId);
      return;
    }
    if (typeof message.id !== 'number' || !message.result) return;
    pending.get(message.id)?.settle(message.result);
    pending.delete(message.id);
  }

  function connect(): void {
    // A retry keeps the 'reconnecting' status the lost connection already reported.
    if (attempt === 0) options.onStatus?.('connecting');
    socket = new WebSocket(options.url);
    socket.onopen = () => {
      attempt = 0;
      options.onStatus?.('open');
      for (const call of pending.values()) {
        if (!call.sent) socket.send(call.text);
        call.sent = true;
      }
    };
    socket.onmessage = (event) => receive(String(event.data));
    socket.onclose = () => {
      for (const [id, call] of pending) {
        if (!call.sent && !closed) continue;
        call.settle(connectionLost);
        pending.delete(id);
      }
      if (closed) return;
      options.onStatus?.('reconnecting');
      retryTimer = setTimeout(connect, retryDelay(attempt++));
    };
  }

  connect();

  return {
    invoke(channel, request, workspaceId) {
      const id = nextId++;
      // Without a workspace the key is left out, and the host answers from the one the app opened on.
      const text = JSON.stringify({ id, channel, request, workspaceId });
      return new Promise((settle) => {
        const sent = socket.readyState === WebSocket.OPEN;
        pending.set(id, { text, sent, settle });
        if (sent) socket.send(text);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket.close();
    },
  };
}
