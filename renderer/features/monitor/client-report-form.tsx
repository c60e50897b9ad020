import { useState, type FormEvent } from 'react';
import { ErrorText } from '@renderer/app/error-text';
import { useExport, type ExportDone } from '@renderer/features/audit/use-export';
import { useAcm } from '@renderer/ipc/acm-context';

function doneText(done: ExportDone): string {
  const days = `${done.rows} day${done.rows === 1 ? '' : 's'}`;
  return 'saved' in done ? `Saved the report of ${days} to ${done.saved}` : `Downloading the report of ${days} as ${done.fileName}`;
}

/**
 * The client report of the workspace as a PDF, over the account's local days: an empty date
 * leaves that end to the host (the 30 complete days before today). As with the other exports
 * the host writes the file: in the app where the person chose, on `acm serve` as a download the
 * browser fetches once; a cancelled save dialog shows nothing.
 */
export function ClientReportForm({ timezone }: { timezone?: string }) {
  const { client } = useAcm();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { busy, done, error, run } = useExport();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => client['reports.client']({ ...(from ? { from } : {}), ...(to ? { to } : {}) }));
  }

  const days = timezone && `Local days of ${timezone}`;
  return (
    <form className="filters" aria-label="Client report" onSubmit={submit}>
      <label title={days}>
        From
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label title={days}>
        To
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Download client report
      </button>
      {!from && !to && <span className="muted">the last 30 days</span>}
      {busy && <span role="status">Preparing the report…</span>}
      {done && (
        <span role="status" className="muted">
          {doneText(done)}
        </span>
      )}
      <ErrorText error={error} what="The client report failed" />
    </form>
  );
}
