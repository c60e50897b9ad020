import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import { createServeCommand } from '@cli/commands/serve';
import type { CommandIO } from '@cli/command';
import { fakeAccountFactory } from './fake-platform';
import { makeRendererDir } from './host-fixture';

function captureIO(onOut?: (line: string) => void): CommandIO & { out: (t: string) => void; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    isTTY: false,
    out: (text) => {
      lines.push(text);
      onOut?.(text);
    },
    err: (text) => errors.push(text),
  };
}

describe('acm serve', () => {
  it.each([
    [['--port', 'eighty'], "--port must be an integer from 0 to 65535, got 'eighty'"],
    [['--port', '70000'], "--port must be an integer from 0 to 65535, got '70000'"],
    [['--speed', '0'], "--speed must be a positive number, got '0'"],
    [['--speed', 'fast'], "--speed must be a positive number, got 'fast'"],
    [['--scenario', '/no/such/scenario.json'], "--scenario: no such file '/no/such/scenario.json'"],
  ])('rejects %j with one line and exit code 2', async (flags, message) => {
    const io = captureIO();
    expect(await main(['serve', ...flags], io)).toBe(2);
    expect(io.errors).toEqual([`acm serve: ${message}`]);
  });

  it('rejects an unknown flag with exit code 2', async () => {
    const io = captureIO();
    expect(await main(['serve', '--bind', '0.0.0.0'], io)).toBe(2);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(/--bind/);
  });

  it('prints the tokened URL, keeps its record in --db, serves until told to stop, then exits 0', async () => {
    const renderer = await makeRendererDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'acm-serve-db-'));
    const db = join(dataDir, 'acm.db');
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let printed!: (url: string) => void;
    const urlPrinted = new Promise<string>((resolve) => (printed = resolve));
    const io = captureIO((line) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line)?.[1];
      if (url) printed(url);
    });
    const command = createServeCommand({ createAccount: fakeAccountFactory(), rendererDir: renderer.dir, waitForStop: () => stopped });
    const exit = command.run({ values: { port: '0', speed: '10', db }, positionals: [] }, io);
    const url = await urlPrinted;
    expect((await fetch(url)).status).toBe(200);
    expect(existsSync(db)).toBe(true);
    stop();
    expect(await exit).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    await renderer.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with the reason when the host cannot start', async () => {
    const renderer = await makeRendererDir();
    const io = captureIO();
    const failing = createServeCommand({
      createAccount: async () => {
        throw new Error('scenario is not acm-scenario/1');
      },
      rendererDir: renderer.dir,
    });
    expect(await failing.run({ values: { port: '0' }, positionals: [] }, io)).toBe(1);
    expect(io.errors).toEqual(['acm serve: scenario is not acm-scenario/1']);
    await renderer.remove();
  });
});
