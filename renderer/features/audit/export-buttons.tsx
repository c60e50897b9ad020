import { useState } from 'react';
import { digestFileText } from '@shared/domain/audit';
import type { ExportResult } from '@shared/ipc/channels/decisions';
import { useAcm } from '@renderer/ipc/acm-context';
import { formatNumber } from '@renderer/shared/format';
import { useAuditStore } from './audit-store';
import { downloadFile, followDownload } from './download-file';

type Done = Exclude<ExportResult, { cancelled: true }>;

/** "Saved 1,000,000 decisions to …/file.csv", in the system's way of writing numbers. */
function doneText(done: Done): string {
  const what = `${done.fileName.endsWith('.pdf') ? 'a report of ' : ''}${formatNumber(done.rows)} decision${done.rows === 1 ? '' : 's'}`;
  const signed = done.digest ? `, signed at entry ${formatNumber(done.digest.count)}` : '';
  if ('saved' in done) return `Saved ${what} to ${done.saved}${done.digestPath ? ' and its digest beside it' : ''}${signed}`;
  return `Downloading ${what} as ${done.fileName}${signed}`;
}

/**
 * Export CSV and Export PDF of the filtered timeline, the same files `acm audit export` writes.
 * The host writes the file itself: in the app to where the person chose, on `acm serve` as a
 * download the browser fetches once. A cancelled save dialog shows nothing.
 */
export function ExportButtons() {
  const { client } = useAcm();
  const filter = useAuditStore((s) => s.filter);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(format: 'csv' | 'pdf') {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await client['decisions.export']({ format, filter });
      if ('cancelled' in result) return;
      if ('download' in result) followDownload(result.download, result.fileName);
      setDone(result);
    } catch (e) {
      setError(`Export ${format.toUpperCase()} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function showInFolder(path: string) {
    try {
      await client['decisions.showExported']({ path });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const digest = done?.digest;
  return (
    <div className="export-buttons">
      <button type="button" disabled={busy} onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={busy} onClick={() => run('pdf')}>
        Export PDF
      </button>
      {busy && <span role="status">Exporting…</span>}
      {done && (
        <span role="status" className="muted">
          {doneText(done)}
        </span>
      )}
      {done && 'saved' in done && (
        <button type="button" onClick={() => void showInFolder(done.saved)}>
          Show in folder
        </button>
      )}
      {done && 'download' in done && done.fileName.endsWith('.csv') && digest && (
        <button type="button" onClick={() => downloadFile(`${done.fileName}.digest.json`, 'application/json', digestFileText(digest))}>
          Save digest
        </button>
      )}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
