/** How the agents reach the account: the sandbox adapter directly, or a platform's adapter over its local fake. */
export const VIA_NAMES = ['sandbox', 'meta', 'google'] as const;
export type Via = (typeof VIA_NAMES)[number];
