import type { ChangeValue } from '@shared/domain/decision';
import { fromJson } from '../json';

/** A setting as a person reads it in a spreadsheet or a report: `120`, `max CPC 0.8`, `aud-2 on`. */
export function settingText(json: string, where: string): string {
  const value = fromJson<ChangeValue>(json, where);
  switch (value.kind) {
    case 'budget':
      return String(value.dailyBudget);
    case 'bid':
      return value.bid.strategy === 'max_cpc' ? `max CPC ${value.bid.amount}` : 'lowest cost';
    case 'status':
      return value.status;
    case 'targeting':
      return `${value.audienceId} ${value.enabled ? 'on' : 'off'}`;
    case 'creative':
      return `${value.creativeId} ${value.enabled ? 'on' : 'off'}`;
  }
}
