import { useState } from 'react';
import type { ExportResult } from '@shared/ipc/channels/decisions';
import { followDownload } from './download-file';

/** A file the host wrote: saved where the person chose, or a download the browser fetches once. */
export type ExportDone = Exclude<ExportResult, { cancelled: true }>;

/**
 * One export button's run, the same for every export the host writes: busy while it writes, what
 * came of it, why it failed. A cancelled save dialog shows nothing; a download is followed at once.
 */
export function useExport() {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone | null>(null);
  const [error, setError] = useState<Error | null>(null);

  /** `failed` heads the message of a failure, when the button shows it bare. */
  async function run(call: () => Promise<ExportResult>, failed?: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await call();
      if ('cancelled' in result) return;
      if ('download' in result) followDownload(result.download, result.fileName);
      setDone(result);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(failed === undefined && e instanceof Error ? e : new Error(failed === undefined ? message : `${failed}: ${message}`));
    } finally {
      setBusy(false);
    }
  }

  return { busy, done, error, setError, run };
}
