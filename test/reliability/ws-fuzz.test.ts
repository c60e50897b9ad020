import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { contract } from '@shared/ipc/contract';
import { IPC_ERROR_CODES } from '@shared/ipc/define';
import { SeededRandom } from '@shared/random';
import { startHost, type RunningHost } from '@host/start-host';
import { openDatabase, type Store } from '@store/index';
import { fakeAccountFactory } from '../integration/host/fake-platform';
import { call, makeRendererDir, nextReply, openSocket } from '../integration/host/host-fixture';
import { storeFingerprint } from './support/fingerprint';
import { reportFigures } from './support/figures';
import { Fuzz } from './support/fuzz';
import { connectionOf } from '@store/testing';

const MESSAGES = 2_000;
const LIMIT = 64 * 1024;

let host: RunningHost;
let renderer: Awaited<ReturnType<typeof makeRendererDir>>;
let dir: string;
let reader: Store;

function sentId(text: string): unknown {
  try {
    return (JSON.parse(text) as { id?: unknown } | null)?.id;
  } catch {
    return undefined;
  }
}

const connect = async () => (await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` })).socket!;
const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

beforeAll(async () => {
  renderer = await makeRendererDir();
  dir = await mkdtemp(join(tmpdir(), 'acm-ws-fuzz-'));
  host = await startHost({
    port: 0,
    rendererDir: renderer.dir,
    createAccount: fakeAccountFactory(),
    databasePath: join(dir, 'acm.db'),
    maxMessageBytes: LIMIT,
    log: () => {},
  });
  reader = openDatabase({ path: join(dir, 'acm.db'), readonly: true });
});
afterAll(async () => {
  reader.close();
  await host.close();
  await renderer.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('bad input: the WebSocket transport under thousands of malformed, binary and oversized messages', () => {
  it('answers each with a typed error and its id where it had one, and a refused message leaves the store untouched', { timeout: 300_000 }, async () => {
    const fuzz = new Fuzz(new SeededRandom(9));
    const channels = Object.keys(contract.channels);
    const socket = await connect();
    const kinds = { json: 0, text: 0, binary: 0, oversized: 0 };
    let refused = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const before = storeFingerprint(connectionOf(reader));
      const envelope = { id: i, channel: fuzz.pick(channels), request: {} };
      let message: string | Buffer;
      const roll = fuzz.int(10);
      if (roll < 5) {
        message = JSON.stringify(fuzz.mutate(envelope).value ?? null);
        kinds.json++;
      } else if (roll < 7) {
        message = fuzz.mangleText(JSON.stringify(envelope));
        kinds.text++;
      } else if (roll < 9) {
        message = Buffer.from(Array.from({ length: 1 + fuzz.int(64) }, () => fuzz.int(256)));
        kinds.binary++;
      } else {
        message = JSON.stringify({ ...envelope, request: { pad: 'x'.repeat(LIMIT + fuzz.int(LIMIT)) } });
        kinds.oversized++;
      }
      const reply = nextReply(socket);
      socket.send(message, { binary: Buffer.isBuffer(message) });
      const { id, result } = await reply;
      const what = `message ${i}: ${String(message).slice(0, 160)}`;
      expect(typeof result.ok, what).toBe('boolean');
      if (result.ok) continue;
      refused++;
      expect(IPC_ERROR_CODES, what).toContain(result.error!.code);
      expect(result.error!.message.length, what).toBeGreaterThan(10);
      if (typeof message === 'string' && sentId(message) === i) expect(id, `${what}: the reply carries the request's id, over the size limit too`).toBe(i);
      expect(storeFingerprint(connectionOf(reader)), `${what} was refused yet changed the store`).toBe(before);
    }
    expect(refused).toBeGreaterThan(MESSAGES * 0.8);
    expect(await call(socket, { id: 'still', channel: 'app.info', request: {} })).toMatchObject({ id: 'still', result: { ok: true } });
    socket.close();
    reportFigures('WebSocket fuzz', {
      messages: MESSAGES,
      'mutated envelopes': kinds.json,
      'broken JSON text': kinds.text,
      'binary frames': kinds.binary,
      oversized: kinds.oversized,
      refused,
      'store changes by a refused message': 0,
    });
  });

  it('closes a connection that sends invalid UTF-8 or a message far over the limit, and keeps serving others', async () => {
    const a = await connect();
    const aClosed = closed(a);
    a.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await aClosed).toBe(1007);

    const b = await connect();
    const bClosed = closed(b);
    b.send('x'.repeat(LIMIT * 5));
    expect(await bClosed).toBe(1009);

    const c = await connect();
    expect(await call(c, { id: 1, channel: 'app.info', request: {} })).toMatchObject({ id: 1, result: { ok: true } });
    c.close();
  });
});
