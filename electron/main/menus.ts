import type { MenuItemConstructorOptions } from 'electron';
import { AGENT_COMMANDS, type AgentCommand } from './agent-commands';

export interface MenuActions {
  showWindow: () => void;
  runCommand: (command: AgentCommand) => void;
  quit: () => void;
}

const agentItems = (actions: MenuActions): MenuItemConstructorOptions[] =>
  (Object.keys(AGENT_COMMANDS) as AgentCommand[]).map((command) => ({
    label: AGENT_COMMANDS[command].label,
    click: () => actions.runCommand(command),
  }));

export function buildTrayMenuTemplate(appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    { label: `Open ${appName}`, click: actions.showWindow },
    { type: 'separator' },
    ...agentItems(actions),
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

export interface AppMenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools and reload only in development: a packaged app offers no way into the page internals. */
  development: boolean;
}

/** The application menu's own commands besides those it shares with the tray. */
export interface AppMenuActions extends MenuActions {
  /** Asks where, then backs up the database and its workspaces while the agents go on. */
  backUp: () => void;
  /** Asks for a backup, confirms what it replaces, restores it and restarts the app. */
  restore: () => void;
  /** Looks for an update at once and shows what it found. */
  checkForUpdates: () => void;
  /** Shows the folder of the app's log files in the system's file manager. */
  openLogsFolder: () => void;
}

const helpItems = (actions: AppMenuActions): MenuItemConstructorOptions[] => [
  { label: 'Check for updates…', click: actions.checkForUpdates },
  { label: 'Open logs folder', click: actions.openLogsFolder },
];

export function buildAppMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const developerItems: MenuItemConstructorOptions[] = options.development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const backupItems: MenuItemConstructorOptions[] = [
    { label: 'Back up now', click: actions.backUp },
    { label: 'Restore…', click: actions.restore },
    { type: 'separator' },
  ];
  return [
    ...(mac ? [{ label: options.appName, role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [...backupItems, mac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: actions.quit }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...developerItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: 'Agents', submenu: agentItems(actions) },
    { role: 'windowMenu' },
    { role: 'help', submenu: helpItems(actions) },
  ];
}
