import { describe, expect, it } from 'vitest';
import { UsageError } from '@cli/command';
import { createFakePlatformCommand } from '@cli/commands/fake-platform';
import { FAKE_META_TEST_TOKEN } from '@platforms/meta/fake/index';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `acm fake-platform` in-process until `use` is done with the URL it printed. */
async function running(
  argv: { positionals: string[]; values: Record<string, string | boolean> },
  env: Record<string, string | undefined>,
  use: (url: string, out: string[]) => Promise<void>,
) {
  const out: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let announced!: (url: string) => void;
  const url = new Promise<string>((resolve) => (announced = resolve));
  const command = createFakePlatformCommand({ env, waitForStop: () => stopped });
  const io = {
    out: (text: string) => {
      out.push(text);
      const found = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (found) announced(found[1]);
    },
    err: (text: string) => out.push(text),
    isTTY: false,
  };
  const exit = command.run(argv, io);
  try {
    await use(await Promise.race([url, exit.then(() => Promise.reject(new Error(out.join('\n'))))]), out);
  } finally {
    stop();
  }
  return exit;
}

describe('acm fake-platform meta', () => {
  it('serves the default scenario with its past, and takes the documented test token when ACM_META_TOKEN is unset', async () => {
    const code = await running({ positionals: ['meta'], values: {} }, {}, async (url, out) => {
      expect(out.join('\n')).toMatch(/Ad account act_\d+ \(USD, UTC\): 6 campaigns of "single-agent-roas", 28 days of past/);
      const me = await fetch(`${url}/v24.0/me?access_token=${FAKE_META_TEST_TOKEN}`);
      expect(me.status).toBe(200);
      const insights = await fetch(`${url}/v24.0/act_1000000000001/insights?date_preset=last_28d&fields=spend&access_token=${FAKE_META_TEST_TOKEN}`);
      const body = (await insights.json()) as { data: { spend: string }[] };
      expect(Number(body.data[0].spend)).toBeGreaterThan(0);
    });
    expect(code).toBe(0);
  });

  it('takes only the token in ACM_META_TOKEN when it is set; any other gets code 190', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-fake-'));
    try {
      const file = join(dir, 'tokyo.json');
      writeFileSync(
        file,
        JSON.stringify({
          format: 'acm-scenario/1',
          name: 'tokyo',
          days: 5,
          currency: 'JPY',
          timezone: 'Asia/Tokyo',
          agents: [{ name: 'A', campaigns: '*' }],
          campaigns: makeScenario({ campaigns: [{}] }).campaigns,
        }),
      );
      await running(
        { positionals: ['meta'], values: { scenario: file, 'past-days': '3', speed: '60' } },
        { ACM_META_TOKEN: 'operator-token' },
        async (url, out) => {
          expect(out.join('\n')).toMatch(/\(JPY, Asia\/Tokyo\): 1 campaigns of "tokyo", 3 days of past/);
          expect((await fetch(`${url}/v25.0/me?access_token=operator-token`)).status).toBe(200);
          const other = await fetch(`${url}/v24.0/me?access_token=${FAKE_META_TEST_TOKEN}`);
          expect(((await other.json()) as { error: { code: number } }).error.code).toBe(190);
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--read-only: the token has ads_read only, and a write gets code 200', async () => {
    const code = await running({ positionals: ['meta'], values: { 'read-only': true } }, {}, async (url, out) => {
      expect(out.join('\n')).toContain('The token may only read (ads_read)');
      const permissions = await fetch(`${url}/v24.0/me/permissions?access_token=${FAKE_META_TEST_TOKEN}`);
      expect(((await permissions.json()) as { data: unknown[] }).data).toEqual([{ permission: 'ads_read', status: 'granted' }]);
      const account = await fetch(`${url}/v24.0/act_1000000000001?fields=user_tasks&access_token=${FAKE_META_TEST_TOKEN}`);
      expect(await account.json()).toEqual({ user_tasks: ['ANALYZE'], id: 'act_1000000000001' });
      const write = await fetch(`${url}/v24.0/act_1000000000001?access_token=${FAKE_META_TEST_TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams({ name: 'x' }),
      });
      expect(((await write.json()) as { error: { code: number; type: string } }).error).toMatchObject({ code: 200, type: 'OAuthException' });
    });
    expect(code).toBe(0);
  });

  it('refuses a call without the platform or with a bad flag as a usage error', async () => {
    const command = createFakePlatformCommand({ env: {}, waitForStop: async () => undefined });
    const io = { out: () => undefined, err: () => undefined, isTTY: false };
    await expect(command.run({ positionals: [], values: {} }, io)).rejects.toThrow(UsageError);
    await expect(command.run({ positionals: ['tiktok'], values: {} }, io)).rejects.toThrow(/'meta'/);
    await expect(command.run({ positionals: ['meta'], values: { speed: '0' } }, io)).rejects.toThrow(/--speed must be a positive number/);
    await expect(command.run({ positionals: ['meta'], values: { port: '70000' } }, io)).rejects.toThrow(/--port/);
  });
});
