import { AgentRuntime } from '../engine/agents/runtime';
import { startScheduler } from '../engine/agents/scheduler';
import { SeededRandom } from '../engine/ports/random';
import { createIpcServer, type IpcServer } from '../ipc/server';
import type { Store } from '../store';
import type { HostAccount } from './default-account';
import { createServices, type Services } from './services';

export interface ComposedApp {
  services: Services;
  runtime: AgentRuntime;
  ipc: IpcServer;
  /** Stops the scheduler and the services; the caller closes the store and the account it opened. */
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron main process and the headless host: the agent
 * runtime over the account and the store, woken every hour of the account's clock, and the IPC
 * server over the services. Both runtimes build the very same thing from here.
 */
export async function composeApp(store: Store, account: HostAccount, log: (message: string, error?: unknown) => void): Promise<ComposedApp> {
  const runtime = new AgentRuntime({
    store,
    platform: account.platform,
    clock: account.clock,
    random: new SeededRandom(Date.now()),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    policies: account.rules.policies,
    accountDailySpendCap: account.rules.accountDailySpendCap,
    calendar: account.rules.calendar,
  });
  const settled = await runtime.start();
  if (settled.length > 0) log(`settled ${settled.length} decisions left pending by the last run`);
  const scheduler = startScheduler(runtime, account.clock, { onError: (error) => log('an agent cycle failed', error) });
  const services = createServices({ platform: account.platform, clock: account.clock, accountName: account.name, databasePath: store.path, log });
  return {
    services,
    runtime,
    ipc: createIpcServer(services, { log }),
    async close() {
      scheduler.stop();
      await scheduler.idle();
      services.close();
    },
  };
}
