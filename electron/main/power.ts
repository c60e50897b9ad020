import type { PowerSaveBlocker } from 'electron';

export interface KeepAwake {
  /** The setting, and whether agents run now: the blocker holds only while both are true. */
  update(state: { enabled: boolean; agentsActive: boolean }): void;
  /** Whether the computer is being kept awake now. */
  readonly holding: boolean;
  /** Lets the computer sleep again (quitting). */
  release(): void;
}

/**
 * Keeps the computer from suspending while agents work, when the user asked for it. The
 * 'prevent-app-suspension' kind keeps the system running and lets the display sleep: the agents
 * need the machine, not the screen.
 */
export function createKeepAwake(blocker: Pick<PowerSaveBlocker, 'start' | 'stop'>): KeepAwake {
  let id: number | undefined;
  const release = (): void => {
    if (id === undefined) return;
    blocker.stop(id);
    id = undefined;
  };
  return {
    update({ enabled, agentsActive }) {
      if (enabled && agentsActive) id ??= blocker.start('prevent-app-suspension');
      else release();
    },
    get holding() {
      return id !== undefined;
    },
    release,
  };
}
