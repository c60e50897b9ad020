import { describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures';
import { KILL_SWITCH_LOAD, runKillSwitch } from './support/kill-switch-load';

describe('kill switch under load', () => {
  it('"pause all" sent in the middle of a busy review stops every agent: no platform call starts after the answer', { timeout: 300_000 }, async () => {
    const run = await runKillSwitch(KILL_SWITCH_LOAD);
    expect(run.paused).toBe(run.agents);
    expect(run.changesBefore).toBe(KILL_SWITCH_LOAD.pauseAtChange);
    expect(run.callsAfterAck.map((c) => `${c.seq} ${c.operation} ${c.campaignId ?? ''}`)).toEqual([]);
    expect(run.executedAfterAck).toBe(0);
    expect(run.pendingAfter).toBe(0);
    // The latency is a figure for the README and the bench, not an assertion: the project runs no timed tests.
    reportFigures('kill switch', { agents: run.agents, campaigns: run.campaigns, 'pause-all acknowledged in ms': Math.round(run.ackMs * 10) / 10, 'platform calls after the acknowledgement': 0 });
  });
});
