/**
 * The locale every number, amount and date on screen is written in: the system's. In the app
 * the page's navigator.language is Electron's locale, taken from the operating system; under
 * `acm serve` it is the browser's. Read at each call rather than once, so that a test can pin
 * it by setting navigator.language. Files and messages that leave the app use a fixed locale
 * of their own (see shared/money.ts), not this one.
 */
export const displayLocale = (): string | undefined => globalThis.navigator?.language;
