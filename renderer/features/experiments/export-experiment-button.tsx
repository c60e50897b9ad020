import { useState } from 'react';
import type { ExportResult } from '@shared/ipc/channels/decisions';
import { followDownload } from '@renderer/features/audit/download-file';
import { useAcm } from '@renderer/ipc/acm-context';
import { formatNumber } from '@renderer/shared/format';

type Done = Exclude<ExportResult, { cancelled: true }>;

function doneText(done: Done): string {
  const what = `${formatNumber(done.rows)} row${done.rows === 1 ? '' : 's'}`;
  return 'saved' in done ? `Saved ${what} to ${done.saved}` : `Downloading ${what} as ${done.fileName}`;
}

/**
 * The daily group totals as CSV. As with the decision exports, the host writes the file: in the
 * app where the person chose, on `acm serve` as a download the browser fetches once; a cancelled
 * save dialog shows nothing.
 */
export function ExportExperimentButton({ id }: { id: string }) {
  const { client } = useAcm();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await client['experiments.export']({ id });
      if ('cancelled' in result) return;
      if ('download' in result) followDownload(result.download, result.fileName);
      setDone(result);
    } catch (e) {
      setError(`Export CSV failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-buttons">
      <button type="button" disabled={busy} onClick={() => void run()}>
        Export CSV
      </button>
      {busy && <span role="status">Exporting…</span>}
      {done && (
        <span role="status" className="muted">
          {doneText(done)}
        </span>
      )}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
