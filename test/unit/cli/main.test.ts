import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import type { CommandIO } from '@cli/command';

const run = promisify(execFile);
const acm = fileURLToPath(new URL('../../../electron/cli/acm.mjs', import.meta.url));

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

describe('acm command line', () => {
  it('lists every command in --help', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    const help = io.stdout.join('\n');
    for (const name of ['serve', 'simulate']) expect(help).toMatch(new RegExp(`^\\s+${name}\\s`, 'm'));
  });

  it('refuses an unknown command with one line and exit code 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toContain("unknown command 'frobnicate'");
  });

  it('reads a negative number given to a flag as its value, and names the bounds it breaks', async () => {
    const io = capture();
    expect(await main(['simulate', 'resources/scenarios/single-agent-roas.json', '--days', '-3'], io)).toBe(2);
    expect(io.stderr).toEqual(["acm simulate: --days must be an integer from 1 to 730, got '-3'"]);
  });

  it('refuses an unknown flag with one line naming it and exit code 2', async () => {
    const io = capture();
    expect(await main(['serve', '--prot', '80'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toContain('--prot');
  });

  it('runs as a real process through the npm bin launcher', async () => {
    const { stdout } = await run(process.execPath, [acm, '--help']);
    expect(stdout).toContain('Usage: acm <command>');
    const failure = await run(process.execPath, [acm, 'nope']).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr.trim().split('\n')).toHaveLength(1);
  });
});
