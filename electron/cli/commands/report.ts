import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AcmError } from '@shared/errors';
import { clientReportPdf } from '@host/client-report/client-report';
import { writeAtomically } from '@store/exports/atomic-file';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { accountNow, openWorkspace } from './report-workspace';

type Values = Record<string, string | undefined>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(flag: 'from' | 'to', text: string | undefined): void {
  if (text !== undefined && (!DATE_ONLY.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))))
    throw new UsageError(`--${flag} must be a date YYYY-MM-DD (a local day of the account), got '${text}'`);
}

function requirePaths(values: Values): { db: string; out: string } {
  if (values.db === undefined) throw new UsageError('--db FILE is required');
  const db = resolve(values.db);
  if (!existsSync(db) || !statSync(db).isFile()) throw new UsageError(`--db: no such file '${values.db}'`);
  if (values.out === undefined) throw new UsageError('--out FILE is required');
  const out = resolve(values.out);
  if (!existsSync(dirname(out))) throw new UsageError(`--out: the folder of '${values.out}' does not exist`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out: '${values.out}' is a folder; name a file`);
  return { db, out };
}

export const reportCommand: Command = {
  name: 'report',
  summary: "A client's PDF report of a workspace: KPIs against the previous period and the goals, campaigns, the agents' changes, experiments",
  usage:
    "acm report --db FILE --out FILE.pdf [--workspace ID|NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n  (default: the only workspace, and the 30 complete days before the account's today)",
  options: { db: { type: 'string' }, out: { type: 'string' }, workspace: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    checkDate('from', values.from);
    checkDate('to', values.to);
    const { db, out } = requirePaths(values);
    const { store, labels } = openWorkspace(db, values.workspace);
    try {
      const source = { store, workspace: labels.name, timezone: labels.timezone, currency: labels.currency, now: accountNow(store) };
      const report = await clientReportPdf(source, { from: values.from, to: values.to }).catch((e: unknown) => {
        if (e instanceof AcmError && e.code === 'INVALID_INPUT') throw new UsageError(`--${e.details?.path ?? 'from'}: ${e.message}`);
        throw e;
      });
      await writeAtomically(out, (temp) => writeFile(temp, report.pdf));
      io.out(`wrote the report of ${labels.name}, ${report.from} to ${report.to}, to ${values.out}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
