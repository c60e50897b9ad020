import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@cli/command';
import { createFakePlatformCommand } from '@cli/commands/fake-platform';
import { FAKE_GOOGLE_TEST_TOKEN } from '@platforms/google/fake/index';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';

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

const search = (url: string, customer: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v25/customers/${customer}/googleAds:searchStream`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'SELECT customer.id, metrics.cost_micros FROM customer WHERE segments.date DURING LAST_7_DAYS' }),
  });

describe('acm fake-platform google', () => {
  it('serves the default scenario with its past, and takes the documented test token when ACM_GOOGLE_ACCESS_TOKEN is unset', async () => {
    const code = await running({ positionals: ['google'], values: {} }, {}, async (url, out) => {
      expect(out.join('\n')).toMatch(/Fake Google Ads API \(v25\) at http/);
      expect(out.join('\n')).toMatch(/Customer 1234567890 \(USD, UTC\): 6 campaigns of "single-agent-roas", 28 days of past/);
      const answer = await search(url, '1234567890', FAKE_GOOGLE_TEST_TOKEN);
      expect(answer.status).toBe(200);
      const batches = (await answer.json()) as { results: { metrics: { costMicros: string } }[] }[];
      expect(Number(batches[0].results[0].metrics.costMicros)).toBeGreaterThan(0);
    });
    expect(code).toBe(0);
  });

  it('takes only the token in ACM_GOOGLE_ACCESS_TOKEN when it is set, and serves the customer and manager named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-fake-google-'));
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
          campaigns: makeScenario({ campaigns: [{}, {}] }).campaigns,
        }),
      );
      const values = { scenario: file, 'past-days': '3', speed: '60', 'customer-id': '5550001111', 'manager-id': '5550002222', 'shared-budget': true };
      await running({ positionals: ['google'], values }, { ACM_GOOGLE_ACCESS_TOKEN: 'operator-token' }, async (url, out) => {
        expect(out.join('\n')).toMatch(/Customer 5550001111 \(JPY, Asia\/Tokyo\): 2 campaigns of "tokyo", 3 days of past/);
        expect(out.join('\n')).toContain('Manager account 5550002222');
        expect((await search(url, '5550001111', 'operator-token', { 'login-customer-id': '5550002222' })).status).toBe(200);
        expect((await search(url, '5550001111', FAKE_GOOGLE_TEST_TOKEN, { 'login-customer-id': '5550002222' })).status).toBe(401);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad flags as usage errors', async () => {
    const command = createFakePlatformCommand({ env: {}, waitForStop: async () => undefined });
    const io = { out: () => undefined, err: () => undefined, isTTY: false };
    await expect(command.run({ positionals: ['tiktok'], values: {} }, io)).rejects.toThrow(/'meta' or 'google'/);
    await expect(command.run({ positionals: ['google'], values: { 'read-only': true } }, io)).rejects.toThrow(/--read-only is for meta only/);
    await expect(command.run({ positionals: ['meta'], values: { 'shared-budget': true } }, io)).rejects.toThrow(/--shared-budget is for google only/);
    await expect(command.run({ positionals: ['google'], values: { 'customer-id': '123-456-7890' } }, io)).rejects.toThrow(UsageError);
    await expect(command.run({ positionals: ['google'], values: { speed: '0' } }, io)).rejects.toThrow(/--speed must be a positive number/);
  });
});
