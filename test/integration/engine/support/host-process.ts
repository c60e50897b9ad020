import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { HOUR_MS, ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { SeededRandom } from '@shared/random';
import { openDatabase } from '@store/index';
import { SharedPlatform } from './shared-platform';

/**
 * One host process for the two-host test: the agents the store holds, on the shared account,
 * through `hours` simulated hours from `startMs`, in step with the other hosts (each hour starts
 * only when every host has finished the one before, so their reviews overlap).
 * Usage: host-process STORE PLATFORM START HOURS SEED HOSTS
 */
const [storePath, platformPath, start, hours, seed, hosts] = process.argv.slice(2);
const startMs = Number(start);
const clock = new ManualClock(startMs);
const store = openDatabase({ path: storePath });
const platform = new SharedPlatform(platformPath, () => clock.now());
const runtime = new AgentRuntime({ store, platform, clock, zone: AccountZone.UTC, random: new SeededRandom(Number(seed)), sleep: async () => undefined });
await runtime.start();
for (let h = 0; h < Number(hours); h++) {
  platform.waitForHosts(Number(seed), h, Number(hosts));
  clock.set(startMs + h * HOUR_MS);
  await runtime.tick();
}
platform.close();
store.close();
