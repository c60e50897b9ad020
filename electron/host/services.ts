import type { PlatformAdapter } from '@shared/platform/adapter';
import { AcceleratedClock, type Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import { AcmError } from '@shared/errors';
import type {
  AgentControl,
  ClockState,
  DecisionExporter,
  ExperimentRecords,
  ExportDestination,
  NotificationControl,
  RecordAccess,
  Services,
} from '../ipc/services';
import { formatDailyDigest, type Store } from '../store';
import { APP_VERSION } from './app-version';
import { createClientReporter } from './client-reporter';
import { createDecisionExporter } from './decision-exporter';
import { createExperimentBook } from './experiment-book';
import { createExperimentExporter } from './experiment-exporter';
import { noNotifications } from './notify/notifier';

export interface ServicesOptions {
  platform: PlatformAdapter;
  clock: Clock;
  store: Store;
  runtime: AgentControl;
  /** How the account is shown to the user; ad platforms name accounts, the adapter interface does not. */
  accountName: string;
  zone: AccountZone;
  /** The store's own CSV and PDF writers by default. */
  exporter?: DecisionExporter;
  /** Where exports go: the app's save dialog, the headless host's downloads; none by default. */
  exportDestination?: ExportDestination;
  /** The hub to push events through, when the caller needs it before the services exist (the runtime's onChange). */
  events?: EventHub;
  databasePath?: string | null;
  version?: string;
  /** Real milliseconds between two `clock.tick` events. */
  tickIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** The workspace's Slack and e-mail channels; without, every notifications call is UNAVAILABLE. */
  notifications?: NotificationControl;
  /** The book whose holdout the runtime asks (composeApp's); by default one over the same store, which reads the same record. */
  experiments?: ExperimentRecords;
}

/** A host that did not say where exports go saves none. */
const noExportDestination: ExportDestination = {
  deliver: () => Promise.reject(new AcmError('UNAVAILABLE', 'this host does not save exports')),
  reveal: () => Promise.reject(new AcmError('UNAVAILABLE', 'this host has no file manager to show a file in')),
};

/** What the IPC handlers may read and answer on the record: the store's repositories and reports, nothing of its connection. */
function recordAccess(store: Store): RecordAccess {
  return {
    agents: store.agents,
    decisions: store.decisions,
    alerts: store.alerts,
    conflicts: store.conflicts,
    metrics: store.metrics,
    audit: store.audit,
    reports: {
      ...store.reports,
      dailyDigest(date) {
        const digest = store.reports.dailyDigest(date);
        return { digest, text: formatDailyDigest(digest) };
      },
    },
  };
}

/** The services the IPC handlers are given, built once per process by the Electron main or the headless host; `close` stops the clock ticker. */
export function createServices(options: ServicesOptions): Services & { close(): void } {
  const { platform, clock } = options;
  const events = options.events ?? createEventHub({ log: options.log });
  const speed = clock instanceof AcceleratedClock ? clock.speed : 1;
  // Simulated milliseconds are fractional at non-integer speeds; the contract carries whole ones.
  const clockState = (): ClockState => ({ now: Math.floor(clock.now()), speed });
  const ticker = setInterval(() => events.emit('clock.tick', clockState()), options.tickIntervalMs ?? 1000);
  ticker.unref();
  return {
    campaigns: { list: () => platform.listCampaigns() },
    clock,
    records: recordAccess(options.store),
    runtime: options.runtime,
    exporter: options.exporter ?? createDecisionExporter(options.store, options.accountName),
    exportDestination: options.exportDestination ?? noExportDestination,
    account: { name: options.accountName, currency: platform.currency, platform: platform.id, timezone: options.zone.id },
    version: options.version ?? APP_VERSION,
    databasePath: options.databasePath ?? null,
    events,
    notifications: options.notifications ?? noNotifications,
    experiments: options.experiments ?? createExperimentBook({ store: options.store, clock, zone: options.zone, log: options.log }),
    experimentExporter: createExperimentExporter({ currency: platform.currency, zone: options.zone, now: () => clock.now() }),
    clientReporter: createClientReporter({ store: options.store, zone: options.zone, currency: platform.currency, now: () => clock.now() }),
    clockState,
    close: () => clearInterval(ticker),
  };
}
