import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_META_TEST_TOKEN } from '@platforms/meta/fake/fake-token';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** An ad account for the fake to serve, in its own currency and zone (a bundled scenario's world under another name). */
export interface FakeAdAccount {
  name: string;
  currency: string;
  timezone: string;
}

/**
 * A fake Meta Graph API (`acm fake-platform meta`) and a second host (`acm serve --api-base`) that
 * reaches Meta through it, on a database of its own: what "Connect Meta account" talks to. The fake
 * gets no ACM_META_TOKEN, so it accepts its documented test token; the host has that token in its
 * ACM_META_TOKEN.
 */
export interface MetaStage {
  /** The host's tokened address, as `ACM is running at` prints it. */
  hostUrl: string;
  stop(): Promise<void>;
}

export async function startMetaStage(account: FakeAdAccount): Promise<MetaStage> {
  const folder = mkdtempSync(join(tmpdir(), 'acm-e2e-meta-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const scenario = JSON.parse(readFileSync(join(root, 'resources/scenarios/market-shift.json'), 'utf8'));
    const scenarioFile = join(folder, 'account.json');
    writeFileSync(scenarioFile, JSON.stringify({ ...scenario, ...account }));
    const fake = await startAcm(['fake-platform', 'meta', '--port', '0', '--past-days', '2', '--scenario', scenarioFile], /at (http:\/\/127\.0\.0\.1:\d+)/);
    children.push(fake.child);
    const host = await startAcm(
      ['serve', '--port', '0', '--db', join(folder, 'acm.db'), '--api-base', fake.address],
      /ACM is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
      // As a headless host on a machine without a keyring runs: the token it connects with is in its environment, and nothing is stored.
      { ACM_META_TOKEN: FAKE_META_TEST_TOKEN },
    );
    children.push(host.child);
    return { hostUrl: host.address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts `acm ARGS` and resolves once its output says the address `ready` captures. */
export function startAcm(args: string[], ready: RegExp, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; address: string }> {
  const { ACM_META_TOKEN: _unset, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  const child = spawn(process.execPath, [join(root, 'electron/cli/acm.mjs'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`acm ${args[0]} did not start within 60 s:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (!found) return;
      clearTimeout(timer);
      resolve({ child, address: found[1] });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`acm ${args[0]} exited (${code}) before it was ready:\n${output}`)));
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
