import { expect, test, type Page } from '@playwright/test';
import { hostUrl, ipc } from './host-session';

/**
 * A holdout experiment on the built-in sandbox account, from the dialog to its stop. The host's
 * clock runs an hour a second, so a local day passes in at most 24 s: the test waits for one
 * before starting (the pre-period needs a complete day) and for another after (the estimate
 * needs a complete test day). Nothing the analysis computes is written here: the page is
 * checked against what the host answers.
 */

interface Analysis {
  testDays: number;
  verdict: string;
  running: unknown[];
  lift: unknown;
}
interface Detail {
  experiment: { id: string; name: string; status: string; stopped?: { reason: string } };
  analysis: Analysis;
}

const NAME = 'Agents against hands-off';
const AGENT = 'Experiment subject';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/** The account's local date now, as the host's clock reads it. */
async function accountDate(page: Page): Promise<string> {
  const info = await ipc<{ clock: { now: number }; account: { timezone: string } }>(page, 'app.info', {});
  return new Intl.DateTimeFormat('en-CA', { timeZone: info.account.timezone, dateStyle: 'short' }).format(info.clock.now);
}

/** Waits until the account's clock has passed its next midnight. */
async function nextLocalDay(page: Page) {
  const today = await accountDate(page);
  await expect.poll(() => accountDate(page), { timeout: 40_000, intervals: [500] }).not.toBe(today);
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

test('an operator starts a holdout experiment from a previewed split, follows its estimate, exports it and stops it', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(hostUrl);
  const campaigns = await ipc<{ id: string; name: string }[]>(page, 'campaigns.list', {});
  // A paused agent over these campaigns only: the host is shared with the other e2e files, whose agents this one stays out of the way of.
  const definition = {
    name: AGENT,
    role: 'efficiency',
    status: 'paused',
    campaigns: campaigns.map((c) => c.id),
    goals: [{ metric: 'roas', op: '>=', value: 4 }],
  };
  await ipc(page, 'agents.create', { definition });
  await nextLocalDay(page);

  await nav(page, 'Experiments');
  await expect(page.getByRole('heading', { level: 1, name: 'Experiments' })).toBeVisible();
  await page.getByRole('button', { name: 'New experiment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New experiment' });
  await expect(dialog.getByLabel('Duration (days)')).toHaveValue('60');
  await expect(dialog.getByLabel('Pre-period (days)')).toHaveValue('28');
  await expect(dialog.getByLabel('Lift to detect (%)')).toHaveValue('15');
  await dialog.getByLabel('Name').fill(NAME);
  for (const campaign of campaigns) await dialog.getByRole('group', { name: 'Campaigns to compare' }).getByLabel(campaign.name, { exact: true }).check();
  await dialog.getByRole('group', { name: 'Agents tested' }).getByLabel(AGENT, { exact: true }).check();
  await dialog.getByRole('button', { name: 'Preview split' }).click();

  const preview = dialog.getByRole('region', { name: 'Split preview' });
  const groups = preview.getByRole('table', { name: 'Groups' });
  await expect(groups.getByRole('row', { name: /^Treatment/ })).toBeVisible();
  await expect(groups.getByRole('row', { name: /^Holdout/ })).toBeVisible();
  for (const campaign of campaigns) await expect(groups).toContainText(campaign.name);
  await expect(preview.getByRole('table', { name: 'Matched pairs' }).getByRole('row')).toHaveCount(1 + Math.floor(campaigns.length / 2));
  // The same seed draws the same split: the host's own plan for the seed shown says what the preview must.
  const seed = Number(/Seed (\d+)/.exec((await preview.textContent()) ?? '')?.[1]);
  const plan = await ipc<{ assignment: { treatment: string[] }; power: { daysNeeded: number | null; note: string } }>(page, 'experiments.plan', {
    campaignIds: campaigns.map((c) => c.id),
    agentIds: (await ipc<{ id: string; name: string }[]>(page, 'agents.list', {})).filter((a) => a.name === AGENT).map((a) => a.id),
    seed,
  });
  const treatmentNames = plan.assignment.treatment.map((id) => campaigns.find((c) => c.id === id)!.name).join(', ');
  await expect(groups.getByRole('row', { name: /^Treatment/ })).toContainText(treatmentNames);
  await expect(preview).toContainText(
    plan.power.daysNeeded === null
      ? 'Cannot yet say how long detecting a +15% lift would take.'
      : `Probably needs about ${plan.power.daysNeeded} day${plan.power.daysNeeded === 1 ? '' : 's'} to detect a +15% lift.`,
  );
  await expect(preview).toContainText(plan.power.note);

  await dialog.getByRole('button', { name: 'Start experiment' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Experiments' }).getByRole('row', { name: new RegExp(NAME) });
  await expect(row).toContainText('Running');
  await expect(row).toContainText(treatmentNames);
  const detail = page.getByRole('region', { name: NAME });
  await expect(detail.getByRole('region', { name: 'Verdict' })).not.toBeEmpty();

  const list = await ipc<{ id: string; name: string; assignment: { seed: number } }[]>(page, 'experiments.list', {});
  const id = list.find((e) => e.name === NAME)!.id;
  expect(list.find((e) => e.id === id)!.assignment.seed).toBe(seed);
  const get = () => ipc<Detail>(page, 'experiments.get', { id });

  // A complete test day gives the first point of the running estimate; the screen refreshes itself each simulated hour, as the host records.
  await expect.poll(async () => (await get()).analysis.running.length, { timeout: 60_000, intervals: [1000] }).toBeGreaterThan(0);
  await expect(detail.getByRole('img', { name: /^Running ROAS lift/ })).toBeVisible({ timeout: 10_000 });
  await expect
    .poll(async () => (await detail.getByRole('region', { name: 'Verdict' }).textContent()) === sentence((await get()).analysis.verdict), { timeout: 10_000 })
    .toBe(true);
  await expect(detail.getByRole('table', { name: 'Lift of the treatment over the holdout' }).getByRole('row')).toHaveCount(4);
  await expect(detail).toContainText('Difference-in-differences');
  await expect(
    detail
      .getByRole('table', { name: /Daily group totals/ })
      .getByRole('row', { name: /Test/ })
      .first(),
  ).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  await expect(detail.getByRole('status').filter({ hasText: /Downloading \d+ rows? as .*\.csv/ })).toBeVisible();

  await detail.getByRole('button', { name: 'Stop experiment' }).click();
  const stop = detail.getByRole('form', { name: `Stop ${NAME}` });
  await stop.getByRole('button', { name: 'Stop experiment' }).click();
  await expect(stop).toContainText('Say why the experiment stops');
  await stop.getByLabel('Reason for stopping').fill('The client starts a sale that would swamp the test');
  await stop.getByRole('button', { name: 'Stop experiment' }).click();
  await expect(detail).toContainText('The client starts a sale that would swamp the test');
  await expect(row).toContainText('Stopped');
  await expect(detail.getByRole('button', { name: 'Stop experiment' })).toHaveCount(0);
  const stopped = await get();
  expect(stopped.experiment.status).toBe('stopped');
  expect(stopped.experiment.stopped?.reason).toBe('The client starts a sale that would swamp the test');
});
