import { AccountZone } from '@shared/zone';
import { oneWorkspace } from '../../unit/ipc/one-workspace';
import { validateAgentDefinition } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';
import { generateScenario } from '@lab/generate';
import { createEventHub } from '@ipc/event-hub';
import { createIpcServer } from '@ipc/server';
import { createServices } from '@host/services';
import type { Call } from './call-log';
import { sandboxRig } from './sandbox-rig';
import { breakKey, failingStore, fileSizeLimit, type FaultSwitch, type StoreFault } from './store-faults';
import { tempDir } from '../../integration/store/temp-dir';

export interface KillSwitchLoad {
  campaigns: number;
  /** Agents besides the generated account's two, each on its own slice of campaigns. */
  extraAgents: number;
  /** Days played before the busy review in which "pause all" is sent. */
  warmupDays: number;
  /** "Pause all" is sent as this change of the busy review starts. */
  pauseAtChange: number;
}

export interface KillSwitchRun {
  agents: number;
  campaigns: number;
  /** Wall milliseconds from sending agents.pauseAll over the IPC server to its answer. */
  ackMs: number;
  /** Agents the answer named as paused. */
  paused: number;
  /** Changes the busy review sent before the acknowledgement. */
  changesBefore: number;
  /** Platform calls that started after the acknowledgement, by the call log's numbering. */
  callsAfterAck: Call[];
  /** Decisions left pending or executed after the acknowledgement. */
  executedAfterAck: number;
  pendingAfter: number;
  /** What the answer said of recording the pause. */
  recorded: boolean;
  /** Agents the store shows paused once the fault is over and a tick has passed. */
  pausedInStoreAfter: number;
  /** Alerts about the audit trail raised meanwhile (a checkpoint that could not be signed). */
  auditAlerts: number;
}

function loadScenario(load: KillSwitchLoad): Scenario {
  const scenario = generateScenario({ campaigns: load.campaigns, days: load.warmupDays + 3, seed: 11 });
  const slice = Math.max(1, Math.floor(load.campaigns / load.extraAgents));
  const extra = Array.from({ length: load.extraAgents }, (_, i) => {
    const parsed = validateAgentDefinition({
      name: `Slice ${i + 1}`,
      role: i % 2 === 0 ? 'scale' : 'efficiency',
      priority: 3,
      campaigns: scenario.campaigns.slice(i * slice, (i + 1) * slice).map((c) => c.id),
      goals: [{ metric: 'roas', op: '>=', value: 2 }],
    });
    if (!parsed.ok) throw new Error(`agent ${i + 1}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return parsed.agent;
  });
  return { ...scenario, agents: [...scenario.agents, ...extra] };
}

/**
 * Plays a large generated account until its agents are at work, then sends "pause all" through
 * the IPC server in the middle of a busy review (the platform answering each call on a later
 * turn of the event loop, as a network does), and reports what happened on the call log.
 */
export async function runKillSwitch(load: KillSwitchLoad, fault?: StoreFault): Promise<KillSwitchRun> {
  const scenario = loadScenario(load);
  const folder = fault === undefined ? undefined : tempDir();
  let ioFailing = false;
  const rig = sandboxRig(scenario, {
    yieldEachCall: true,
    dbPath: folder?.file('account.db'),
    storeSeenByRuntime: fault === 'io-error' ? (store) => failingStore(store, () => ioFailing) : undefined,
  });
  const auditAlerts: string[] = [];
  const unwatch = rig.store.audit.onCheckpointFailure((error) => auditAlerts.push(error.message));
  const diskFull = fileSizeLimit();
  const faultSwitch: FaultSwitch | undefined =
    fault === 'full-disk' ? diskFull : fault === 'io-error' ? { engage: () => void (ioFailing = true), release: () => void (ioFailing = false) } : undefined;
  const events = createEventHub();
  const services = createServices({
    platform: rig.log,
    clock: rig.clock,
    store: rig.store,
    runtime: rig.runtime,
    events,
    accountName: scenario.name,
    zone: AccountZone.of(scenario.timezone),
  });
  const ipc = createIpcServer(oneWorkspace(services));
  try {
    await rig.runHours(load.warmupDays * 24);
    if (fault === 'broken-key') breakKey(rig.store, `${folder!.file('account.db')}.audit-key`, rig.clock.now());
    let changes = 0;
    let acknowledged: Promise<{ ackMs: number; ackSeq: number; paused: number; recorded: boolean; at: number }> | undefined;
    rig.log.onStart = (call) => {
      if (call.operation !== 'applyChange' || ++changes !== load.pauseAtChange) return;
      acknowledged = new Promise((resolve, reject) =>
        setImmediate(() => {
          faultSwitch?.engage();
          const sent = performance.now();
          ipc.handle('agents.pauseAll', {}).then((result) => {
            const ackMs = performance.now() - sent;
            if (!result.ok) return reject(new Error(`agents.pauseAll: ${result.error.message}`));
            const value = result.value as { count: number; recorded: boolean };
            resolve({ ackMs, ackSeq: rig.log.calls.length, paused: value.count, recorded: value.recorded, at: rig.clock.now() });
          }, reject);
        }),
      );
    };
    // The busy review: every agent reviews at midnight; then a day more, to show nothing resumes on its own.
    while (!acknowledged && !rig.world.finished) await rig.runHours(24);
    if (!acknowledged) throw new Error(`the agents sent fewer than ${load.pauseAtChange} changes in ${scenario.days} days: no busy review to interrupt`);
    const ack = await acknowledged;
    // A day with the fault still on (the agents must stay stopped), then one tick once it is over (the pause gets recorded).
    await rig.runHours(24);
    faultSwitch?.release();
    await rig.runHours(1);
    const executedAfter = rig.store.decisions
      .page({ states: ['executed'], from: ack.at }, undefined, 500)
      .items.filter((d) => (d.executedAt ?? 0) >= ack.at && rig.log.calls.some((c) => c.key === d.idempotencyKey && c.seq > ack.ackSeq));
    return {
      agents: scenario.agents.length,
      campaigns: scenario.campaigns.length,
      ackMs: ack.ackMs,
      paused: ack.paused,
      changesBefore: changes,
      callsAfterAck: rig.log.calls.filter((c) => c.seq > ack.ackSeq),
      executedAfterAck: executedAfter.length,
      pendingAfter: rig.store.decisions.listPending().length,
      recorded: ack.recorded,
      pausedInStoreAfter: rig.store.agents.list({ status: 'paused' }).length,
      auditAlerts: auditAlerts.length,
    };
  } finally {
    faultSwitch?.release();
    unwatch();
    services.close();
    rig.close();
    folder?.remove();
  }
}

export const KILL_SWITCH_LOAD: KillSwitchLoad = { campaigns: 200, extraAgents: 20, warmupDays: 8, pauseAtChange: 5 };
