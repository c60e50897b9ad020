import { writeFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { digestFileText } from '@shared/domain/audit';
import { AcmError } from '@shared/errors';
import type { ExportResult } from '@shared/ipc/channels/decisions';
import type { ExportDestination, ExportJob } from '../ipc/services';
import { writeAtomically } from '../store/exports/atomic-file';
import { exportFailure } from './export-failure';

/** What the app lends the export: a save dialog, and the file manager. */
export interface SaveLocation {
  /** Asks where to save `fileName`; undefined when the person cancelled. */
  choose(fileName: string, format: 'csv' | 'pdf'): Promise<string | undefined>;
  reveal(path: string): void;
}

/** How many saved paths "Show in folder" remembers; older ones are forgotten first. */
const REMEMBERED = 100;

/**
 * The app's exports: the file goes where the person chose, streamed by the store's writer into a
 * temporary file beside it and renamed into place, so a failure leaves nothing half-written. A
 * CSV's digest is written beside it as `<file>.digest.json`, as `acm audit export` writes it.
 */
export function diskExportDestination(location: SaveLocation): ExportDestination {
  const saved = new Set<string>();
  return {
    async deliver(job: ExportJob): Promise<ExportResult> {
      const path = await location.choose(job.fileName, job.format);
      if (!path) return { cancelled: true };
      let written: Awaited<ReturnType<ExportJob['write']>>;
      try {
        written = await job.write(path);
      } catch (error) {
        throw exportFailure(path, error);
      }
      const { rows, digest } = written;
      const digestPath = job.format === 'csv' && digest ? `${path}.digest.json` : undefined;
      if (digestPath && digest) {
        const text = digestFileText(digest);
        try {
          await writeAtomically(digestPath, (temp) => writeFile(temp, text));
        } catch (error) {
          // A CSV without its digest would be taken for a signed export: neither is kept.
          await rm(path, { force: true });
          throw exportFailure(digestPath, error);
        }
      }
      const { size } = await stat(path);
      saved.delete(path);
      saved.add(path);
      if (saved.size > REMEMBERED) saved.delete(saved.values().next().value as string);
      return {
        saved: path,
        fileName: basename(path),
        rows,
        bytes: size,
        ...(digest ? { digest } : {}),
        ...(digestPath ? { digestPath } : {}),
      };
    },
    async reveal(path: string): Promise<void> {
      // The renderer is not trusted with the file manager beyond the files it was just told about.
      if (!saved.has(path)) throw new AcmError('NOT_FOUND', `no export of this run was saved at ${path}`, { path: 'path' });
      location.reveal(path);
    },
  };
}
