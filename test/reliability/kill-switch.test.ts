import { describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures';
import { KILL_SWITCH_LOAD, runKillSwitch, type KillSwitchLoad } from './support/kill-switch-load';
import type { StoreFault } from './support/store-faults';

/** Smaller than the bench's load: what is proved here is that the store's failure changes nothing about the pause. */
const FAULT_LOAD: KillSwitchLoad = { campaigns: 60, extraAgents: 6, warmupDays: 8, pauseAtChange: 3 };

describe('kill switch under load', () => {
  it('"pause all" sent in the middle of a busy review stops every agent: no platform call starts after the answer', { timeout: 300_000 }, async () => {
    const run = await runKillSwitch(KILL_SWITCH_LOAD);
    expect(run.paused).toBe(run.agents);
    expect(run.recorded).toBe(true);
    expect(run.changesBefore).toBe(KILL_SWITCH_LOAD.pauseAtChange);
    expect(run.callsAfterAck.map((c) => `${c.seq} ${c.operation} ${c.campaignId ?? ''}`)).toEqual([]);
    expect(run.executedAfterAck).toBe(0);
    expect(run.pendingAfter).toBe(0);
    // The latency is a figure for the README and the bench, not an assertion: the project runs no timed tests.
    reportFigures('kill switch', {
      agents: run.agents,
      campaigns: run.campaigns,
      'pause-all acknowledged in ms': Math.round(run.ackMs * 10) / 10,
      'platform calls after the acknowledgement': 0,
    });
  });

  it('a key that cannot be loaded when the pause makes a checkpoint due: the pause holds, the checkpoint becomes an alert', { timeout: 300_000 }, async () => {
    const run = await runKillSwitch(FAULT_LOAD, 'broken-key');
    expect(run.paused).toBe(run.agents);
    expect(run.recorded).toBe(true);
    expect(run.callsAfterAck).toEqual([]);
    expect(run.executedAfterAck).toBe(0);
    expect(run.pausedInStoreAfter).toBe(run.agents);
    expect(run.auditAlerts).toBeGreaterThan(0);
  });

  for (const fault of ['full-disk', 'io-error'] satisfies StoreFault[]) {
    it(`a store that cannot write (${fault}): the pause takes effect at once, is recorded once the store can write again`, { timeout: 300_000 }, async () => {
      const run = await runKillSwitch(FAULT_LOAD, fault);
      expect(run.paused).toBe(run.agents);
      expect(run.recorded).toBe(false);
      expect(run.callsAfterAck).toEqual([]);
      expect(run.executedAfterAck).toBe(0);
      expect(run.pausedInStoreAfter).toBe(run.agents);
      expect(run.pendingAfter).toBe(0);
    });
  }
});
