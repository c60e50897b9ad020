import { writeFile } from 'node:fs/promises';
import type { AccountZone } from '@shared/zone';
import type { ClientReporter } from '../ipc/services';
import type { Store } from '../store';
import { writeAtomically } from '../store/exports/atomic-file';
import { labelsOf } from '../store/exports/workspace-labels';
import { clientReportPdf } from './client-report/client-report';
import { reportPeriod } from './client-report/report-period';
import { fileNamePart } from './decision-exporter';

/**
 * The app's client report, named for the workspace as it is called now and the period the report
 * covers: `acm-client-report-acme-shoes-2026-02-06-to-2026-03-07.pdf`. The period is settled (or
 * refused) at once, but the PDF is made only when the host writes the file: the report signs the
 * audit chain's head for its digest, and a refused or cancelled save must leave no checkpoint. A
 * few pages, so made whole in memory, then written through a temporary file renamed into place.
 */
export function createClientReporter(options: { store: Store; zone: AccountZone; currency: string; now: () => number }): ClientReporter {
  return {
    prepare(asked) {
      const now = options.now();
      const { from, to, days } = reportPeriod(options.zone, now, asked);
      // The profile's name follows a rename; the zone and currency are the account's, which its metrics are in.
      const workspace = labelsOf(options.store.profile.get()).name;
      return {
        format: 'pdf',
        fileName: `acm-client-report-${fileNamePart(workspace)}-${from}-to-${to}.pdf`,
        mimeType: 'application/pdf',
        async write(path) {
          const source = { store: options.store, workspace, timezone: options.zone.id, currency: options.currency, now };
          const { pdf } = await clientReportPdf(source, { from, to });
          await writeAtomically(path, (temp) => writeFile(temp, pdf));
          return { rows: days };
        },
      };
    },
  };
}
