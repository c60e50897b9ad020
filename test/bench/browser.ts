import { chromium, type Browser } from '@playwright/test';
import e2eConfig from '../e2e/playwright.config';

/** Headless Chromium exactly as the e2e suite launches it. */
export function launchChromium(): Promise<Browser> {
  const launch = e2eConfig.use?.launchOptions;
  return chromium.launch({ executablePath: launch?.executablePath, args: launch?.args });
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
