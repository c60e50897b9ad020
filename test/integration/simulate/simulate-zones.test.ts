import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '@cli/main';
import type { CommandIO } from '@cli/command';
import { AccountZone } from '@shared/zone';

const single = fileURLToPath(new URL('../../../resources/scenarios/single-agent-roas.json', import.meta.url));

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

describe('acm simulate in an account time zone', () => {
  it('stamps every daily review of a New York account at local midnight: 05:00 UTC before the March change, 04:00 UTC after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-sim-zone-'));
    const file = join(dir, 'new-york.json');
    const db = join(dir, 'run.sqlite');
    // From Monday 2 March: the clocks go forward on Sunday 8 March.
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(single, 'utf8')), timezone: 'America/New_York', days: 14 }));
    const io = capture();
    expect(await main(['simulate', file, '--db', db, '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));

    const sqlite = new Database(db, { readonly: true });
    const decisions = sqlite.prepare('SELECT created_at AS at FROM decisions ORDER BY created_at').all() as { at: number }[];
    const metrics = sqlite.prepare('SELECT COUNT(DISTINCT hour) AS n, SUM(spend) AS spend FROM hourly_metrics').get() as { n: number; spend: number };
    sqlite.close();

    const zone = AccountZone.of('America/New_York');
    expect(decisions.length).toBe(report.decisions.proposed);
    expect(decisions.length).toBeGreaterThan(0);
    const stamps = decisions.map(({ at }) => ({ date: zone.date(at), utc: new Date(at).toISOString().slice(11, 16), intoDay: at - zone.startOfDay(at) }));
    // Decisions of one review are a millisecond apart, from the review's instant on.
    for (const s of stamps) expect(s.intoDay).toBeLessThan(1000);
    for (const s of stamps) expect(s.utc).toBe(s.date <= '2026-03-08' ? '05:00' : '04:00');
    expect(new Set(stamps.map((s) => s.utc))).toEqual(new Set(['05:00', '04:00']));
    // Fourteen local days, one of them 23 hours long.
    expect(metrics.n).toBe(14 * 24 - 1);
    expect(metrics.spend).toBeCloseTo(report.strategies.agents.spend, 1);
  });
});
