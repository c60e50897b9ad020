import type { Page } from '@playwright/test';

/** The host the Playwright config started (`acm serve`), as the tests reach it. */
const url = process.env.ACM_E2E_URL;
if (!url) throw new Error('ACM_E2E_URL is not set: run these tests with test/e2e/playwright.config.ts, which starts the host');
export const hostUrl: string = url;
const { port, hash } = new URL(url);
export const hostPort = port;
export const hostToken = hash.replace('#token=', '');

/** One IPC call over a fresh WebSocket from the page: how the tests read the record without the UI. */
export async function ipc<T>(page: Page, channel: string, request: unknown): Promise<T> {
  const reply = await page.evaluate(
    ({ ws, channel, request }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve, reject) => {
        const socket = new WebSocket(ws);
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, channel, request }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data));
          if (message.id !== 1) return;
          socket.close();
          resolve(message.result);
        };
        socket.onerror = () => reject(new Error('WebSocket failed'));
      }),
    { ws: `ws://127.0.0.1:${hostPort}/ipc?token=${hostToken}`, channel, request },
  );
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}
