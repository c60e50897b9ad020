import { KILL_SWITCH_LOAD, runKillSwitch } from '../reliability/support/kill-switch-load';
import type { StoreFault } from '../reliability/support/store-faults';
import type { Benchmark } from './harness';

const CONDITIONS: { fault?: StoreFault; label: string }[] = [
  { label: '' },
  { fault: 'broken-key', label: ', the signing key unloadable as a checkpoint falls due' },
  { fault: 'full-disk', label: ', every write of the store refused (full disk)' },
];

/** How long "pause all" takes to be acknowledged when sent in the middle of a busy review of a large account, and whether it held. */
export const killSwitchBenchmark: Benchmark = {
  name: 'kill-switch',
  async run() {
    const rows = [];
    for (const { fault, label } of CONDITIONS) {
      const run = await runKillSwitch(KILL_SWITCH_LOAD, fault);
      rows.push(
        {
          name: `"pause all" acknowledged during a busy review (${run.agents} agents, ${run.campaigns} campaigns${label})`,
          value: Math.round(run.ackMs * 10) / 10,
          kind: 'count' as const,
          unit: 'ms',
          target: '< 100 ms',
          ok: run.ackMs < 100 && run.paused === run.agents,
        },
        {
          name: `platform calls started after the acknowledgement${label}`,
          value: run.callsAfterAck.length,
          kind: 'count' as const,
          target: '0',
          ok: run.callsAfterAck.length === 0,
        },
      );
    }
    return rows;
  },
};
