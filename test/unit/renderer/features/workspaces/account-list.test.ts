import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { AccountList } from '@renderer/features/workspaces/account-list';

const draw = (accounts: WorkspaceSummary['accounts']) => renderToStaticMarkup(createElement(AccountList, { accounts }));
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe("a workspace's accounts in All clients", () => {
  it('name each account and its platform, and say when its connection is broken', () => {
    const html = draw([
      { platform: 'meta', name: 'Acme', connected: false, reason: 'code 190' },
      { platform: 'sandbox', name: 'Demo', connected: true },
    ]);
    expect(text(html)).toBe('Acme (meta, connection broken), Demo (sandbox)');
  });

  it('mark an account whose token may only read "Recommend only", with the reason on hover', () => {
    const reason = 'the token from ACM_META_TOKEN has ads_read only (ads_management not granted): agents recommend, a person makes the change in Ads Manager';
    const html = draw([{ platform: 'meta', name: 'Acme', connected: true, recommendOnly: reason }]);
    expect(text(html)).toBe('Acme (meta) Recommend only');
    expect(html).toContain(`<span class="pill" title="${reason}">Recommend only</span>`);
  });
});
