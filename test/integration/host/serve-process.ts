import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type WebSocket from 'ws';
import { call, openSocket } from './host-fixture';

/** `acm serve` and `acm audit verify` as a user runs them: real processes of the npm bin launcher. */
export const ACM = fileURLToPath(new URL('../../../electron/cli/acm.mjs', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  token: string;
  stderr: string[];
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  exited: Promise<number | string>;
}

function run(args: string[]): { child: ChildProcess; stdout: string[]; stderr: string[]; exited: Promise<number | string> } {
  const child = spawn(process.execPath, [ACM, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (text: string) => stdout.push(text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout, stderr, exited };
}

/** Starts `acm serve ARGS` and resolves once it printed its address; rejects with its output if it exits first. */
export function serve(args: string[]): Promise<ServeProcess> {
  const { child, stdout, stderr, exited } = run(['serve', '--port', '0', ...args]);
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(stdout.join(''));
      if (match) resolve({ child, port: Number(match[1]), token: match[2], stderr, exited });
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`acm serve exited with ${code} before serving:\n${stderr.join('')}`)));
  });
}

/** Runs an `acm` command to its end. */
export async function acm(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const { stdout, stderr, exited } = run(args);
  const code = await exited;
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

export async function connect(served: ServeProcess): Promise<WebSocket> {
  const { socket } = await openSocket(`ws://127.0.0.1:${served.port}/ipc?token=${served.token}`, { Origin: `http://127.0.0.1:${served.port}` });
  return socket!;
}

let calls = 0;
export async function ask<T>(socket: WebSocket, channel: string, request: unknown = {}): Promise<T> {
  const reply = await call(socket, { id: ++calls, channel, request });
  if (!reply.result.ok) throw new Error(`${channel}: ${reply.result.error?.message}`);
  return reply.result.value as T;
}

/** Reads the database file the way a second process would, while the host writes it. */
export function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

/** Polls `probe` (every 100 ms) until it returns a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
