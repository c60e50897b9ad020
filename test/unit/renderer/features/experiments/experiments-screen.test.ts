// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentView } from '@shared/ipc/channels/experiments';
import type { AcmClient, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import type { AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { ExperimentsScreen } from '@renderer/features/experiments/experiments-screen';

const CAMPAIGNS = [
  { id: 'c1', name: 'Prospecting - Broad' },
  { id: 'c2', name: 'Brand search' },
  { id: 'c3', name: 'Shopping - all products' },
  { id: 'c4', name: 'Retargeting' },
];

const plan: ResponseOf<'experiments.plan'> = {
  assignment: {
    seed: 77,
    treatment: ['c1', 'c4'],
    holdout: ['c2', 'c3'],
    pairs: [
      { treatment: 'c1', holdout: 'c3' },
      { treatment: 'c4', holdout: 'c2' },
    ],
    balance: {
      treatment: { spend: 5600, revenue: 22400, roas: 4 },
      holdout: { spend: 5000, revenue: 19000, roas: 3.8 },
      standardizedDiff: { spend: 0.1, roas: 0.05 },
    },
  },
  power: { lift: 0.15, daysNeeded: 45, note: 'From 28 days of the groups’ daily ROAS.' },
  startDate: '2026-03-08',
};

const experiment = (request: RequestOf<'experiments.create'>): ExperimentView => ({
  id: 'e1',
  name: request.name,
  status: 'running',
  createdAt: Date.UTC(2026, 2, 8),
  agentIds: request.agentIds,
  assignment: plan.assignment,
  startDate: '2026-03-08',
  endDate: '2026-05-06',
  durationDays: 60,
  preDays: 28,
  power: plan.power,
});

/** The host as the screen reaches it, each channel a spy keeping what it was sent. */
function fakeHost() {
  const experiments: ExperimentView[] = [];
  const calls = {
    'app.info': async () => ({
      version: '1',
      account: { name: 'Sandbox', currency: 'EUR', platform: 'sandbox', timezone: 'Europe/Berlin' },
      clock: { now: Date.UTC(2026, 2, 8, 12), speed: 1 },
      databasePath: null,
    }),
    'campaigns.list': async () => CAMPAIGNS,
    'agents.list': async () => [{ id: 'a1', name: 'ROAS keeper' }],
    'experiments.list': vi.fn(async () => [...experiments]),
    'experiments.plan': vi.fn(async (_request: RequestOf<'experiments.plan'>) => plan),
    'experiments.create': vi.fn(async (request: RequestOf<'experiments.create'>) => {
      experiments.unshift(experiment(request));
      return experiments[0];
    }),
    'experiments.get': vi.fn(async () => ({
      experiment: experiments[0],
      days: [
        {
          date: '2026-03-07',
          period: 'pre' as const,
          treatment: { spend: 200, revenue: 800, conversions: 10 },
          holdout: { spend: 180, revenue: 700, conversions: 9 },
        },
      ],
      analysis: {
        testDays: 0,
        preDays: 28,
        lift: null,
        significant: false,
        verdict: 'not enough data yet: no complete day of the test since 2026-03-08',
        running: [],
        method: 'Difference in differences of matched pairs.',
      },
      timezone: 'Europe/Berlin',
      currency: 'EUR',
    })),
    'experiments.stop': vi.fn(async (request: RequestOf<'experiments.stop'>) => {
      experiments[0] = { ...experiments[0], status: 'stopped', stopped: { at: Date.UTC(2026, 2, 9), reason: request.reason } };
      return experiments[0];
    }),
  };
  const connection: AcmConnection = { clientFor: () => calls as unknown as AcmClient, subscribe: () => () => undefined };
  return { calls, connection };
}

beforeEach(() => {
  useWorkspaceStore.setState({ current: 1 });
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show(connection: AcmConnection) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(AcmProvider, { connection, children: createElement(ExperimentsScreen) })));
}

describe('the Experiments screen', () => {
  it('previews a split by campaign names and starts exactly the split it showed', async () => {
    const host = fakeHost();
    show(host.connection);
    await screen.findByRole('region', { name: 'No experiments yet' });
    fireEvent.click(screen.getByRole('button', { name: 'New experiment' }));
    const dialog = screen.getByRole('dialog', { name: 'New experiment' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview split' }));
    expect(within(dialog).getByRole('group', { name: 'Campaigns to compare' }).textContent).toContain('Pick at least two');
    expect(host.calls['experiments.plan']).not.toHaveBeenCalled();

    for (const name of ['Prospecting - Broad', 'Brand search', 'Shopping - all products', 'Retargeting'])
      fireEvent.click(await within(dialog).findByLabelText(name));
    fireEvent.click(within(dialog).getByLabelText('ROAS keeper'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview split' }));
    const preview = await within(dialog).findByRole('region', { name: 'Split preview' });
    expect(host.calls['experiments.plan']).toHaveBeenCalledWith({
      campaignIds: ['c1', 'c2', 'c3', 'c4'],
      agentIds: ['a1'],
      durationDays: 60,
      preDays: 28,
      detectableLift: 0.15,
    });
    expect(preview.textContent).toContain('Probably needs about 45 days to detect a +15% lift.');
    const groups = within(preview).getByRole('table', { name: 'Groups' });
    expect(groups.textContent).toContain('Prospecting - Broad, Retargeting');
    expect(groups.textContent).toContain('€5,600.00');
    expect(within(preview).getByRole('table', { name: 'Matched pairs' }).textContent).toContain('Shopping - all products');
    expect(preview.textContent).not.toContain('c1');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Start experiment' }));
    expect(await within(dialog).findByText(/Give the experiment a name/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Agents or not' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start experiment' }));
    await waitFor(() => expect(host.calls['experiments.create']).toHaveBeenCalled());
    expect(host.calls['experiments.create'].mock.calls[0][0]).toMatchObject({
      name: 'Agents or not',
      seed: 77,
      startDate: '2026-03-08',
      campaignIds: ['c1', 'c2', 'c3', 'c4'],
    });

    const detail = await screen.findByRole('region', { name: 'Agents or not' });
    expect(within(detail).getByRole('region', { name: 'Verdict' }).textContent).toBe('Not enough data yet: no complete day of the test since 2026-03-08');
    expect(detail.textContent).toContain('Difference in differences of matched pairs.');
    expect(detail.textContent).toContain('Mar 8, 2026 to May 6, 2026');
    expect(within(detail).getByRole('table', { name: /Daily group totals/ }).textContent).toContain('€800.00');
  });

  it('asks why before it stops an experiment, and shows the reason after', async () => {
    const host = fakeHost();
    await host.calls['experiments.create']({ name: 'Agents or not', campaignIds: ['c1', 'c2'], agentIds: ['a1'] });
    show(host.connection);
    const detail = await screen.findByRole('region', { name: 'Agents or not' });
    fireEvent.click(within(detail).getByRole('button', { name: 'Stop experiment' }));
    const form = within(detail).getByRole('form', { name: 'Stop Agents or not' });
    fireEvent.click(within(form).getByRole('button', { name: 'Stop experiment' }));
    expect(form.textContent).toContain('Say why the experiment stops');
    expect(host.calls['experiments.stop']).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText('Reason for stopping'), { target: { value: 'Black Friday changes everything' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Stop experiment' }));
    await waitFor(() => expect(detail.textContent).toContain('Black Friday changes everything'));
    expect(host.calls['experiments.stop']).toHaveBeenCalledWith({ id: 'e1', reason: 'Black Friday changes everything' });
    expect(within(detail).getByText('Stopped', { selector: '.pill' })).toBeTruthy();
  });
});
