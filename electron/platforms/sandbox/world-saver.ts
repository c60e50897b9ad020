import type { Clock } from '@shared/time';
import type { SandboxPlatform } from './platform';
import { captureHour, snapshotState, type SavedHour } from './world-state';

/** One save: the state as it stands and the rows of the hours simulated since the last save. */
export interface SandboxStateUpdate {
  state: string;
  /** The account clock's instant. */
  savedAt: number;
  hours: SavedHour[];
}

/** Where a sandbox world is kept between runs; the host fills it with the store. A save is all or nothing. */
export interface SandboxStateSink {
  save(update: SandboxStateUpdate): void;
}

/**
 * Steps a live account's world and saves it through the sink: after every simulated hour and
 * after every change. A change is saved before the platform confirms it (and undone if it
 * cannot be); an hour that cannot be saved is kept and saved with the next save, since the
 * hours in between are the same again whoever simulates them.
 */
export class WorldSaver {
  private unsaved: SavedHour[] = [];

  constructor(
    private readonly platform: SandboxPlatform,
    private readonly sink: SandboxStateSink,
    private readonly clock: Clock,
    private readonly onSaveError: (error: unknown) => void,
  ) {}

  /** Simulates up to `hour` (never past the world's end), keeping each hour's row, and saves if it moved. */
  advanceTo(hour: number): void {
    const { world } = this.platform;
    const target = Math.min(hour, world.totalHours);
    if (world.hour >= target) return;
    while (world.hour < target) {
      const t = world.hour;
      world.step();
      this.unsaved.push({ hour: t, data: captureHour(world, t) });
    }
    try {
      this.save();
    } catch (error) {
      this.onSaveError(error);
    }
  }

  /** Saves now (throws when the sink cannot); `closed` marks the last save of a clean stop. */
  save(closed = false): void {
    const savedAt = this.clock.now();
    const update = { state: JSON.stringify(snapshotState(this.platform, savedAt, closed)), savedAt, hours: this.unsaved };
    this.sink.save(update);
    this.unsaved = [];
  }
}
