import type { AuditDigest } from '@shared/domain/audit';
import type { AccountZone } from '@shared/zone';
import type { ActivityFigures } from './activity-figures';
import type { KpiFigures } from './kpi-figures';
import type { Format } from './report-format';
import type { ReportPeriod } from './report-period';

/** Everything a section draws from: gathered once from the store before the first page is set. */
export interface ReportContext {
  client: string;
  currency: string;
  zone: AccountZone;
  period: ReportPeriod;
  previous: ReportPeriod;
  kpis: KpiFigures;
  activity: ActivityFigures;
  /** The audit chain's signed head; absent while the log is empty. */
  digest: AuditDigest | undefined;
  generatedAt: number;
  format: Format;
}
