import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { IpcResult } from '@shared/ipc/define';
import type { IpcServer } from '../ipc/server';
import { invalidInput } from '../ipc/validation-error';
import { leadingRequestId } from './leading-request-id';
import { checkUpgrade, hostHeaderAllowed } from './session-guard';

export const IPC_PATH = '/ipc';

const requestIdSchema = z.union([z.string().max(128), z.number().int()]);
const envelopeSchema = z
  .object({ id: requestIdSchema, channel: z.string().max(256), request: z.unknown(), workspaceId: z.number().int().positive().optional() })
  .strict();

export interface WsTransportOptions {
  ipc: IpcServer;
  token: string;
  /** The host's own origin, e.g. http://127.0.0.1:5317, known once the server listens. */
  origin: () => string;
  maxMessageBytes: number;
  log: (message: string, error?: unknown) => void;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

type RequestId = z.infer<typeof requestIdSchema> | null;

function reply(ws: WebSocket, id: RequestId, result: IpcResult<unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
}

/** Parses one message into a call, or says exactly what is wrong with it. */
function parseMessage(
  data: RawData,
  isBinary: boolean,
  maxBytes: number,
): { id: RequestId; call?: { channel: string; request: unknown; workspaceId?: number }; error?: string; path?: string } {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const bytes = buffer.byteLength;
  if (bytes > maxBytes) {
    const leading = requestIdSchema.safeParse(isBinary ? undefined : leadingRequestId(buffer));
    return { id: leading.success ? leading.data : null, error: `message of ${bytes} bytes is over the ${maxBytes}-byte limit` };
  }
  if (isBinary) return { id: null, error: 'binary messages are not accepted; send JSON text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    return { id: null, error: `message is not valid JSON: ${(error as Error).message}` };
  }
  const maybeId = requestIdSchema.safeParse((parsed as { id?: unknown } | null)?.id);
  const id = maybeId.success ? maybeId.data : null;
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    const problem = invalidInput(envelope.error, 'message (expected { id, channel, request, workspaceId? })');
    return { id, error: problem.message, path: problem.path };
  }
  return { id, call: { channel: envelope.data.channel, request: envelope.data.request, workspaceId: envelope.data.workspaceId } };
}

/**
 * Carries the IPC contract over WebSocket messages: `{ id, channel, request, workspaceId? }` in,
 * `{ id, result }` and `{ event, payload, workspaceId? }` out. Bad messages are answered, never fatal.
 */
export function attachWebSocketTransport(server: Server, options: WsTransportOptions): { close(): void } {
  // Far over the limit the ws library closes the socket (1009) instead of buffering without end.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 4 });

  server.on('upgrade', (req, socket, head) => {
    const origin = options.origin();
    if (!hostHeaderAllowed(req, new URL(origin).host)) return refuse(socket, 421, 'unexpected Host header');
    const verdict = checkUpgrade(req, { token: options.token, origin, path: IPC_PATH });
    if (!verdict.ok) {
      options.log(`refused WebSocket upgrade: ${verdict.reason}`);
      return refuse(socket, verdict.status, verdict.reason);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = options.ipc.onEvent((event, payload, workspaceId) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload, workspaceId }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', (error) => options.log('WebSocket connection error', error));
    ws.on('message', (data, isBinary) => {
      const message = parseMessage(data, isBinary, options.maxMessageBytes);
      if (!message.call) {
        const error = {
          code: 'INVALID_INPUT' as const,
          message: message.error ?? 'invalid message',
          ...(message.path !== undefined && { path: message.path }),
        };
        return reply(ws, message.id, { ok: false, error });
      }
      void options.ipc.handle(message.call.channel, message.call.request, message.call.workspaceId).then((result) => reply(ws, message.id, result));
    });
  });

  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
