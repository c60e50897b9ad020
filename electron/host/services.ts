import type { AuditDigest } from '../../shared/domain/audit';
import type { DecisionFilterView } from '../../shared/ipc/channels/decisions';
import type { AgentRuntime } from '../engine/agents/runtime';
import { AcceleratedClock, type Clock } from '../../shared/time';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import type { PlatformAdapter } from '../../shared/platform/adapter';
import type { Store } from '../store';
import { APP_VERSION } from './app-version';
import { createDecisionExporter } from './decision-exporter';
import type { HostAccount } from './default-account';

/** The runtime's word-of-a-person side: what the IPC handlers may ask of the agents. */
export type AgentControl = Pick<AgentRuntime, 'addAgent' | 'statusInEffect' | 'updateAgent' | 'preview' | 'approve' | 'reject' | 'pause' | 'resume' | 'terminate' | 'pauseAll' | 'resumeAll' | 'undo' | 'reviewReport'>;

export type AccountRules = HostAccount['rules'];

/** One exported file, with the chain's signed digest at the time of the export (absent only for an empty log). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  digest?: AuditDigest;
}

/** Writes the filtered decision timeline as a file (the store's CSV and PDF exports). */
export interface DecisionExporter {
  export(format: 'csv' | 'pdf', filter: DecisionFilterView): Promise<ExportedFile>;
}

export interface ServicesOptions {
  platform: PlatformAdapter;
  clock: Clock;
  store: Store;
  runtime: AgentControl;
  /** How the account is shown to the user; ad platforms name accounts, the adapter interface does not. */
  accountName: string;
  rules?: AccountRules;
  /** The store's own CSV and PDF writers by default. */
  exporter?: DecisionExporter;
  /** The hub to push events through, when the caller needs it before the services exist (the runtime's onChange). */
  events?: EventHub;
  databasePath?: string | null;
  version?: string;
  /** Real milliseconds between two `clock.tick` events. */
  tickIntervalMs?: number;
  log?: (message: string, error: unknown) => void;
}

export interface ClockState {
  now: number;
  speed: number;
}

/** Who a person's approvals, rejections and undos are recorded as: the app has one operator per install. */
export const OPERATOR = 'operator';

/** Everything the IPC handlers need, built once per process by the Electron main or the headless host. */
export interface Services {
  readonly platform: PlatformAdapter;
  readonly clock: Clock;
  readonly store: Store;
  readonly runtime: AgentControl;
  readonly rules: AccountRules;
  readonly exporter: DecisionExporter;
  readonly account: { name: string; currency: string; platform: string };
  readonly version: string;
  readonly databasePath: string | null;
  readonly events: EventHub;
  clockState(): ClockState;
  /** Stops the background work (the clock ticker). */
  close(): void;
}

export function createServices(options: ServicesOptions): Services {
  const { platform, clock } = options;
  const events = options.events ?? createEventHub({ log: options.log });
  const speed = clock instanceof AcceleratedClock ? clock.speed : 1;
  // Simulated milliseconds are fractional at non-integer speeds; the contract carries whole ones.
  const clockState = (): ClockState => ({ now: Math.floor(clock.now()), speed });
  const ticker = setInterval(() => events.emit('clock.tick', clockState()), options.tickIntervalMs ?? 1000);
  ticker.unref();
  return {
    platform,
    clock,
    store: options.store,
    runtime: options.runtime,
    rules: options.rules ?? { policies: [], calendar: [] },
    exporter: options.exporter ?? createDecisionExporter(options.store, options.accountName),
    account: { name: options.accountName, currency: platform.currency, platform: platform.id },
    version: options.version ?? APP_VERSION,
    databasePath: options.databasePath ?? null,
    events,
    clockState,
    close: () => clearInterval(ticker),
  };
}
