import { AcceleratedClock, type Clock } from '../engine/ports/clock';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import type { PlatformAdapter } from '../platforms/adapter';
import { APP_VERSION } from './app-version';

export interface ServicesOptions {
  platform: PlatformAdapter;
  clock: Clock;
  /** How the account is shown to the user; ad platforms name accounts, the adapter interface does not. */
  accountName: string;
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

/** Everything the IPC handlers need, built once per process by the Electron main or the headless host. */
export interface Services {
  readonly platform: PlatformAdapter;
  readonly clock: Clock;
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
  const events = createEventHub({ log: options.log });
  const speed = clock instanceof AcceleratedClock ? clock.speed : 1;
  // Simulated milliseconds are fractional at non-integer speeds; the contract carries whole ones.
  const clockState = (): ClockState => ({ now: Math.floor(clock.now()), speed });
  const ticker = setInterval(() => events.emit('clock.tick', clockState()), options.tickIntervalMs ?? 1000);
  ticker.unref();
  return {
    platform,
    clock,
    account: { name: options.accountName, currency: platform.currency, platform: platform.id },
    version: options.version ?? APP_VERSION,
    databasePath: options.databasePath ?? null,
    events,
    clockState,
    close: () => clearInterval(ticker),
  };
}
