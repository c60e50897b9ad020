import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildAppMenuTemplate, buildTrayMenuTemplate, type MenuActions } from '../../../electron/main/menus';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    showWindow: () => void calls.push('show'),
    runCommand: (command) => void calls.push(command),
    quit: () => void calls.push('quit'),
  };
  return { calls, actions };
}

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
const click = (items: MenuItemConstructorOptions[], label: string) => {
  const item = flatten(items).find((each) => each.label === label);
  if (!item?.click) throw new Error(`no clickable menu item "${label}"`);
  (item.click as () => void)();
};

describe('tray menu', () => {
  it('pauses and resumes all agents and opens the window', () => {
    const { calls, actions } = recorder();
    const menu = buildTrayMenuTemplate('ACM', actions);
    click(menu, 'Pause all agents');
    click(menu, 'Resume all agents');
    click(menu, 'Open ACM');
    click(menu, 'Quit');
    expect(calls).toEqual(['pauseAll', 'resumeAll', 'show', 'quit']);
  });
});

describe('application menu', () => {
  const roles = (items: MenuItemConstructorOptions[]) =>
    flatten(items)
      .map((item) => item.role)
      .filter(Boolean);

  it('offers developer tools only in development', () => {
    const { actions } = recorder();
    expect(roles(buildAppMenuTemplate({ appName: 'ACM', platform: 'linux', development: true }, actions))).toContain('toggleDevTools');
    expect(roles(buildAppMenuTemplate({ appName: 'ACM', platform: 'linux', development: false }, actions))).not.toContain('toggleDevTools');
    expect(roles(buildAppMenuTemplate({ appName: 'ACM', platform: 'linux', development: false }, actions))).not.toContain('reload');
  });

  it('has the agent commands and the platform conventions', () => {
    const { calls, actions } = recorder();
    const mac = buildAppMenuTemplate({ appName: 'ACM', platform: 'darwin', development: false }, actions);
    expect(mac[0].role).toBe('appMenu');
    const linux = buildAppMenuTemplate({ appName: 'ACM', platform: 'linux', development: false }, actions);
    expect(roles(linux)).not.toContain('appMenu');
    click(linux, 'Pause all agents');
    click(linux, 'Quit');
    expect(calls).toEqual(['pauseAll', 'quit']);
  });
});
