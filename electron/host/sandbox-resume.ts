import { AcmError } from '@shared/errors';
import { DAY_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { RecordEnd } from '../store';

/**
 * How far the record may run past the world's last save. The world is saved at every
 * simulated hour and after every change, so a process killed between two saves leaves records
 * of the hour in progress (a pause, an alert, an outcome) after the save; continuing the clock
 * from the latest of them is exact, since the world changes only through saved changes. Records
 * a day past the save were not written beside this world.
 */
export const MAX_UNSAVED_MS = DAY_MS;

/** Where the account's clock continues: from its last save, or from the latest record if that is later (within MAX_UNSAVED_MS). */
export function resumeInstant(file: string, savedAt: number, latest: RecordEnd | undefined, zone: AccountZone): number {
  if (!latest || latest.at <= savedAt) return savedAt;
  if (latest.at - savedAt <= MAX_UNSAVED_MS) return latest.at;
  throw new AcmError(
    'CONFLICT',
    `${file}: the record runs to ${zone.isoLocal(latest.at)} (${latest.what}), but the sandbox world saved in it stands at ` +
      `${zone.isoLocal(savedAt)}: that history would lie in the future of the account's clock, so the host does not start. ` +
      'The file was put together from two different moments; restore it from one backup (acm db restore), or start on a new --db file.',
  );
}

/** The message that refuses --scenario on a database that plays another one. */
export function otherScenario(file: string, kept: { name: string; fingerprint: string }, given: { path: string; name: string; fingerprint: string }): AcmError {
  return new AcmError(
    'CONFLICT',
    `${file} already plays the scenario "${kept.name}" (sha256 ${kept.fingerprint.slice(0, 12)}); ${given.path} is another scenario ` +
      `("${given.name}", sha256 ${given.fingerprint.slice(0, 12)}). Start without --scenario to continue the account it has, ` +
      'or give a new --db file to play this one.',
  );
}
