import { AgentRuntime, type RuntimeChange } from '../engine/runtime/agent-runtime';
import { startScheduler, type Scheduler } from '../engine/runtime/scheduler';
import { SeededRandom } from '@shared/random';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import type { Store } from '../store';
import type { HostAccount } from './default-account';
import { startMetricsRecorder } from './metrics-recorder';
import type { DecisionExporter, ExportDestination, Services } from '../ipc/services';
import { createExperimentBook } from './experiment-book';
import { createServices } from './services';
import { withKillSwitchNotice } from './notify/kill-switch-notice';
import { startNotifier, type NotifySetup } from './notify/notifier';

export interface ComposedApp {
  services: Services;
  runtime: AgentRuntime;
  /** Stops the scheduler and the services; the caller closes the store and the account it opened. */
  close(): Promise<void>;
}

/** The runtime's changes as the contract's pushed events, so every window's cache follows without polling. */
export function pushChange(events: EventHub, change: RuntimeChange): void {
  if (change.kind === 'decision') events.emit('decision.changed', { decisionId: change.decisionId, agentId: change.agentId });
  else if (change.kind === 'agent') events.emit('agent.changed', { agentId: change.agentId, status: change.status });
  else events.emit('alert.raised', { alertId: change.alertId, severity: change.severity });
}

/** A clean shutdown leaves the head signed, so that a read-only export or audit of the file finds every entry under a signature. */
function signHead(store: Store, log: (message: string, error?: unknown) => void): void {
  const head = store.audit.head().count;
  if (head === 0 || store.audit.latestCheckpoint()?.count === head) return;
  try {
    store.audit.checkpoint();
  } catch (error) {
    log('could not sign the audit log at shutdown', error);
  }
}

/**
 * The composition root shared by the Electron main process and the headless host: the agent
 * runtime over the account and the store, woken every hour of the account's clock, the
 * account's hourly metrics recorded into the store, and the services the IPC handlers answer
 * from. One per workspace; both hosts build the very same thing from here.
 */
export async function composeApp(
  store: Store,
  account: HostAccount,
  log: (message: string, error?: unknown) => void,
  /**
   * `scheduler`: the host's, shared by its workspaces (else the app runs its own). `notify`: the
   * host's notification setup and the workspace's id, for its Slack and e-mail channels.
   */
  options: {
    exporter?: DecisionExporter;
    exportDestination?: ExportDestination;
    scheduler?: Scheduler;
    notify?: NotifySetup & { workspaceId: number };
  } = {},
): Promise<ComposedApp> {
  const events = createEventHub({ log });
  const experiments = createExperimentBook({ store, clock: account.clock, zone: account.zone, log });
  const runtime = new AgentRuntime({
    store,
    platform: account.platform,
    clock: account.clock,
    zone: account.zone,
    random: new SeededRandom(Date.now()),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    policies: account.rules.policies,
    accountDailySpendCap: account.rules.accountDailySpendCap,
    calendar: account.rules.calendar,
    pools: account.rules.pools,
    holdout: () => experiments.holdout(),
    recommendOnly: account.recommendOnly,
    onChange: (change) => pushChange(events, change),
    log,
  });
  const stopWatchingCheckpoints = store.audit.onCheckpointFailure((error) => {
    log('the audit trail could not sign a checkpoint', error);
    const alert = store.alerts.raise({
      createdAt: account.clock.now(),
      kind: 'audit',
      severity: 'critical',
      message: `The audit trail could not sign its checkpoint: ${error.message}. Every change is still recorded and chained; until this is fixed, no new signed digest vouches for them.`,
    });
    pushChange(events, { kind: 'alert', alertId: alert.id, severity: alert.severity });
  });
  const settled = await runtime.start();
  if (settled.length > 0) log(`settled ${settled.length} decisions left pending by the last run`);
  const scheduler = options.scheduler ?? startScheduler({ onError: (error) => log('an agent cycle failed', error), log: (message) => log(message) });
  const unschedule = scheduler.add(runtime, account.clock, account.zone);
  const recorder = startMetricsRecorder({
    platform: account.platform,
    clock: account.clock,
    metrics: store.metrics,
    snapshots: store.snapshots,
    onError: (error) => log('recording metrics failed', error),
  });
  const notifier = options.notify && startNotifier({ ...options.notify, store, clock: account.clock, zone: account.zone, events, log });
  const services = createServices({
    platform: account.platform,
    clock: account.clock,
    store,
    runtime: notifier ? withKillSwitchNotice(runtime, notifier.killSwitchUsed) : runtime,
    notifications: notifier?.control,
    experiments,
    exporter: options.exporter,
    exportDestination: options.exportDestination,
    events,
    accountName: account.name,
    zone: account.zone,
    databasePath: store.path,
    log,
  });
  return {
    services,
    runtime,
    async close() {
      unschedule();
      if (!options.scheduler) scheduler.stop();
      recorder.stop();
      stopWatchingCheckpoints();
      signHead(store, log);
      await scheduler.idle();
      await recorder.idle();
      await notifier?.close();
      services.close();
    },
  };
}
