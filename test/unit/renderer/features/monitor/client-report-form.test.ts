// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AcmClient, ResponseOf } from '@shared/ipc/contract';
import { AcmProvider } from '@renderer/ipc/acm-context';
import type { AcmConnection } from '@renderer/ipc/client';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { ClientReportForm } from '@renderer/features/monitor/client-report-form';

const FILE = 'acm-client-report-acme-shoes-2026-02-06-to-2026-03-07.pdf';

function show(answer: () => Promise<ResponseOf<'reports.client'>>) {
  const report = vi.fn(answer);
  const connection: AcmConnection = { clientFor: () => ({ 'reports.client': report }) as unknown as AcmClient, subscribe: () => () => undefined };
  render(createElement(AcmProvider, { connection, children: createElement(ClientReportForm, { timezone: 'Europe/Berlin' }) }));
  return report;
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Download client report' }));

beforeEach(() => useWorkspaceStore.setState({ current: 1 }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the client report form', () => {
  it('asks for the last 30 days when no date is given, and follows the host’s one-time download', async () => {
    const followed = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect([this.getAttribute('href'), this.download]).toEqual(['/exports/t1', FILE]);
    });
    const report = show(async () => ({ download: '/exports/t1', fileName: FILE, rows: 30, bytes: 2048 }));
    expect(screen.getByText('the last 30 days')).toBeTruthy();
    submit();
    expect(await screen.findByText(`Downloading the report of 30 days as ${FILE}`)).toBeTruthy();
    expect(report).toHaveBeenCalledWith({});
    expect(followed).toHaveBeenCalledOnce();
  });

  it('sends only the dates filled in', async () => {
    const report = show(async () => ({ saved: `/home/op/${FILE}`, fileName: FILE, rows: 7, bytes: 2048 }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    submit();
    expect(await screen.findByText(`Saved the report of 7 days to /home/op/${FILE}`)).toBeTruthy();
    expect(report).toHaveBeenCalledWith({ from: '2026-03-01' });
  });

  it('shows nothing after a cancelled save dialog, and a refusal as an error', async () => {
    const report = show(async () => ({ cancelled: true }));
    submit();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Download client report' }).hasAttribute('disabled')).toBe(false));
    expect(report).toHaveBeenCalledOnce();
    expect(screen.queryByRole('status')).toBeNull();

    report.mockRejectedValueOnce(new Error('from must not be after to'));
    submit();
    expect((await screen.findByRole('alert')).textContent).toBe('The client report failed: from must not be after to');
  });
});
