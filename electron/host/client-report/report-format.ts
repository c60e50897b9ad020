import { amountText } from '@shared/money';

/** How the sections write figures: amounts in the account's currency, ratios to two places, n/a where there is nothing to divide by. */
export interface Format {
  money(amount: number): string;
  count(n: number): string;
  ratio(r: number | null): string;
  /** The relative change from `before` to `now`, signed; n/a when there was nothing before. */
  change(now: number | null, before: number | null): string;
}

export function formatIn(currency: string): Format {
  return {
    money: (amount) => `${amountText(amount, currency)} ${currency}`,
    count: (n) => Number(n.toFixed(2)).toString(),
    ratio: (r) => (r === null ? 'n/a' : `${r.toFixed(2)}x`),
    change: (now, before) => {
      if (now === null || before === null || before === 0) return 'n/a';
      const pct = ((now - before) / Math.abs(before)) * 100;
      return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
    },
  };
}
