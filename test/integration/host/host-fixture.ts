import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/** A stand-in for the built renderer, so host tests do not need a vite build. */
export async function makeRendererDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'acm-renderer-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>ACM test shell</title>');
  await writeFile(join(dir, 'assets', 'app.js'), 'export const ok = true;');
  await writeFile(join(dir, 'assets', 'app.css'), 'body{}');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Reply {
  id: unknown;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string; path?: string } };
}

/** Opens a WebSocket and resolves with the HTTP status when the upgrade is refused. */
export function openSocket(url: string, headers: Record<string, string>): Promise<{ socket?: WebSocket; refusedWith?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refusedWith: res.statusCode });
      res.resume();
    });
    socket.once('error', reject);
  });
}

/** The next reply (a message with an `id` key) on the socket; events are skipped. */
export function nextReply(socket: WebSocket): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (!('id' in message)) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

export function nextEvent(socket: WebSocket): Promise<{ event: string; payload: unknown; workspaceId?: number }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (!('event' in message)) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

export async function call(socket: WebSocket, message: unknown): Promise<Reply> {
  const reply = nextReply(socket);
  socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  return reply;
}
