import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { startHost } from '@host/start-host';
import { ratio, type Benchmark } from './harness';

const ROUND_TRIPS = 2_000;

/** Sends `count` messages one after another, each after the previous answer, and resolves when done. */
function pingPong(socket: WebSocket, count: number, message: (i: number) => string): Promise<void> {
  return new Promise((resolve) => {
    let i = 0;
    const next = () => {
      if (i === count) {
        socket.off('message', next);
        return resolve();
      }
      socket.send(message(i++));
    };
    socket.on('message', next);
    next();
  });
}

function open(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { headers: { Origin: origin } } : undefined);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The contract's round trip (validated request, dispatched, validated reply) against a bare WebSocket echo. */
export const ipcBenchmark: Benchmark = {
  name: 'ipc',
  async run() {
    const host = await startHost({ port: 0, log: () => undefined });
    const echoServer = createServer();
    const echo = new WebSocketServer({ server: echoServer });
    echo.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
    await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
    const echoPort = (echoServer.address() as AddressInfo).port;
    try {
      const ipc = await open(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, `http://127.0.0.1:${host.port}`);
      const bare = await open(`ws://127.0.0.1:${echoPort}`);
      const request = (i: number) => JSON.stringify({ id: i, channel: 'app.info', request: {} });
      const value = await ratio(
        () => pingPong(ipc, ROUND_TRIPS, request),
        () => pingPong(bare, ROUND_TRIPS, request),
      );
      ipc.close();
      bare.close();
      return [{ name: `round trip over the WebSocket transport vs a bare WebSocket echo (${ROUND_TRIPS} calls)`, value, kind: 'ratio' as const }];
    } finally {
      echo.close();
      echoServer.close();
      await host.close();
    }
  },
};
