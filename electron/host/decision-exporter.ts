import { AcmError } from '@shared/errors';
import type { DecisionFilterView } from '@shared/ipc/channels/decisions';
import { AccountZone } from '@shared/zone';
import type { Store } from '../store';
import { labelsOf } from '../store/exports/workspace-labels';
import type { DecisionExporter, ExportJob } from '../ipc/services';

const MIME = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const;

export interface ExporterOptions {
  /** Names the file and dates the PDF; the wall clock by default. */
  now?: () => number;
}

/** A workspace's name as part of a file name: its letters and digits, the rest as single hyphens. */
export function fileNamePart(name: string): string {
  const part = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return part || 'workspace';
}

/**
 * The app's Export CSV / Export PDF: the very files `acm audit export` writes, by the store's
 * streamed writers, so an export of any size is written a chunk of rows at a time and never
 * held whole. The chain's signed digest goes with either file, and the file is named for the
 * workspace and its local day: `acm-decisions-acme-shoes-2026-03-08.csv`.
 */
export function createDecisionExporter(store: Store, accountName: string, options: ExporterOptions = {}): DecisionExporter {
  const now = options.now ?? Date.now;
  return {
    prepare(format: 'csv' | 'pdf', filter: DecisionFilterView): ExportJob {
      if (format !== 'csv' && format !== 'pdf') throw new Error(`export format must be 'csv' or 'pdf', got ${JSON.stringify(format)}`);
      // A file people will trust is made only from a record that verifies, chain and rows alike.
      const verdict = store.audit.verify();
      if (!verdict.ok)
        throw new AcmError('INTEGRITY', `export refused: the audit trail does not verify (${verdict.problem}). Run acm audit verify on the database.`);
      const generatedAt = now();
      const labels = labelsOf(store.profile.get());
      const fileName = `acm-decisions-${fileNamePart(labels.name)}-${AccountZone.of(labels.timezone).date(generatedAt)}.${format}`;
      return {
        format,
        fileName,
        mimeType: MIME[format],
        async write(path) {
          // Signed before the rows are read: the file holds at least what the digest covers.
          const digest = store.audit.digestIfAny();
          const { rows } = await (format === 'csv'
            ? store.exports.csv(path, filter)
            : store.exports.pdf(path, { filter, account: accountName, digest, generatedAt }));
          return { rows, ...(digest ? { digest } : {}) };
        },
      };
    },
  };
}
