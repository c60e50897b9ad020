/** Numbers in reasoning strings: what a marketer reads, not what a float prints. */

export const money = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : 2 });
export const ratio = (n: number): string => n.toFixed(2);
export const pct = (n: number): string => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(0)}%`;
export const share = (n: number): string => `${(n * 100).toFixed(0)}%`;
export const count = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
