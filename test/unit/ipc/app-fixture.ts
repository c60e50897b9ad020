import { AccountZone } from '@shared/zone';
import { oneWorkspace } from './one-workspace';
import type { AcmBridge } from '@shared/ipc/bridge';
import { forecastCalendar } from '@engine/agents/calendar';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { HOUR_MS, type Clock, ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { loadScenarioFile } from '@lab/load-file';
import { pushChange } from '@host/compose';
import { createServices } from '@host/services';
import type { ExportDestination, Services } from '@ipc/services';
import { createEventHub } from '@ipc/event-hub';
import { createIpcServer, type IpcServer } from '@ipc/server';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { createSandboxAccount, defaultScenarioPath } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';
import { createAcmConnection } from '@renderer/ipc/client';
import type { AgentDefinition } from '@shared/scenario/schema';

/** An Efficiency agent as the builder saves it (ROAS ≥ 4 a day over 7 days, all campaigns, paused), with `overrides`. */
export const efficiencyDraft = (overrides: Partial<AgentDefinition> = {}) =>
  ({
    name: 'Efficiency',
    role: 'efficiency',
    priority: 1,
    campaigns: '*',
    objective: 'revenue',
    goals: [{ metric: 'roas', op: '>=', value: 4, per: 'day', window: 7 }],
    status: 'paused',
    ...overrides,
  }) as AgentDefinition;

/** The renderer's client wired straight to the IPC server, as the Electron preload does. */
export function inProcessBridge(server: IpcServer): AcmBridge {
  return {
    invoke: (channel, request, workspaceId) => server.handle(channel, structuredClone(request), workspaceId),
    subscribe: (name, listener) => server.onEvent((event, payload, workspaceId) => event === name && listener(payload, workspaceId)),
  };
}

/** Services over any platform and clock, with an in-memory store and a real runtime. */
export function servicesOver(platform: PlatformAdapter, clock: Clock, extra: { accountName?: string; databasePath?: string; version?: string } = {}) {
  const store = openDatabase({ path: ':memory:' });
  const events = createEventHub();
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone: AccountZone.UTC,
    random: new SeededRandom(1),
    sleep: async () => {},
    onChange: (c) => pushChange(events, c),
  });
  const services = createServices({
    platform,
    clock,
    store,
    runtime,
    events,
    accountName: extra.accountName ?? 'Shop',
    zone: AccountZone.UTC,
    databasePath: extra.databasePath,
    version: extra.version,
  });
  return { store, runtime, services, close: () => (services.close(), store.close()) };
}

export interface SandboxApp {
  clock: ManualClock;
  store: Store;
  runtime: AgentRuntime;
  services: Services;
  client: ReturnType<ReturnType<typeof createAcmConnection>['clientFor']>;
  subscribe: ReturnType<typeof createAcmConnection>['subscribe'];
  /** Moves the account's clock hour by hour, letting the agents and the metrics record work as the host would. */
  advanceHours(hours: number): Promise<void>;
  close(): void;
}

/**
 * The built-in sandbox account (single-agent-roas) on a manual clock, driven through the real IPC
 * server. `exportDestination`: where its exports go (none by default, as for a host that did not say).
 */
export async function sandboxApp(options: { exportDestination?: ExportDestination } = {}): Promise<SandboxApp> {
  const loaded = await loadScenarioFile(defaultScenarioPath());
  if (!loaded.ok) throw new Error('the bundled scenario does not load');
  const { scenario } = loaded;
  const start = Date.parse(`${scenario.start}T00:00:00Z`);
  const clock = new ManualClock(start);
  const platform = createSandboxAccount({ scenario, clock, startMs: start });
  const store = openDatabase({ path: ':memory:' });
  const events = createEventHub();
  const zone = AccountZone.of(scenario.timezone);
  const rules = { policies: scenario.policies, accountDailySpendCap: scenario.account?.dailySpendCap, calendar: forecastCalendar(scenario.calendar, zone) };
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone,
    random: new SeededRandom(1),
    sleep: async () => {},
    ...rules,
    onChange: (c) => pushChange(events, c),
  });
  const services = createServices({
    platform,
    clock,
    store,
    runtime,
    events,
    accountName: scenario.name,
    zone: AccountZone.of(scenario.timezone),
    exportDestination: options.exportDestination,
  });
  const connection = createAcmConnection(inProcessBridge(createIpcServer(oneWorkspace(services))));
  const client = connection.clientFor(1);
  const { subscribe } = connection;
  return {
    clock,
    store,
    runtime,
    services,
    client,
    subscribe,
    async advanceHours(hours) {
      for (let h = 0; h < hours; h++) {
        clock.advance(HOUR_MS);
        const now = clock.now();
        const rows = await platform.getMetrics({ from: now - 48 * HOUR_MS, to: now });
        store.metrics.upsertMany(rows.map((r) => ({ ...r, audienceId: r.audienceId ?? '', creativeId: r.creativeId ?? '', reportedAt: now })));
        await runtime.tick();
      }
    },
    close() {
      services.close();
      store.close();
    },
  };
}
