import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';

function hostFromEnv() {
  const url = process.env.ACM_E2E_URL;
  if (!url) throw new Error('ACM_E2E_URL is not set: run these tests with test/e2e/playwright.config.ts, which starts the host');
  const parsed = new URL(url);
  return { url, port: Number(parsed.port), token: parsed.hash.replace('#token=', '') };
}

const host = hostFromEnv();
const origin = `http://127.0.0.1:${host.port}`;

/** Sends raw text over a fresh WebSocket from inside the page and returns the first reply. */
async function sendFromPage(page: Page, text: string): Promise<{ id: unknown; result: { ok: boolean; error?: { code: string; path?: string } } }> {
  return page.evaluate(
    ({ url, text }) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.onopen = () => socket.send(text);
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data));
          if (!('id' in message)) return;
          socket.close();
          resolve(message);
        };
        socket.onerror = () => reject(new Error('WebSocket failed'));
      }),
    { url: `ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, text },
  );
}

test('the shell shows the account, the simulated clock, the navigation and the campaigns', async ({ page }) => {
  // A Content-Security-Policy violation or a script error shows up here.
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Agents', 'Monitor', 'Audit trail', 'Alerts']) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Monitor' })).toHaveAttribute('aria-current', 'page');

  // The built-in sandbox account: resources/scenarios/single-agent-roas.json, six campaigns.
  await expect(page.getByLabel('Account')).toContainText('single-agent-roas');
  const table = page.getByRole('table', { name: 'Campaigns' });
  await expect(table.getByRole('row')).toHaveCount(7);
  const broad = table.getByRole('row', { name: /Prospecting - Broad/ });
  await expect(broad).toContainText('meta');
  await expect(broad).toContainText(/Active|Paused/);
  // Budgets in the account's currency; their values move once agents act (the host is shared by the e2e files).
  await expect(broad).toContainText(/\$\d{1,3}(,\d{3})*\.\d\d/);
  await expect(table.getByRole('row', { name: /Brand search/ })).toContainText(/google.*(Active|Paused).*\$[\d,]+\.\d\d/);

  // The token leaves the address bar once the page has it.
  expect(new URL(page.url()).hash).not.toContain('token');
  await page.screenshot({ path: 'test-results/shell.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('dark theme follows the system, and keyboard focus is visible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(21, 23, 28)');
  await page.getByRole('link', { name: 'Agents', exact: true }).click();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveText('Monitor');
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.screenshot({ path: 'test-results/shell-dark-agents.png', fullPage: true });
});

test('the simulated clock moves with the events the host pushes', async ({ page }) => {
  await page.goto(host.url);
  const clock = page.getByLabel('Simulated time').locator('time');
  await expect(clock).toContainText('UTC');
  const first = await clock.getAttribute('datetime');
  // At 3600× a pushed tick moves simulated time by about an hour; nothing polls.
  await expect(clock).not.toHaveAttribute('datetime', first!, { timeout: 5000 });
  await expect(page.getByLabel('Simulated time')).toContainText('3600× speed');
});

test('every screen is reachable by keyboard and says what comes there', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('table', { name: 'Campaigns' })).toBeVisible();
  // Whether a screen is still empty depends on the other specs sharing this host; either way it says something.
  const screens = [
    ['Agents', /No agents yet|New agent/],
    ['Audit trail', /No audit entries yet|Decision timeline|Export CSV/],
    ['Alerts', /No alerts|Approve|Acknowledge/],
    ['Monitor', /Campaigns/],
  ] as const;
  for (const [link, text] of screens) {
    await page.getByRole('link', { name: link, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(link);
    await expect(page.getByRole('main')).toContainText(text);
  }
  // A reload keeps working: the token was kept for this tab.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Campaigns' })).toBeVisible();
});

test('a malformed IPC request from the page gets INVALID_INPUT and the host keeps serving', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('table', { name: 'Campaigns' })).toBeVisible();

  const malformed = await sendFromPage(page, JSON.stringify({ id: 41, channel: 'campaigns.list', request: { status: 5 } }));
  expect(malformed).toMatchObject({ id: 41, result: { ok: false, error: { code: 'INVALID_INPUT', path: 'status' } } });
  const notJson = await sendFromPage(page, '{"id": 42, "channel":');
  expect(notJson).toMatchObject({ result: { ok: false, error: { code: 'INVALID_INPUT' } } });

  const later = await sendFromPage(page, JSON.stringify({ id: 43, channel: 'app.info', request: {} }));
  expect(later).toMatchObject({ id: 43, result: { ok: true } });
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('link', { name: 'Monitor' }).click();
  await expect(page.getByRole('table', { name: 'Campaigns' })).toContainText('Brand search');
});

test('a WebSocket without the token, or from a foreign page, is refused', async ({ page }) => {
  const refusal = (headers: Record<string, string>, query: string) =>
    new Promise<number | undefined>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc${query}`, { headers });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.once('open', () => {
        socket.close();
        resolve(undefined);
      });
    });
  expect(await refusal({ Origin: origin }, '')).toBe(401);
  expect(await refusal({ Origin: 'http://evil.example' }, `?token=${host.token}`)).toBe(403);

  // A real browser page on another origin, even one that learned the token, cannot connect.
  await page.route('http://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>evil</title>' }));
  await page.goto('http://evil.example/');
  const opened = await page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => resolve(true);
        socket.onclose = () => resolve(false);
      }),
    `ws://127.0.0.1:${host.port}/ipc?token=${host.token}`,
  );
  expect(opened).toBe(false);
});

test('a page opened without the session key explains what to do', async ({ page }) => {
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { name: 'Open the address printed by acm serve' })).toBeVisible();
});
