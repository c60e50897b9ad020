import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildAppMenuTemplate, buildTrayMenuTemplate, type AppMenuActions } from '../../../electron/main/menus';

function recorder() {
  const calls: string[] = [];
  const actions: AppMenuActions = {
    showWindow: () => void calls.push('show'),
    runCommand: (command) => void calls.push(command),
    quit: () => void calls.push('quit'),
    backUp: () => void calls.push('backUp'),
    restore: () => void calls.push('restore'),
    checkForUpdates: () => void calls.push('checkForUpdates'),
    openLogsFolder: () => void calls.push('openLogsFolder'),
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

  it('backs up and restores from the File menu, and only there', () => {
    const { calls, actions } = recorder();
    for (const platform of ['linux', 'darwin'] as const) {
      const menu = buildAppMenuTemplate({ appName: 'ACM', platform, development: false }, actions);
      const file = menu.find((item) => item.label === 'File');
      const labels = (file?.submenu as MenuItemConstructorOptions[]).map((item) => item.label);
      expect(labels.slice(0, 2)).toEqual(['Back up now', 'Restore…']);
      click(menu, 'Back up now');
      click(menu, 'Restore…');
    }
    expect(calls).toEqual(['backUp', 'restore', 'backUp', 'restore']);
    expect(flatten(buildTrayMenuTemplate('ACM', actions)).map((item) => item.label)).not.toContain('Restore…');
  });

  it('checks for updates from the Help menu', () => {
    const { calls, actions } = recorder();
    const template = buildAppMenuTemplate({ appName: 'ACM', platform: 'linux', development: false }, actions);
    const help = template.find((item) => item.role === 'help');
    expect(Array.isArray(help?.submenu) && help.submenu.map((item) => item.label)).toContain('Check for updates…');
    click(template, 'Check for updates…');
    expect(calls).toEqual(['checkForUpdates']);
  });
});
