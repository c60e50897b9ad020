/**
 * The process the crash suite kills. It runs the agents of a generated account on the sandbox
 * at full speed (no waits, simulated time) against a database file, approving every escalation
 * so that as many changes as possible reach the platform, until it is killed or the world ends
 * (with `settle`: only until the pending decisions are settled).
 *
 *   node --import tsx crash-child.ts DB JOURNAL [APPLY_LATENCY_MS] [settle]
 *
 * On start it rebuilds the world from the journal (the platform's durable memory), lets the
 * runtime settle what the last run left pending, and goes on from the first hour not finished.
 * It prints one line per milestone on stdout: `pending N`, `settled N ID:STATE...`, `ready HOUR`,
 * `applied KEY` (a change committed on the platform, its answer not yet returned), `done`.
 */
import { writeSync } from 'node:fs';
import { forecastCalendar } from '@engine/agents/calendar';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { ManualClock } from '@shared/time';
import { stream } from '@shared/random';
import { createStoreRecorder } from '@lab/store-recorder';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase } from '@store/index';
import { crashScenario } from './crash-scenario';
import { Journal, JournaledPlatform, readJournal, type JournalLine } from './platform-journal';

const [dbPath, journalPath, latencyArg = '0', mode] = process.argv.slice(2);
if (!dbPath || !journalPath) throw new Error('usage: crash-child.ts DB JOURNAL [APPLY_LATENCY_MS] [settle]');
/** Real milliseconds the platform takes to answer a change it already committed: the window a kill can leave a decision pending in. */
const applyLatencyMs = Number(latencyArg);

// Synchronous on purpose: the parent must see every line written before the kill.
const say = (line: string) => writeSync(1, `${line}\n`);

const scenario = crashScenario();
const lines = readJournal(journalPath, true);
const world = new World(scenario);
const sandbox = new SandboxPlatform(world);

const finished = lines.filter((l): l is Extract<JournalLine, { t: 'hour' }> => l.t === 'hour');
const resumeHour = finished.length === 0 ? 0 : finished[finished.length - 1].hour + 1;
const applies = lines.filter((l): l is Extract<JournalLine, { t: 'apply' }> => l.t === 'apply');
for (let hour = 0, next = 0; hour <= resumeHour && hour < world.totalHours; hour++) {
  while (next < applies.length && applies[next].hour === hour) {
    const { change, key } = applies[next++];
    await sandbox.applyChange(change, key);
  }
  if (hour < resumeHour) world.step();
}

const store = openDatabase({ path: dbPath });
const clock = new ManualClock(world.now());
const journal = new Journal(journalPath);
const runtime = new AgentRuntime({
  store,
  platform: new JournaledPlatform(
    sandbox,
    journal,
    () => world.hour,
    async (key) => {
      say(`applied ${key}`);
      if (applyLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, applyLatencyMs));
    },
  ),
  clock,
  zone: world.zone,
  random: stream(scenario.seed, 'crash', resumeHour),
  sleep: async () => undefined,
  policies: scenario.policies,
  accountDailySpendCap: scenario.account?.dailySpendCap,
  calendar: forecastCalendar(scenario.calendar, world.zone),
  pools: scenario.pools,
});

say(`pending ${store.decisions.listPending().length}`);
const settled = await runtime.start();
say(`settled ${settled.length} ${settled.map((o) => `${o.decisionId}:${o.state}`).join(' ')}`.trimEnd());
const known = new Set(store.agents.list().map((a) => a.name));
for (const agent of scenario.agents) if (!known.has(agent.name)) runtime.addAgent(agent);
say(`ready ${resumeHour}`);
if (mode === 'settle') {
  journal.close();
  store.close();
  say('done');
  process.exit(0);
}

const recorder = createStoreRecorder(store);
for (let hour = resumeHour; hour < world.totalHours; hour++) {
  clock.set(world.now());
  for (const d of store.decisions.page({ states: ['escalated'] }, undefined, 500).items) {
    if (runtime.status(d.agentId) === 'active') await runtime.approve(d.id, 'crash suite');
  }
  await runtime.tick();
  world.step();
  await recorder.afterHour(hour, sandbox);
  const counts = store.decisions.countByState();
  journal.append({ t: 'hour', hour, auditCount: store.audit.head().count, decisions: Object.values(counts).reduce((a, b) => a + b, 0) });
}
journal.close();
store.close();
say('done');
