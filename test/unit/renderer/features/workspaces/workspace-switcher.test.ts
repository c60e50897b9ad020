import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { WorkspacePicker } from '@renderer/features/workspaces/workspace-switcher';

const summary = (id: number, name: string, critical: number, warning: number): WorkspaceSummary => ({
  id,
  name,
  currency: 'USD',
  timezone: 'UTC',
  openAlerts: { critical, warning, info: 0 },
  agents: { active: 1, paused: 0 },
  accounts: [{ platform: 'sandbox', name, connected: true }],
});

const draw = (workspaces: WorkspaceSummary[], current: number | null) =>
  renderToStaticMarkup(createElement(WorkspacePicker, { workspaces, current, busy: false, onOpen: () => undefined }));

/** The select's accessible name (its <label for>), and each option: value, chosen, text. */
function readPicker(html: string) {
  const select = /<label for="([^"]+)">([^<]*)<\/label><select id="\1"([^>]*)>(.*?)<\/select>/.exec(html);
  if (!select) throw new Error(`no labelled select in ${html}`);
  const options = [...select[4].matchAll(/<option value="(\d+)"( selected="")?>([^<]*)<\/option>/g)].map((m) => [m[1], Boolean(m[2]), m[3]]);
  return { name: select[2], disabled: select[3].includes('disabled'), options };
}

describe('the workspace switcher', () => {
  const list = [summary(1, 'Home', 0, 0), summary(2, 'Tokyo client', 2, 1)];

  it('is a control named "Workspace" listing every workspace with its open alerts, the shown one chosen', () => {
    const html = draw(list, 2);
    expect(readPicker(html)).toEqual({
      name: 'Workspace',
      disabled: false,
      options: [
        ['1', false, 'Home — no open alerts'],
        ['2', true, 'Tokyo client — 2 critical, 1 warning'],
      ],
    });
    expect(html).toContain('aria-label="Open alerts of this workspace" class="severity-critical">2 critical, 1 warning</span>');
  });

  it('says when the shown workspace has nothing open', () => {
    expect(draw(list, 1)).toContain('class="muted">no open alerts</span>');
  });

  it('cannot be used before the list has come', () => {
    expect(readPicker(draw([], null))).toMatchObject({ disabled: true, options: [] });
  });
});
