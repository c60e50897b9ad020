import { digestFileText } from '@shared/domain/audit';
import { useAcm } from '@renderer/ipc/acm-context';
import { formatNumber } from '@renderer/shared/format';
import { useAuditStore } from './audit-store';
import { downloadFile } from './download-file';
import { useExport, type ExportDone } from './use-export';

/** "Saved 1,000,000 decisions to …/file.csv", in the system's way of writing numbers. */
function doneText(done: ExportDone): string {
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
  const { busy, done, error, setError, run: runExport } = useExport();

  const run = (format: 'csv' | 'pdf') => runExport(() => client['decisions.export']({ format, filter }), `Export ${format.toUpperCase()} failed`);

  async function showInFolder(path: string) {
    try {
      await client['decisions.showExported']({ path });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
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
          {error.message}
        </span>
      )}
    </div>
  );
}
