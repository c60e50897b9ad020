import { Menu, Tray, nativeImage } from 'electron';
import { buildTrayMenuTemplate, type MenuActions } from './menus';

/** The tray icon that keeps the agents reachable while the window is closed; its tooltip counts the alerts waiting (alert-watch.ts). */
export function createTray(iconPath: string, appName: string, actions: MenuActions): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip(appName);
  tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(appName, actions)));
  tray.on('click', actions.showWindow);
  return tray;
}
