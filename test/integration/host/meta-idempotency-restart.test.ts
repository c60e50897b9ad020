import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { META_TOKEN_ENV } from '@host/credentials/meta-token';
import type { HostAccount } from '@host/default-account';
import { openMetaAccount } from '@host/meta-account';
import { fakeId } from '@platforms/meta/fake/index';
import type { FakeMetaServer } from '@platforms/meta/fake/index';
import { AcceleratedClock, ManualClock } from '@shared/time';
import { openDatabase, type Store } from '@store/index';
import { NOW, startFake, TOKEN, writesTo } from '../platforms/meta/meta-fixture';
import { unreachableKeyring } from './meta-serve-fixture';

const PROSPECTING = fakeId('campaign', 0);
const budget = (dailyBudget: number) => ({ kind: 'budget' as const, campaignId: PROSPECTING, dailyBudget });

let dir: string;
let fake: FakeMetaServer;
const open: Store[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acm-meta-idempotency-'));
  fake = await startFake(undefined, new ManualClock(NOW));
});
afterEach(async () => {
  for (const store of open.splice(0)) store.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** The host opening the workspace's Meta account, as `acm serve` does at each start. */
async function start(path: string): Promise<{ store: Store; account: HostAccount }> {
  const store = openDatabase({ path });
  open.push(store);
  const account = await openMetaAccount(
    { store, now: () => NOW, startClock: (at) => new AcceleratedClock(at, 1), log: () => {} },
    { apiBase: fake.url, accountId: fake.account.id, env: { [META_TOKEN_ENV]: TOKEN }, keyring: unreachableKeyring },
  );
  return { store, account };
}

describe('Meta idempotency keys across a restart', () => {
  it('answers a budget change replayed with its key after a restart from the database, sending nothing to Meta', async () => {
    const path = join(dir, 'workspace.db');
    const first = await start(path);
    const applied = await first.account.platform.applyChange(budget(120), 'decision-1:execute');
    expect(applied).toMatchObject({ applied: true, campaign: { dailyBudget: 120 } });
    expect(writesTo(fake, PROSPECTING)).toHaveLength(1);
    first.store.close();
    open.splice(open.indexOf(first.store), 1);

    const second = await start(path);
    const from = fake.requests.length;
    const replayed = await second.account.platform.applyChange(budget(120), 'decision-1:execute');
    expect(fake.requests.length - from).toBe(0);
    expect(replayed).toEqual({ ...applied, applied: false });
    expect(writesTo(fake, PROSPECTING)).toHaveLength(1);
    expect(fake.account.world.campaigns[0].dailyBudget).toBe(120);
  });

  it('refuses the key reused for another change after a restart, still sending nothing', async () => {
    const path = join(dir, 'workspace.db');
    const first = await start(path);
    await first.account.platform.applyChange(budget(120), 'decision-1:execute');
    first.store.close();
    open.splice(open.indexOf(first.store), 1);

    const second = await start(path);
    const from = fake.requests.length;
    await expect(second.account.platform.applyChange(budget(150), 'decision-1:execute')).rejects.toMatchObject({
      platformCode: 'INVALID_CHANGE',
      message: expect.stringMatching(/already used for a different change/),
    });
    expect(fake.requests.length - from).toBe(0);
  });
});
