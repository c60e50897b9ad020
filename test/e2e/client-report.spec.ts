import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { hostUrl, ipc } from './host-session';

/**
 * The client report of the built-in sandbox account, downloaded from the Monitor screen as the
 * browser of `acm serve` gets it, and read back with pdftotext: the workspace, the period, the
 * KPIs and the campaigns a client reads it for. The host records the account's metrics from its
 * start, and a report covers complete days only: the test waits for the account's next local
 * day (at most 24 s, an hour of simulated time a second) so that the period holds some.
 */

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
const FILE = /^acm-client-report-[\w-]+-(\d{4}-\d\d-\d\d)-to-(\d{4}-\d\d-\d\d)\.pdf$/;
/** The account's local date now, as the host's clock reads it. */
async function accountDate(page: Page): Promise<string> {
  const info = await ipc<{ clock: { now: number }; account: { timezone: string } }>(page, 'app.info', {});
  return new Intl.DateTimeFormat('en-CA', { timeZone: info.account.timezone, dateStyle: 'short' }).format(info.clock.now);
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

test('an operator downloads the client report of the last 30 days, and of the days they choose', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(hostUrl);
  const today = await accountDate(page);
  await expect.poll(() => accountDate(page), { timeout: 40_000, intervals: [500] }).not.toBe(today);
  const workspace = await ipc<{ name: string }>(page, 'workspaces.current', {});
  const campaigns = await ipc<{ name: string }[]>(page, 'campaigns.list', {});
  await nav(page, 'Monitor');
  await expect(page.getByRole('table', { name: 'Campaigns' })).toContainText(campaigns[0].name);
  const form = page.getByRole('form', { name: 'Client report' });

  async function download() {
    const [file] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Download client report' }).click()]);
    const fileName = file.suggestedFilename();
    expect(fileName).toMatch(FILE);
    const [, from, to] = FILE.exec(fileName)!;
    const path = testInfo.outputPath(fileName);
    await file.saveAs(path);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    await expect(form.getByRole('status')).toContainText(`as ${fileName}`);
    return { from, to, text };
  }

  // Empty dates: the 30 complete days before the account's today.
  const report = await download();
  expect(daysBetween(report.from, report.to)).toBe(29);
  expect(report.text).toContain(workspace.name);
  expect(report.text).toContain(`${report.from} to ${report.to}`);
  for (const label of ['Spend', 'Revenue', 'ROAS', 'CPA', 'Conversions']) expect(report.text).toContain(label);
  expect(campaigns.some((c) => report.text.includes(c.name))).toBe(true);

  await form.getByLabel('From').fill(report.to);
  await form.getByLabel('To').fill(report.to);
  const oneDay = await download();
  expect([oneDay.from, oneDay.to]).toEqual([report.to, report.to]);
  expect(oneDay.text).toContain(`${report.to} to ${report.to}`);
  expect(campaigns.some((c) => oneDay.text.includes(c.name))).toBe(true);

  await form.getByLabel('To').fill(report.from);
  await form.getByRole('button', { name: 'Download client report' }).click();
  await expect(form.getByRole('alert')).toContainText(/The client report failed: .*from must not be after to/);
});
