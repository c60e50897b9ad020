import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import type { CommandIO } from '@cli/command';

const single = join(fileURLToPath(new URL('../../../resources/scenarios/', import.meta.url)), 'single-agent-roas.json');

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

describe('acm simulate --experiment', () => {
  it('adds the experiment to the JSON report: the estimate, its interval and the true lift', async () => {
    const io = capture();
    expect(await main(['simulate', single, '--json', '--days', '30', '--experiment', '--experiment-seed', '4'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.experiment).toMatchObject({ seed: 4, preDays: 10, testDays: 20 });
    for (const key of ['estimate', 'low', 'high', 'trueLift']) expect(typeof report.experiment[key]).toBe('number');
    expect(report.experiment.low).toBeLessThanOrEqual(report.experiment.high);
  });

  it('prints the verdict and the true lift in the text report', async () => {
    const io = capture();
    expect(await main(['simulate', single, '--days', '21', '--experiment'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(
      /^Holdout experiment \(seed \d+\): 3 campaigns under the agents, 3 held out \(3 matched pairs\); 7 pre-period days, then 14 test days from /m,
    );
    expect(text).toMatch(/^ {2}(agents [+−]\d+% ROAS \(90% CI|not enough evidence yet after 14 days)/m);
    expect(text).toMatch(/^ {2}True lift \(against the same campaigns left static on the same draws\): [+-]?\d+\.\d% ROAS\.$/m);
  });

  it('says how to use it in --help, and refuses what it cannot do', async () => {
    const help = capture();
    expect(await main(['simulate', '--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toMatch(/--experiment-seed/);
    for (const [args, message] of [
      [['--experiment-seed', '3'], /needs --experiment/],
      [['--experiment', '--via', 'meta'], /sandbox only/],
      [['--experiment', '--experiment-seed', 'x'], /--experiment-seed must be an integer/],
      [['--experiment', '--days', '1'], /at least 2 days/],
    ] as const) {
      const io = capture();
      expect(await main(['simulate', single, ...args], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });
});
