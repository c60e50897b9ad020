import { afterEach, beforeEach } from 'vitest';
import type WebSocket from 'ws';
import { createServeCommand } from '@cli/commands/serve';
import type { CommandIO } from '@cli/command';
import type { Keyring } from '@host/credentials/keyring';
import { FakeMetaServer, fakeWorld } from '@platforms/meta/fake/index';
import type { FetchLike } from '@platforms/meta/graph-client';
import { AcceleratedClock } from '@shared/time';
import { makeScenario } from '../../unit/platforms/sandbox/make-scenario';
import { TOKEN } from '../platforms/meta/meta-fixture';
import { tempDir } from '../store/temp-dir';
import { makeRendererDir, openSocket } from './host-fixture';

export { TOKEN };

/** Account hours per real second: a day of the account in 24 s, both sides on one clock. */
export const SPEED = 3600;

/** A keyring with entries in memory: the OS keyring's code path, without the OS. */
export class MemoryKeyring implements Keyring {
  readonly entries = new Map<string, string>();
  reads: string[] = [];
  async read(entry: string) {
    this.reads.push(entry);
    return this.entries.get(entry);
  }
  async write(entry: string, secret: string) {
    this.entries.set(entry, secret);
  }
  async remove(entry: string) {
    return this.entries.delete(entry);
  }
}

/** A keyring as on a machine where no keyring service answers. */
export const unreachableKeyring: Keyring = {
  read: () => Promise.reject(new Error("the operating system's keyring could not read the entry: no Secret Service")),
  write: () => Promise.reject(new Error('no Secret Service')),
  remove: () => Promise.reject(new Error('no Secret Service')),
};

export interface ServedMeta {
  url: string;
  port: number;
  token: string;
  /** Everything the host wrote to its log and its output. */
  lines: string[];
  exit: Promise<number>;
  stop(): Promise<number>;
}

export interface MetaWorld {
  clock: AcceleratedClock;
  fake: FakeMetaServer;
  close(): Promise<void>;
}

/** An hour before midnight in New York: the agents' first daily review comes a second or so into a test. */
export const START = Date.UTC(2026, 2, 21, 3, 0);

/** One campaign with campaign budget, in New York, with the fake's 28 days of past: what agents need to act, and little to read. */
export const oneCampaign = () =>
  makeScenario({
    name: 'Acme Shoes',
    timezone: 'America/New_York',
    days: 30,
    campaigns: [{ name: 'Prospecting', dailyBudget: 100, response: { maxConversions: 60, halfSaturationSpend: 200 } }],
  });

/** What one test of a host over the fake holds: its folder, the fake, the hosts it served and the sockets it opened. */
export interface MetaBed {
  tmp: ReturnType<typeof tempDir>;
  world: MetaWorld;
  running: ServedMeta[];
  sockets: WebSocket[];
}

/** A fresh bed before each test of the file, everything in it stopped and removed after. */
export function metaTestBed(): MetaBed {
  const bed = {} as MetaBed;
  beforeEach(async () => {
    bed.tmp = tempDir();
    bed.world = await startMetaWorld();
    bed.running = [];
    bed.sockets = [];
  });
  afterEach(async () => {
    for (const socket of bed.sockets) socket.close();
    for (const served of bed.running) await served.stop();
    await bed.world.close();
    bed.tmp.remove();
  });
  return bed;
}

/** The fake Graph API on 127.0.0.1, on a clock the host will share. */
export async function startMetaWorld(clock = new AcceleratedClock(START, SPEED)): Promise<MetaWorld> {
  const fake = await FakeMetaServer.start({ world: fakeWorld(oneCampaign(), clock), clock, token: TOKEN });
  return { clock, fake, close: () => fake.close() };
}

export interface ServeOptions {
  /** Only its clock is used: the host's accounts share it (a Google fake's world serves too). */
  world: Pick<MetaWorld, 'clock'>;
  args: Record<string, string>;
  env?: Record<string, string | undefined>;
  keyring?: Keyring;
  fetch?: FetchLike;
}

/** `acm serve` in this process, as the command line runs it; resolves once it printed its address, or with its exit code if it stopped first. */
export async function serveMeta(options: ServeOptions): Promise<ServedMeta | { code: number; lines: string[] }> {
  const renderer = await makeRendererDir();
  const lines: string[] = [];
  let printed!: (url: string) => void;
  const urlPrinted = new Promise<string>((resolve) => (printed = resolve));
  const io: CommandIO = {
    isTTY: false,
    out: (text) => {
      lines.push(text);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(text)?.[1];
      if (url) printed(url);
    },
    // The host logs JSON lines; the tests read their messages.
    err: (text) => lines.push(text.startsWith('{') ? (JSON.parse(text) as { message: string }).message : text),
  };
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const command = createServeCommand({
    rendererDir: renderer.dir,
    waitForStop: () => stopped,
    env: options.env ?? {},
    keyring: options.keyring ?? new MemoryKeyring(),
    fetch: options.fetch,
    startClock: () => options.world.clock,
  });
  const exit = command.run({ values: { port: '0', ...options.args }, positionals: [] }, io).finally(() => renderer.remove());
  const first = await Promise.race([urlPrinted, exit]);
  if (typeof first === 'number') return { code: first, lines };
  const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(first)!;
  return {
    url: first,
    port: Number(match[1]),
    token: match[2],
    lines,
    exit,
    stop: () => {
      stop();
      return exit;
    },
  };
}

/** A WebSocket to the host that keeps every message it receives, answers and events, as they came. */
export async function socketOf(served: ServedMeta): Promise<{ socket: WebSocket; received: string[] }> {
  const { socket } = await openSocket(`ws://127.0.0.1:${served.port}/ipc?token=${served.token}`, { Origin: `http://127.0.0.1:${served.port}` });
  const received: string[] = [];
  socket!.on('message', (data: WebSocket.RawData) => received.push(data.toString()));
  return { socket: socket!, received };
}

/** Polls an asynchronous `probe` (every 100 ms) until it returns a value; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An efficiency agent on every campaign that may change budgets only: what the tests need of an agent, and quick to review. */
export const roasKeeper = {
  name: 'ROAS keeper',
  role: 'efficiency',
  campaigns: '*',
  constraints: { actions: ['budget'] },
  goals: [{ metric: 'roas', op: '>=', value: 2 }],
};
