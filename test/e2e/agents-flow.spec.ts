import { expect, test, type Page } from '@playwright/test';
import { hostUrl, ipc } from './host-session';
import { readFileSync } from 'node:fs';

const url = hostUrl;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/** Builds an agent with the builder over some campaigns, previews it, saves it and activates it. */
async function buildAgent(page: Page, name: string, campaigns: string[], extra?: (page: Page) => Promise<void>) {
  await nav(page, 'Agents');
  await page.getByRole('button', { name: 'New agent', exact: true }).click();
  const builder = page.getByRole('form', { name: 'Agent builder' });
  await builder.getByRole('button', { name: 'Maximise ROAS above 4x' }).click();
  await builder.getByLabel('Name', { exact: true }).fill(name);
  await expect(builder.getByLabel('Role', { exact: true })).toHaveValue('efficiency');
  await builder.getByLabel('Priority', { exact: true }).fill('2');
  await builder.getByLabel('All campaigns, including new ones').uncheck();
  for (const campaign of campaigns) await builder.getByLabel(campaign).check();
  await extra?.(page);
  await builder.getByRole('button', { name: 'Preview' }).click();
  await expect(builder.getByRole('region', { name: 'Preview' })).toContainText('Nothing was sent to the platform');
  await builder.getByRole('button', { name: 'Save agent' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved ${name}, paused` })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('paused');
  await row.getByRole('button', { name: 'Activate' }).click();
  await expect(row).toContainText('active');
}

test.describe.configure({ mode: 'serial' });

test('the builder names every problem beside its field before anything is saved', async ({ page }) => {
  await page.goto(url);
  await nav(page, 'Agents');
  await page.getByRole('button', { name: 'New agent', exact: true }).click();
  const builder = page.getByRole('form', { name: 'Agent builder' });
  await builder.getByLabel('Priority', { exact: true }).fill('0');
  await builder.getByRole('button', { name: 'Add goal' }).click();
  await builder.getByRole('button', { name: 'Save agent' }).click();
  const problems = builder.getByRole('alert');
  await expect(problems).toContainText('3 problems');
  await expect(problems).toContainText('name: must not be empty');
  await expect(problems).toContainText('priority: must be > 0, got 0');
  await expect(problems).toContainText('goals[0].value: is required');
  await expect(builder.getByLabel('Priority', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await builder.getByLabel('Name', { exact: true }).fill('<b>Not bold</b>');
  await expect(problems).toContainText('2 problems');
  await builder.getByRole('button', { name: 'Cancel' }).click();
  expect(await ipc<unknown[]>(page, 'agents.list', {})).toEqual([]);
});

test('a new user builds an agent, activates it, and sees its first decision in Monitor and in the Audit trail', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(url);
  await buildAgent(page, 'ROAS keeper', ['Prospecting - Broad', 'Retargeting - 7 day visitors', 'Lookalike 1% purchasers']);

  await nav(page, 'Monitor');
  const card = page.getByRole('article', { name: 'ROAS keeper' });
  await expect(card).toContainText('ROAS ≥ 4.00x over 7 days');
  // The agent reviews at midnight of the simulated clock: at most a simulated day (24 s here).
  const action = card.getByRole('region', { name: 'Last actions of ROAS keeper' }).getByRole('listitem').first();
  await expect(action).toBeVisible({ timeout: 60_000 });
  await expect(action).toContainText(/Predicts .* \(80%: .*\), confidence \d+%/);
  expect(((await action.locator('.reasoning').textContent()) ?? '').length).toBeGreaterThan(20);
  await expect(card.getByRole('img', { name: 'ROAS of ROAS keeper' })).toBeVisible();

  await nav(page, 'Audit trail');
  const timeline = page.getByRole('list', { name: 'Decision timeline' });
  await timeline.getByRole('button').first().click();
  const detail = page.getByRole('region', { name: 'Decision detail' });
  await expect(detail.getByRole('heading', { name: 'Reasoning' })).toBeVisible();
  await expect(detail).toContainText(/80% interval .* to /);
  await expect(detail).toContainText('Confidence');
  await expect(detail.getByRole('img', { name: /Predicted .* with its 80% interval/ })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Undo', exact: true })).toBeVisible();

  // In a browser the export arrives as a download, and the page says so.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^acm-decisions-.*\.csv$/);
  await expect(page.getByRole('status').filter({ hasText: /Downloading \d+ decisions? as acm-decisions-.*\.csv, signed at entry \d+/ })).toBeVisible();
});

test('an escalated decision is approved from Alerts and then shows as executed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(url);
  await buildAgent(page, 'Careful', ['Brand search', 'Broad video awareness', 'Shopping - all products'], async (p) => {
    await p.getByLabel('Min confidence (0–1)').fill('0.99');
  });
  await nav(page, 'Alerts');
  const approve = page.getByRole('button', { name: 'Approve' }).first();
  await expect(approve).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status', { name: /alerts? waiting/ })).toBeVisible();
  const item = page.getByRole('listitem').filter({ has: approve });
  const campaign = ((await item.locator('.alert-decision p').first().textContent()) ?? '').split(':')[0];
  await approve.click();

  await nav(page, 'Audit trail');
  const agents = await ipc<{ id: string; name: string }[]>(page, 'agents.list', {});
  await page.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: 'Careful' });
  await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('executed');
  const row = page.getByRole('list', { name: 'Decision timeline' }).getByRole('button').first();
  await expect(row).toContainText(campaign);
  await row.click();
  const detail = page.getByRole('region', { name: 'Decision detail' });
  await expect(detail).toContainText('executed');
  await expect(detail).toContainText('Approved by');
  const careful = agents.find((a) => a.name === 'Careful')!;
  const executed = await ipc<{ items: { approvedBy?: string }[] }>(page, 'decisions.page', { filter: { agentId: careful.id, states: ['executed'] } });
  expect(executed.items.some((d) => d.approvedBy === 'operator')).toBe(true);
});

test('a saved agent is edited in the builder: its new priority and goal show in the list and in agents.get', async ({ page }) => {
  await page.goto(url);
  await nav(page, 'Agents');
  const row = page.getByRole('row', { name: /ROAS keeper/ });
  await row.getByRole('button', { name: 'Edit', exact: true }).click();
  const builder = page.getByRole('form', { name: 'Agent builder' });
  await expect(builder.getByRole('heading', { name: 'Edit agent' })).toBeVisible();
  await expect(builder.getByLabel('Name', { exact: true })).toHaveValue('ROAS keeper');
  await builder.getByLabel('Priority', { exact: true }).fill('0');
  await builder.getByRole('button', { name: 'Save agent' }).click();
  await expect(builder.getByRole('alert')).toContainText('priority: must be > 0, got 0');
  await builder.getByLabel('Priority', { exact: true }).fill('5');
  await builder.getByRole('group', { name: 'Goal 1' }).getByLabel('Value', { exact: true }).fill('4.5');
  await builder.getByRole('button', { name: 'Save agent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to ROAS keeper' })).toBeVisible();
  await expect(row).toContainText('ROAS ≥ 4.50x');
  await expect(row).toContainText('active');
  const keeper = (await ipc<{ id: string; name: string }[]>(page, 'agents.list', {})).find((a) => a.name === 'ROAS keeper')!;
  const saved = await ipc<{ status: string; definition: { priority: number; goals: { metric: string; value: number }[] } }>(page, 'agents.get', {
    id: keeper.id,
  });
  expect(saved.status).toBe('active');
  expect(saved.definition.priority).toBe(5);
  expect(saved.definition.goals[0]).toMatchObject({ metric: 'roas', value: 4.5 });
});

test('"Pause all agents" stops every agent: no new executed decision appears afterwards', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(url);
  await page.getByRole('button', { name: 'Pause all agents' }).click();
  await expect(page.getByRole('status', { name: 'Agents state' })).toHaveText(/All agents paused/);
  await expect(page.getByRole('button', { name: 'Resume all agents' })).toBeEnabled();
  const executed = async () => (await ipc<{ items: unknown[] }>(page, 'decisions.page', { filter: { states: ['executed'] }, limit: 500 })).items.length;
  const before = await executed();
  const start = (await ipc<{ clock: { now: number } }>(page, 'app.info', {})).clock.now;
  // Past the next midnight review and then some: a running agent would have acted by then.
  const nextMidnight = (Math.floor(start / 86_400_000) + 1) * 86_400_000;
  await expect
    .poll(async () => (await ipc<{ clock: { now: number } }>(page, 'app.info', {})).clock.now, { timeout: 40_000, intervals: [1000] })
    .toBeGreaterThan(nextMidnight + 3 * 3_600_000);
  expect(await executed()).toBe(before);
  for (const agent of await ipc<{ status: string }[]>(page, 'agents.list', {})) expect(agent.status).toBe('paused');
});

test('screenshots of every screen in both themes', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(url);
    for (const [link, file] of [
      ['Agents', 'agents'],
      ['Monitor', 'monitor'],
      ['Audit trail', 'audit'],
      ['Alerts', 'alerts'],
    ] as const) {
      await nav(page, link);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(link);
      const firstDecision = page.getByRole('list', { name: 'Decision timeline' }).getByRole('button').first();
      if (link === 'Audit trail' && (await firstDecision.count()) > 0) await firstDecision.click();
      await page.screenshot({ path: `test-results/screens/${file}-${theme}.png`, fullPage: true });
    }
  }
});

/** The fields of an RFC 4180 CSV text, record by record. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

test('the Audit trail shows the signed chain head, the daily review and outcome accuracy', async ({ page }) => {
  await page.goto(url);
  await nav(page, 'Audit trail');
  const digest = await ipc<{ count: number; headHash: string }>(page, 'audit.digest', {});
  await expect(page.getByRole('status', { name: 'Audit chain' })).toContainText(
    new RegExp(`Audit chain: [\\d,]+ entries, head ${digest.headHash.slice(0, 12)}…, signed `),
  );
  const review = page.getByRole('region', { name: 'Daily review' });
  await expect(review).toContainText(/Needs you: \d+ items?|Nothing needs you today\./);
  await expect(review.getByRole('heading', { name: 'Everything else' })).toBeVisible();
  const accuracy = page.getByRole('region', { name: 'Outcome accuracy' });
  await expect(accuracy.getByRole('heading', { name: 'Outcome accuracy' })).toBeVisible();
  await expect(accuracy).toContainText(/Interval coverage \(80%\)|No outcome yet/);
});

test('Export CSV downloads the filtered timeline row for row, and Export PDF a PDF report', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(url);
  await nav(page, 'Audit trail');
  const agents = await ipc<{ id: string; name: string }[]>(page, 'agents.list', {});
  const keeper = agents.find((a) => a.name === 'ROAS keeper')!;
  await page.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: 'ROAS keeper' });

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const records = parseCsv(readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, ''));
  expect(records[0].slice(0, 5)).toEqual(['timestamp', 'decision_id', 'agent', 'campaign', 'action']);
  const expected: { id: string; state: string; reasoning: string }[] = [];
  let cursor: unknown;
  do {
    const page_ = await ipc<{ items: { id: string; state: string; reasoning: string }[]; next?: unknown }>(page, 'decisions.page', {
      filter: { agentId: keeper.id },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    expected.push(...page_.items);
    cursor = page_.next;
  } while (cursor);
  expect(expected.length).toBeGreaterThan(0);
  const rows = records.slice(1).reverse();
  expect(rows.map((r) => r[1])).toEqual(expected.map((d) => d.id));
  expect(rows.map((r) => [r[2], r[7], r[9]])).toEqual(expected.map((d) => ['ROAS keeper', d.state, d.reasoning]));
  await expect(page.getByRole('button', { name: 'Save digest' })).toBeVisible();

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
});
