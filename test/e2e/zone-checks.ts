import { expect, type Locator, type Page } from '@playwright/test';
import { hostPort, hostToken } from './host-session';

/** A workspace as `workspaces.list` describes it. */
export interface Workspace {
  id: number;
  name: string;
  currency: string;
  timezone: string;
}

/** One IPC call from the page, answered by the workspace named (none: the one the host opened last). */
export async function ipcIn<T>(page: Page, channel: string, request: unknown, workspaceId?: number): Promise<T> {
  const reply = await page.evaluate(
    ({ ws, message }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve, reject) => {
        const socket = new WebSocket(ws);
        socket.onopen = () => socket.send(JSON.stringify(message));
        socket.onmessage = (event) => {
          const answer = JSON.parse(String(event.data));
          if (answer.id !== 1) return;
          socket.close();
          resolve(answer.result);
        };
        socket.onerror = () => reject(new Error('WebSocket failed'));
      }),
    { ws: `ws://127.0.0.1:${hostPort}/ipc?token=${hostToken}`, message: { id: 1, channel, request, workspaceId } },
  );
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2200 = Date.UTC(2200, 0, 1);

/** Every instant in an answer: epoch milliseconds, and ISO 8601 strings such as a signature's time. */
function instantsIn(value: unknown, into: Set<number>): void {
  if (typeof value === 'number' && value > YEAR_2000 && value < YEAR_2200) into.add(value);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) into.add(Date.parse(value));
  else if (Array.isArray(value)) value.forEach((v) => instantsIn(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => instantsIn(v, into));
}

/** The instants the workspace's screens can show: its decisions, their histories, alerts, reviews and the chain's signature. */
async function instantsOf(page: Page, workspaceId: number, into: Set<number>): Promise<void> {
  const call = (channel: string, request: unknown) => ipcIn<unknown>(page, channel, request, workspaceId);
  const decisions = await call('decisions.page', { limit: 500 });
  const newest = (decisions as { items: { id: string }[] }).items.slice(0, 5);
  const answers = await Promise.all([
    call('monitor.summary', {}),
    call('alerts.list', { includeResolved: true, limit: 1000 }),
    call('audit.digest', {}),
    call('audit.dailyDigest', {}),
    ...newest.map((d) => call('decisions.get', { id: d.id })),
  ]);
  [decisions, ...answers].forEach((answer) => instantsIn(answer, into));
}

/** "HH:MM" on a 24-hour clock, from "3:07 PM", "03:07 PM" or "15:07". */
function minuteOfDay(hour: string, minute: string, half?: string): string {
  let h = Number(hour);
  if (half) h = (h % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  return `${String(h).padStart(2, '0')}:${minute}`;
}

function wallClock(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(ms);
}

const TIME_OF_DAY = /\b(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AP]M))?/gi;

/**
 * Every time of day in the header and the screen reads an instant of the workspace's data on
 * the workspace's clock, whatever the markup; a <time> element's value carries the zone's
 * offset. The live clock is checked against its own value. Returns how many times were read.
 */
export async function expectTimesInZone(page: Page, workspace: Workspace, offset: RegExp): Promise<number> {
  const instants = new Set<number>();
  await instantsOf(page, workspace.id, instants);
  const shown = await page.evaluate(() => {
    const texts: string[] = [];
    for (const root of document.querySelectorAll('header, main')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('[aria-label="Simulated time"], script, style')) continue;
        texts.push(node.textContent ?? '');
      }
    }
    const times = [...document.querySelectorAll('header time, main time')].map((t) => ({ text: t.textContent ?? '', value: t.getAttribute('datetime') ?? '' }));
    return { texts, times };
  });
  // Taken after the screen was read as well: a decision made meanwhile is then known either way.
  await instantsOf(page, workspace.id, instants);

  for (const time of shown.times) expect(time.value, `the datetime of "${time.text}"`).toMatch(offset);
  const known = new Set([...instants].map((ms) => wallClock(ms, workspace.timezone)));
  const read: string[] = [];
  for (const text of shown.texts) {
    for (const m of text.matchAll(TIME_OF_DAY)) {
      const clock = minuteOfDay(m[1], m[2], m[3]);
      expect(known.has(clock), `"${text.trim().slice(0, 100)}" shows ${clock}, not an instant of ${workspace.name} on the ${workspace.timezone} clock`).toBe(
        true,
      );
      read.push(clock);
    }
  }
  // Read at once: at 3600× the clock moves an hour a second.
  const { value, text } = await page
    .getByLabel('Simulated time')
    .locator('time')
    .evaluate((t) => ({ value: t.getAttribute('datetime') ?? '', text: t.textContent ?? '' }));
  expect(value).toMatch(offset);
  const [, h, mm, half] = new RegExp(TIME_OF_DAY.source, 'i').exec(text) ?? [];
  expect(minuteOfDay(h, mm, half), `the clock "${text}" reads ${value}`).toBe(value.slice(11, 16));
  return read.length;
}

/** Amounts in the campaign table: yen without decimals, dollars with cents, and never the other workspace's sign. */
export async function expectMoneyIn(table: Locator, currency: 'JPY' | 'USD'): Promise<void> {
  await expect(table.getByRole('row')).toHaveCount(7);
  const text = (await table.textContent()) ?? '';
  if (currency === 'JPY') {
    expect(text).toMatch(/[¥￥][\d,]+/);
    expect(text).not.toMatch(/[¥￥][\d,]+\.\d/);
    expect(text).not.toContain('$');
  } else {
    expect(text).toMatch(/\$[\d,]+\.\d\d/);
    expect(text).not.toMatch(/[¥￥]/);
  }
}
