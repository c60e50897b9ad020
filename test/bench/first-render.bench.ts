import { startHost } from '@host/start-host';
import { launchChromium, median } from './browser';
import type { Benchmark } from './harness';

const ROUNDS = 7;

/**
 * The renderer's first render on `acm serve`: from navigation (a fresh page, empty cache) to the
 * Monitor's campaigns table on screen, against loading a small static file from the same host
 * in a fresh page, interleaved so machine load hits both alike.
 */
export const firstRenderBenchmark: Benchmark = {
  name: 'first-render',
  async run() {
    const host = await startHost({ port: 0, log: () => {} });
    const browser = await launchChromium();
    try {
      const origin = new URL(host.url).origin;
      const subject: number[] = [];
      const reference: number[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        const blank = await browser.newPage();
        let start = performance.now();
        await blank.goto(`${origin}/favicon.svg`);
        const blankMs = performance.now() - start;
        await blank.close();

        const app = await browser.newPage();
        start = performance.now();
        await app.goto(host.url);
        await app.getByRole('table', { name: 'Campaigns' }).waitFor({ state: 'visible' });
        const renderMs = performance.now() - start;
        await app.close();
        // Round 0 warms the host and the browser up.
        if (round > 0) {
          reference.push(blankMs);
          subject.push(renderMs);
        }
      }
      const renderMs = median(subject);
      return [
        {
          name: 'first render on acm serve (navigation to the Monitor campaigns table) vs loading a static file from the same host',
          value: renderMs / median(reference),
          kind: 'ratio',
        },
        { name: 'first render on acm serve, navigation to the Monitor campaigns table, median', value: Math.round(renderMs), kind: 'count', unit: 'ms' },
      ];
    } finally {
      await browser.close();
      await host.close();
    }
  },
};
