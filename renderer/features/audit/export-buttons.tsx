import { useState } from 'react';
import { digestFileText } from '@shared/domain/audit';
import type { ResponseOf } from '@shared/ipc/contract';
import { useAcm } from '@renderer/ipc/acm-context';
import { useAuditStore } from './audit-store';
import { base64Bytes, downloadFile } from './download-file';

type Exported = ResponseOf<'decisions.export'>;

/**
 * Export CSV and Export PDF of the filtered timeline, the same files `acm audit export` writes.
 * The PDF prints the chain's signed digest on its title page; a CSV cannot hold it, so it is
 * offered beside the file, for `acm audit verify --digest`.
 */
export function ExportButtons() {
  const { client } = useAcm();
  const filter = useAuditStore((s) => s.filter);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Exported | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(format: 'csv' | 'pdf') {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const file = await client['decisions.export']({ format, filter });
      downloadFile(file.fileName, file.mimeType, base64Bytes(file.base64));
      setSaved(file);
    } catch (e) {
      setError(`Export ${format.toUpperCase()} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const digest = saved?.digest;
  return (
    <div className="export-buttons">
      <button type="button" disabled={busy} onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={busy} onClick={() => run('pdf')}>
        Export PDF
      </button>
      {busy && <span role="status">Exporting…</span>}
      {saved && (
        <span role="status" className="muted">
          Saved {saved.fileName}
          {digest ? `, signed at entry ${digest.count}` : ''}
        </span>
      )}
      {saved?.fileName.endsWith('.csv') && digest && (
        <button type="button" onClick={() => downloadFile(`${saved.fileName}.digest.json`, 'application/json', digestFileText(digest))}>
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
