import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { loadScenarioFile } from '@lab/load-file';
import type { AccountFactory } from '@host/default-account';
import { DEFAULT_PORT, DEFAULT_SPEED, startHost } from '@host/start-host';

export interface ServeDeps {
  createAccount?: AccountFactory;
  rendererDir?: string;
  /** Resolves when the host should shut down: on Ctrl+C or SIGTERM by default. */
  waitForStop?: () => Promise<void>;
}

const waitForSignal = (): Promise<void> =>
  new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}

function parseSpeed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SPEED;
  const speed = Number(text);
  if (text.trim() === '' || !Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed must be a positive number, got '${text}'`);
  return speed;
}

async function parseScenario(text: string | undefined): Promise<string | undefined> {
  if (text === undefined) return undefined;
  const path = resolve(text);
  try {
    await access(path);
  } catch {
    throw new UsageError(`--scenario: no such file '${text}'`);
  }
  return path;
}

export function createServeCommand(deps: ServeDeps = {}): Command {
  return {
    name: 'serve',
    summary: 'Run the app headless: the UI over HTTP and its API over a WebSocket, on 127.0.0.1 only',
    usage: 'acm serve [--port 5317] [--db FILE] [--scenario FILE] [--speed N]',
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
    },
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const values = args.values as Record<string, string | undefined>;
      const port = parsePort(values.port);
      const speed = parseSpeed(values.speed);
      const scenarioPath = await parseScenario(values.scenario);
      const databasePath = values.db === undefined ? undefined : resolve(values.db);
      // A bad scenario is a mistake in the call, like a bad flag: named problem by problem, exit code 2.
      const loaded = scenarioPath === undefined ? undefined : await loadScenarioFile(scenarioPath);
      if (loaded && !loaded.ok) {
        for (const e of loaded.errors) io.err(`acm serve: ${values.scenario}: ${e.path}: ${e.message}`);
        return 2;
      }
      let host;
      try {
        host = await startHost({ port, speed, scenarioPath, databasePath, createAccount: deps.createAccount, rendererDir: deps.rendererDir, log: io.err });
      } catch (error) {
        io.err(`acm serve: ${(error as Error).message}`);
        return 1;
      }
      io.out(`ACM is running at ${host.url}`);
      io.out("Open that address in a browser (it carries this session's key). Press Ctrl+C to stop.");
      await (deps.waitForStop ?? waitForSignal)();
      await host.close();
      return 0;
    },
  };
}

export const serveCommand = createServeCommand();
