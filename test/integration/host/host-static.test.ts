import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '@host/start-host';
import { fakeAccountFactory } from './fake-platform';
import { makeRendererDir } from './host-fixture';

let host: RunningHost;
let renderer: Awaited<ReturnType<typeof makeRendererDir>>;
let origin: string;

beforeAll(async () => {
  renderer = await makeRendererDir();
  host = await startHost({ port: 0, rendererDir: renderer.dir, createAccount: fakeAccountFactory(), log: () => {} });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await renderer.remove();
});

describe('headless host static files', () => {
  it('serves the renderer with the right content types', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('ACM test shell');
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${origin}/assets/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('forbids framing and content sniffing', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    const route = await fetch(`${origin}/monitor/campaigns`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('ACM test shell');
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${origin}/`, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(`${origin}/assets/app.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('export const ok = true;'.length));
  });
});
