import { useState } from 'react';
import { useAcm } from '../../ipc/acm-context';
import { useAuditStore } from './audit-store';

/** Export CSV and Export PDF of the filtered timeline; a failure (or a build without exports) is said in words. */
export function ExportButtons() {
  const { client } = useAcm();
  const filter = useAuditStore((s) => s.filter);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(format: 'csv' | 'pdf') {
    setBusy(true);
    setMessage(null);
    try {
      const file = await client['decisions.export']({ format, filter });
      const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(url);
      setMessage({ text: `Saved ${file.fileName}`, error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-buttons">
      <button type="button" disabled={busy} onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={busy} onClick={() => run('pdf')}>
        Export PDF
      </button>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
