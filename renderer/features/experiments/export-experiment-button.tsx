import { useExport, type ExportDone } from '@renderer/features/audit/use-export';
import { useAcm } from '@renderer/ipc/acm-context';
import { formatNumber } from '@renderer/shared/format';

function doneText(done: ExportDone): string {
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
  const { busy, done, error, run } = useExport();

  return (
    <div className="export-buttons">
      <button type="button" disabled={busy} onClick={() => void run(() => client['experiments.export']({ id }), 'Export CSV failed')}>
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
          {error.message}
        </span>
      )}
    </div>
  );
}
