import { describe, expect, it } from 'vitest';
import { accountFile } from './account-file';
import { acm } from './cli-io';

const account = accountFile();

describe('acm audit digest', () => {
  it("prints the latest day's review, exceptions first, or the day asked for", async () => {
    const latest = await acm('audit', 'digest', '--db', account.db);
    expect(latest.code).toBe(0);
    expect(latest.out.split('\n').slice(0, 6)).toEqual([
      'Daily review 2026-01-06 (UTC)',
      'Workspace Sandbox; times local to UTC; amounts in USD',
      '',
      'NEEDS YOU: 5 item(s)',
      '',
      'Escalations waiting for a person (1)',
    ]);
    const first = await acm('audit', 'digest', '--db', account.db, '--date', '2026-01-05');
    expect(first.out).toContain('Nothing needs you today.');
    expect(first.out).toContain('Scaler: 1 decisions, 1 executed');
  });

  it('names a bad date', async () => {
    expect(await acm('audit', 'digest', '--db', account.db, '--date', '06/01/2026')).toMatchObject({
      code: 2,
      err: "acm audit digest: --date must be a day, YYYY-MM-DD, got '06/01/2026'",
    });
  });
});
