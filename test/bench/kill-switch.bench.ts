import { KILL_SWITCH_LOAD, runKillSwitch } from '../reliability/support/kill-switch-load';
import type { Benchmark } from './harness';

/** How long "pause all" takes to be acknowledged when sent in the middle of a busy review of a large account. */
export const killSwitchBenchmark: Benchmark = {
  name: 'kill-switch',
  async run() {
    const run = await runKillSwitch(KILL_SWITCH_LOAD);
    return [
      {
        name: `"pause all" acknowledged during a busy review (${run.agents} agents, ${run.campaigns} campaigns)`,
        value: Math.round(run.ackMs * 10) / 10,
        kind: 'count' as const,
        unit: 'ms',
        target: '< 100 ms',
        ok: run.ackMs < 100,
      },
      { name: 'platform calls started after the acknowledgement', value: run.callsAfterAck.length, kind: 'count' as const, target: '0', ok: run.callsAfterAck.length === 0 },
    ];
  },
};
