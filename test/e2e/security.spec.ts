import { expect, test, type Page } from '@playwright/test';
import { hostUrl, ipc } from './host-session';
import { AGENT_EXPORT_FORMAT } from '@shared/ipc/channels/agents';

const url = hostUrl;

/** Names a person or an imported file could give an agent, each of which would run script if rendered as HTML. */
const HOSTILE_NAMES = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', '<script>alert(3)</script>'];

const definition = (name: string) => ({ name, role: 'efficiency', status: 'paused', campaigns: '*', goals: [{ metric: 'roas', op: '>=', value: 4 }] });

/** No element the markup would have made, and no script ran. */
async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.locator('img[src="x"], svg[onload], script:not([src]):not([type])').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(0);
  expect(dialogs).toEqual([]);
}

test('agent names with markup, created or imported, are shown as text and never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await ipc(page, 'agents.create', { definition: definition(HOSTILE_NAMES[0]) });
  await ipc(page, 'agents.import', {
    text: JSON.stringify({ format: AGENT_EXPORT_FORMAT, agents: [definition(HOSTILE_NAMES[1]), definition(HOSTILE_NAMES[2])] }),
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents', exact: true }).click();
  for (const name of HOSTILE_NAMES) await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  await expectInert(page, dialogs);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitor', exact: true }).click();
  await page.reload();
  await expect(page.getByText(HOSTILE_NAMES[0], { exact: true }).first()).toBeVisible();
  await expectInert(page, dialogs);
});
