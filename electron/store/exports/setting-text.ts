import type { ChangeValue } from '@shared/domain/decision';
import { fromJson } from '../json';

/**
 * A setting as a person reads it in a spreadsheet or a report: `120.00`, `max CPC 0.80`,
 * `aud-2 on`. Amounts are written by `money`, in the account currency's minor units.
 */
export function settingText(json: string, where: string, money: (amount: number) => string): string {
  const value = fromJson<ChangeValue>(json, where);
  switch (value.kind) {
    case 'budget':
      return money(value.dailyBudget);
    case 'bid':
      return value.bid.strategy === 'max_cpc' ? `max CPC ${money(value.bid.amount)}` : 'lowest cost';
    case 'status':
      return value.status;
    case 'targeting':
      return `${value.audienceId} ${value.enabled ? 'on' : 'off'}`;
    case 'creative':
      return `${value.creativeId} ${value.enabled ? 'on' : 'off'}`;
  }
}
