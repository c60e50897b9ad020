import { writeFile } from 'node:fs/promises';
import type { GroupDay, GroupTotals } from '@shared/domain/experiment';
import { amountText } from '@shared/money';
import type { AccountZone } from '@shared/zone';
import type { ExperimentExporter } from '../ipc/services';
import { writeAtomically } from '../store/exports/atomic-file';
import { csvLine } from '../store/exports/csv-line';
import { fileNamePart } from './decision-exporter';

export const EXPERIMENT_CSV_HEADER = [
  'date',
  'period',
  'treatment_spend',
  'treatment_revenue',
  'treatment_conversions',
  'treatment_roas',
  'holdout_spend',
  'holdout_revenue',
  'holdout_conversions',
  'holdout_roas',
  'currency',
] as const;

/** Conversions may be fractional (attributed shares): two decimals at most, no trailing zeros. */
const count = (n: number) => String(Number(n.toFixed(2)));
const roas = (t: GroupTotals) => (t.spend > 0 ? (t.revenue / t.spend).toFixed(4) : '');

/** The daily group totals as CSV text: one record per local day, amounts in the currency's minor units, an empty ROAS where nothing was spent. */
export function experimentCsv(days: readonly GroupDay[], currency: string): string {
  const group = (t: GroupTotals) => [amountText(t.spend, currency), amountText(t.revenue, currency), count(t.conversions), roas(t)];
  let text = csvLine(EXPERIMENT_CSV_HEADER);
  for (const day of days) text += csvLine([day.date, day.period, ...group(day.treatment), ...group(day.holdout), currency]);
  return text;
}

/**
 * An experiment's Export CSV: a few hundred days at most, so written whole, through a temporary
 * file renamed into place; named for the experiment and the account's day it was exported on:
 * `acm-experiment-spring-holdout-2026-03-08.csv`. Its figures come from the reported metrics,
 * not the audit trail, so no digest goes with it.
 */
export function createExperimentExporter(options: { currency: string; zone: AccountZone; now: () => number }): ExperimentExporter {
  return {
    prepare(experiment, days) {
      const text = experimentCsv(days, options.currency);
      return {
        format: 'csv',
        fileName: `acm-experiment-${fileNamePart(experiment.name)}-${options.zone.date(options.now())}.csv`,
        mimeType: 'text/csv; charset=utf-8',
        async write(path) {
          await writeAtomically(path, (temp) => writeFile(temp, text));
          return { rows: days.length };
        },
      };
    },
  };
}
