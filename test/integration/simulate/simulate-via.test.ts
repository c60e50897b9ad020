import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import type { CommandIO } from '@cli/command';

const single = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

describe('acm simulate --via', () => {
  it('refuses a way it does not know as a usage error naming the flag', async () => {
    const io = capture();
    expect(await main(['simulate', single, '--via', 'tiktok'], io)).toBe(2);
    expect(io.stderr).toEqual(["acm simulate: --via must be 'sandbox', 'meta' or 'google', got 'tiktok'"]);
    expect(io.stdout).toEqual([]);
  });

  it('plays the agents through the Meta adapter, says so, and keeps their run under Meta’s ids', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'acm-sim-via-')), 'run.sqlite');
    const io = capture();
    expect(await main(['simulate', single, '--via', 'meta', '--days', '4', '--db', db], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/The agents played through the Meta adapter against a local fake of the Graph API: \d+ calls/);
    const kept = new Database(db, { readonly: true });
    const ids = kept.prepare('SELECT DISTINCT campaign_id AS id FROM hourly_metrics ORDER BY id').all() as { id: string }[];
    kept.close();
    expect(ids).toHaveLength(6);
    for (const { id } of ids) expect(id).toMatch(/^\d{18}$/);
  });

  it('plays the agents through the Google adapter, says what Google’s traffic came to, and keeps their run under Google’s ids', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'acm-sim-via-')), 'run.sqlite');
    const io = capture();
    expect(await main(['simulate', single, '--via', 'google', '--days', '4', '--db', db], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(
      /The agents played through the Google Ads adapter against a local fake of the Google Ads API: \d+ calls, at most \d+ in a simulated hour; \d+ operations, at most \d+ in a quota day of the 15,000 the Basic access level allows\./,
    );
    const kept = new Database(db, { readonly: true });
    const ids = kept.prepare('SELECT DISTINCT campaign_id AS id FROM hourly_metrics ORDER BY id').all() as { id: string }[];
    kept.close();
    expect(ids).toHaveLength(6);
    for (const { id } of ids) expect(id).toMatch(/^\d{10}$/);
  });

  it('prints the same JSON report as the sandbox run does, key for key, without the Meta line', async () => {
    const reports = [];
    for (const via of ['sandbox', 'meta']) {
      const io = capture();
      expect(await main(['simulate', single, '--via', via, '--days', '3', '--json'], io)).toBe(0);
      reports.push(JSON.parse(io.stdout.join('\n')) as Record<string, unknown>);
    }
    expect(Object.keys(reports[1])).toEqual(Object.keys(reports[0]));
    expect(reports[1].strategies).toMatchObject({ static: (reports[0].strategies as Record<string, unknown>).static });
  });
});
