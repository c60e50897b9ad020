import { describe, expect, it } from 'vitest';
import { benchVerdict, type BenchRow } from '../../bench/harness';

const row = (name: string, ok?: boolean): BenchRow => ({ name, value: 1, kind: 'ratio', ...(ok === undefined ? {} : { target: '<= 2.0', ok }) });

describe('npm run bench verdict', () => {
  it('fails the run when any figure misses its target, naming each', () => {
    const verdict = benchVerdict([
      { bench: 'audit', row: row('CSV export', false) },
      { bench: 'ipc', row: row('round trip', true) },
      { bench: 'simulation', row: row('500 campaigns', false) },
    ]);
    expect(verdict).toEqual({ missed: ['audit: CSV export (target <= 2.0)', 'simulation: 500 campaigns (target <= 2.0)'], exitCode: 1 });
  });

  it('passes when every target is met, figures without a target counting for nothing', () => {
    expect(
      benchVerdict([
        { bench: 'ipc', row: row('round trip', true) },
        { bench: 'store', row: row('bytes written') },
      ]),
    ).toEqual({ missed: [], exitCode: 0 });
  });
});
