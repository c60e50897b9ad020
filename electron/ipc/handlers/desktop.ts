import { AcmError } from '@shared/errors';
import type { desktopChannels } from '@shared/ipc/channels/desktop';
import type { Handlers } from '@shared/ipc/contract';
import type { DesktopControl } from '../services';

export type DesktopChannel = keyof typeof desktopChannels;

/** The desktop settings, or, on a host without a desktop (`acm serve`), a clear refusal of each call. */
export const desktopHandlers = (desktop: DesktopControl | undefined): Pick<Handlers, DesktopChannel> => {
  const control = (): DesktopControl => {
    if (!desktop) throw new AcmError('UNAVAILABLE', 'desktop settings exist in the desktop app only; this host runs without one');
    return desktop;
  };
  return {
    'desktop.settings': () => control().settings(),
    'desktop.saveSettings': (patch) => control().save(patch),
    'desktop.checkForUpdates': () => control().checkForUpdates(),
    'desktop.installUpdate': () => control().installUpdate(),
  };
};
