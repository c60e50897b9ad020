// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentMonitorView } from '@shared/ipc/channels/monitor';
import type { AcmClient, ResponseOf } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import type { AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { MonitorScreen } from '@renderer/features/monitor/monitor-screen';

// The machine is in Los Angeles, the account in Mumbai, the person reads German.
const MACHINE_ZONE = 'America/Los_Angeles';
const ACCOUNT_ZONE = 'Asia/Kolkata';
// 01:42 UTC: 07:12 in Mumbai, 18:42 the evening before on the machine's clock.
const REVIEWED_AT = Date.UTC(2026, 2, 12, 1, 42);

const agent: AgentMonitorView = {
  id: 'a-1',
  name: 'Scale Diwali',
  role: 'scaler',
  status: 'active',
  focus: 'holding budgets',
  lastActions: [],
  goals: [{ goal: { metric: 'roas', op: '>=', value: 4.2, per: 'day', window: 7 }, actual: 4.5, met: true, days: 7 }],
  spendLimit: { budgeted: 1234.5, limit: 5000 },
  awaitingApproval: 0,
  lastReview: { at: REVIEWED_AT, asked: 2, granted: 1, why: [] },
};

type Info = ResponseOf<'app.info'>;

/** The host as the screen reaches it; `app.info` answers only when the test lets it. */
function fakeHost() {
  let answerInfo!: (info: Info) => void;
  const info = new Promise<Info>((resolve) => (answerInfo = resolve));
  const calls = {
    'app.info': async () => info,
    'campaigns.list': async () => [],
    'monitor.summary': async () => [agent],
    'monitor.kpis': async () => ({ days: [], goals: {}, timezone: ACCOUNT_ZONE }),
  };
  const connection: AcmConnection = { clientFor: () => calls as unknown as AcmClient, subscribe: () => () => undefined };
  const account = () =>
    answerInfo({
      version: '1.0.0',
      account: { name: 'Mumbai sweets', currency: 'INR', platform: 'sandbox', timezone: ACCOUNT_ZONE },
      clock: { now: REVIEWED_AT, speed: 1 },
      databasePath: null,
    });
  return { connection, account };
}

const machineZone = process.env.TZ;
beforeAll(() => void (process.env.TZ = MACHINE_ZONE));
afterAll(() => void (process.env.TZ = machineZone));
beforeEach(() => {
  useWorkspaceStore.setState({ current: 1 });
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the Monitor screen', () => {
  it("shows the agents' times on the account's clock and its amounts in the system's locale, never the machine's clock", async () => {
    expect(new Date(REVIEWED_AT).getHours()).toBe(18);
    const host = fakeHost();
    render(
      createElement(
        QueryClientProvider,
        { client: new QueryClient({ defaultOptions: { queries: { retry: false } } }) },
        createElement(AcmProvider, { connection: host.connection, children: createElement(MonitorScreen) }),
      ),
    );

    // Until the account is known there is no clock to read the agents' times on: they wait.
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Loading campaigns…');
    expect(screen.queryByRole('heading', { name: 'Scale Diwali' })).toBeNull();

    host.account();
    const card = (await screen.findByRole('heading', { name: 'Scale Diwali' })).closest('article')!;
    const reviewed = within(card).getByRole('time');
    expect(reviewed.textContent).toContain('07:12');
    expect(reviewed.textContent).not.toContain('18:42');
    expect(reviewed.getAttribute('datetime')).toMatch(/T07:12.*\+05:30$/);
    expect(reviewed.getAttribute('title')).toBe(ACCOUNT_ZONE);

    const text = (card.textContent ?? '').replace(/\u00a0/g, ' ');
    expect(text).toContain('ROAS ≥ 4,20x');
    expect(text).toContain('1.234,50 ₹');
  });
});
