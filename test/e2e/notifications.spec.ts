import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startAcm, stopChild } from './meta-stage';

/** A Slack incoming webhook on 127.0.0.1 that keeps the texts it took. */
async function startWebhookReceiver() {
  const texts: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/e2eW3bh00kS3cret`,
    texts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let host: Awaited<ReturnType<typeof startAcm>>;
let folder: string;

test.describe.configure({ mode: 'serial' });

// A host of its own, with the receiver as its `--notify-webhook` channel (whose URL it keeps in memory), on a
// machine without a keyring: the Secret Service is pointed nowhere, as on a headless server.
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  folder = mkdtempSync(join(tmpdir(), 'acm-e2e-notify-'));
  host = await startAcm(
    ['serve', '--port', '0', '--db', join(folder, 'acm.db'), '--notify-webhook', receiver.url],
    /ACM is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
    { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/acm-e2e-no-keyring' },
  );
});
test.afterAll(async () => {
  if (host) await stopChild(host.child);
  await receiver?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function openNotifications(page: Page) {
  await page.goto(host.address);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
}

test('"Send test" reaches the Slack webhook, and the channel then shows it delivered', async ({ page }) => {
  await openNotifications(page);
  const channel = page.getByRole('listitem', { name: 'Slack Slack (--notify-webhook)' });
  await expect(channel).toContainText('nothing sent yet');
  await expect(channel).toContainText('Set by the command line of acm serve');
  await expect(channel.getByRole('button', { name: 'Edit' })).toHaveCount(0);

  await channel.getByRole('button', { name: 'Send test' }).click();
  await expect(channel.getByRole('status')).toHaveText('Test message delivered.');
  await expect(channel.getByRole('paragraph').first()).toHaveText(/^delivered \w+ \d+, \d\d:\d\d/);
  expect(receiver.texts).toHaveLength(1);
  expect(receiver.texts[0]).toContain("Test message for the channel 'Slack (--notify-webhook)'");
  await expect(page.locator('body')).not.toContainText(receiver.url);
});

test('adding a Slack channel on a host that cannot keep its webhook URL says why, and keeps nothing', async ({ page }) => {
  await openNotifications(page);
  await page.getByRole('button', { name: 'Add Slack channel' }).click();
  const form = page.getByRole('form', { name: 'Add Slack channel' });
  await form.getByLabel('Name').fill('#ops');
  await form.getByLabel('Webhook URL').fill(receiver.url);
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(form.getByRole('alert')).toContainText('Could not save the channel');
  await expect(form.getByRole('alert')).toContainText('keyring');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Channels' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.locator('body')).not.toContainText(receiver.url);
});
