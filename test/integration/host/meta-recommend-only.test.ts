import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { FakeMetaServer, fakeWorld } from '@platforms/meta/fake/index';
import { AcceleratedClock } from '@shared/time';
import { tempDir } from '../store/temp-dir';
import { call } from './host-fixture';
import { ask } from './serve-process';
import { eventually, oneCampaign, roasKeeper, serveMeta, socketOf, SPEED, START, TOKEN, type MetaWorld, type ServedMeta } from './meta-serve-fixture';

/**
 * `acm serve --platform meta` with a token that may only read (the fake started read-only:
 * ads_read, the ANALYZE task): the account opens recommend only, its agents' decisions all wait
 * for a person with the reason, approving one is refused, and Meta never receives a write.
 */

interface Summary {
  accounts: { platform: string; name: string; connected: boolean; recommendOnly?: string }[];
}
interface DecisionItem {
  id: string;
  state: string;
  error?: string;
}

const REASON = 'the token from ACM_META_TOKEN has ads_read only (ads_management not granted): agents recommend, a person makes the change in Ads Manager';

let tmp: ReturnType<typeof tempDir>;
let world: MetaWorld;
let served: ServedMeta | undefined;
let socket: WebSocket | undefined;

beforeEach(async () => {
  tmp = tempDir();
  const clock = new AcceleratedClock(START, SPEED);
  const fake = await FakeMetaServer.start({ world: fakeWorld(oneCampaign(), clock), clock, token: TOKEN, readOnly: true });
  world = { clock, fake, close: () => fake.close() };
});
afterEach(async () => {
  socket?.close();
  await served?.stop();
  await world.close();
  tmp.remove();
});

describe('a Meta account whose token may only read', () => {
  it('runs its agents recommend only: every decision escalates with the reason, approval is refused, nothing is written', async () => {
    const started = await serveMeta({
      world,
      args: { db: tmp.file('acm.db'), platform: 'meta', 'api-base': world.fake.url },
      env: { ACM_META_TOKEN: TOKEN },
    });
    if (!('url' in started)) throw new Error(started.lines.join('\n'));
    served = started;
    ({ socket } = await socketOf(served));
    expect(served.lines.join('\n')).toContain(`is recommend only: ${REASON}`);

    const [home] = await ask<Summary[]>(socket, 'workspaces.list');
    expect(home.accounts).toEqual([{ platform: 'meta', name: 'Acme Shoes', connected: true, recommendOnly: REASON }]);

    await ask(socket, 'agents.create', { definition: roasKeeper });
    const asked = await eventually('a decision of the agent', async () => {
      const page = await ask<{ items: DecisionItem[] }>(socket!, 'decisions.page', { filter: {} });
      return page.items.length > 0 ? page.items : undefined;
    });
    for (const d of asked.filter((item) => item.state !== 'blocked')) {
      expect(d.state).toBe('escalated');
      expect(d.error).toContain(`recommend only: ${REASON}`);
    }
    const waiting = asked.find((d) => d.state === 'escalated');
    expect(waiting).toBeDefined();

    const reply = await call(socket, { id: 'approve', channel: 'decisions.approve', request: { id: waiting!.id } });
    expect(reply.result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(reply.result.error?.message).toContain(`the account is recommend only (${REASON})`);
    const after = await ask<{ decision: { state: string } }>(socket, 'decisions.get', { id: waiting!.id });
    expect(after.decision.state).toBe('escalated');

    const [agent] = await ask<{ status: string }[]>(socket, 'agents.list');
    expect(agent.status).toBe('active');
    expect(world.fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(world.fake.requests.map((r) => r.path)).toContain('me/permissions');
  }, 120_000);
});
