import { oneWorkspace } from '../unit/ipc/one-workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { IPC_ERROR_CODES, type IpcResult } from '@shared/ipc/define';
import { SeededRandom } from '@shared/random';
import { createIpcServer, type IpcServer } from '@ipc/server';
import { sandboxApp, type SandboxApp } from '../unit/ipc/app-fixture';
import { storeFingerprint } from './support/fingerprint';
import { reportFigures } from './support/figures';
import { Fuzz } from './support/fuzz';
import { connectionOf } from '@store/testing';

const MESSAGES = 4_000;
/** A message a person can read: it names the problem, it does not echo a megabyte back. */
const MAX_MESSAGE_CHARS = 2_000;

let app: SandboxApp;
let ipc: IpcServer;
const logged: string[] = [];
let examples: Record<string, unknown>;

beforeAll(async () => {
  app = await sandboxApp();
  ipc = createIpcServer(oneWorkspace(app.services), { log: (message, error) => logged.push(`${message}: ${String(error)}`) });
  const definition = {
    name: 'Efficiency',
    role: 'efficiency',
    campaigns: '*',
    goals: [{ metric: 'roas', op: '>=', value: 4 }],
    constraints: { maxBudgetChangePct: 20, maxDailySpend: 6000 },
  };
  const created = await ipc.handle('agents.create', { definition });
  if (!created.ok) throw new Error(created.error.message);
  const agentId = (created.value as { id: string }).id;
  await ipc.handle('agents.activate', { id: agentId });
  await app.advanceHours(24 * 9);
  const decision = app.store.decisions.page({}, undefined, 1).items[0];
  const exported = await ipc.handle('agents.export', {});
  examples = {
    'agents.get': { id: agentId },
    'agents.create': { definition: { ...definition, name: 'Second' } },
    'agents.update': { id: agentId, definition },
    'agents.activate': { id: agentId },
    'agents.pause': { id: agentId },
    'agents.resume': { id: agentId },
    'agents.terminate': { id: agentId },
    'agents.dryRun': { definition },
    'agents.import': { text: JSON.stringify(exported.ok ? exported.value : {}) },
    'alerts.list': { includeResolved: true, limit: 10 },
    'alerts.acknowledge': { id: app.store.alerts.list({ limit: 1 })[0]?.id ?? 'none' },
    'decisions.page': { filter: { states: ['executed'] }, limit: 20 },
    'decisions.get': { id: decision?.id ?? 'none' },
    'decisions.approve': { id: decision?.id ?? 'none' },
    'decisions.reject': { id: decision?.id ?? 'none' },
    'decisions.undo': { id: decision?.id ?? 'none' },
    'decisions.export': { format: 'csv', filter: {} },
    'monitor.kpis': { agentId, days: 7 },
  };
}, 120_000);
afterAll(() => app.close());

function checkRefusal(result: IpcResult<unknown>, what: string): void {
  expect(result, what).toMatchObject({ ok: false });
  if (result.ok) return;
  expect(IPC_ERROR_CODES, what).toContain(result.error.code);
  // INTERNAL is a handler's plain refusal (an export this build lacks); a crash would read "<channel> failed: …" and be logged.
  expect(result.error.message, what).not.toMatch(/^[\w.]+ failed: /);
  expect(result.error.message.length, what).toBeGreaterThan(10);
  expect(result.error.message.length, what).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  if (result.error.code === 'INVALID_INPUT') expect(typeof result.error.path, what).toBe('string');
}

describe('bad input: the IPC dispatcher under thousands of malformed and oversized requests', () => {
  it('answers every one with a typed result, never crashes, and a refused request leaves the store untouched', { timeout: 300_000 }, async () => {
    const fuzz = new Fuzz(new SeededRandom(8));
    const channels = Object.keys(contract.channels);
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const known = fuzz.chance(0.9);
      const channel = known
        ? fuzz.pick(channels)
        : fuzz.pick([fuzz.string(12), 'agents.delete', '__proto__', 'constructor', 'agents.list ', 'AGENTS.LIST', '']);
      const base = Object.hasOwn(examples, channel) ? examples[channel] : {};
      const request = fuzz.chance(0.75) ? fuzz.mutate(base).value : fuzz.chance(0.5) ? fuzz.json() : fuzz.huge();
      const before = storeFingerprint(connectionOf(app.store));
      const what = `message ${i}: ${channel} ${JSON.stringify(request)?.slice(0, 200)}`;
      const result = await ipc.handle(channel as never, request);
      expect(typeof result.ok, what).toBe('boolean');
      if (result.ok) {
        accepted++;
        continue;
      }
      refused++;
      checkRefusal(result, what);
      expect(storeFingerprint(connectionOf(app.store)), `${what} was refused (${result.error.message}) yet changed the store`).toBe(before);
    }
    expect(logged).toEqual([]);
    expect(refused).toBeGreaterThan(MESSAGES * 0.6);
    reportFigures('IPC dispatcher fuzz', {
      messages: MESSAGES,
      refused,
      'accepted (still valid after mutation)': accepted,
      'internal errors': 0,
      'store changes by a refused request': 0,
    });
  });
});
