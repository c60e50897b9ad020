import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppScheme, serveRenderer } from '../../../../electron/main/security/app-protocol';
import { appLocation } from '../../../../electron/main/security/renderer-location';
import { createFakeElectron } from '../fake-electron';

const CSP = "default-src 'self'";
let base: string;
let handler: (request: Request) => Promise<Response>;

/** A built renderer folder, with secrets beside it: in its parent, and in a sibling whose name starts the same. */
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'acm-app-protocol-'));
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(base, 'renderer-private'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>ACM</title>');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'assets', 'index-1.js'), 'export {};');
  await writeFile(join(root, 'assets', 'index-1.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), 'wOF2');
  await writeFile(join(base, 'secret.txt'), 'secret');
  await writeFile(join(base, 'renderer-private', 'secret.txt'), 'secret');

  const { electron, record } = createFakeElectron({ appPath: base });
  serveRenderer(electron.session.defaultSession as never, root, appLocation(), CSP);
  handler = record.protocolHandlers.get('app') as typeof handler;
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is registered before ready as standard, secure and fetchable, without bypassing the CSP', () => {
    const { electron, record } = createFakeElectron({ appPath: '/unused' });
    registerAppScheme(electron.protocol);
    expect(record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('the renderer file handler', () => {
  it('serves the page and its assets with their content types, our CSP and no sniffing', async () => {
    const page = await get('app://acm/index.html#/monitor');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>ACM</title>');

    const types = {
      'app://acm/assets/index-1.js': 'text/javascript; charset=utf-8',
      'app://acm/assets/index-1.css': 'text/css; charset=utf-8',
      'app://acm/favicon.svg': 'image/svg+xml',
      'app://acm/assets/font.woff2': 'font/woff2',
    };
    for (const [url, type] of Object.entries(types)) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
    }
    expect(await (await get('app://acm/assets/index-1.js')).text()).toBe('export {};');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://acm/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await head.text()).toBe('');
    const post = await get('app://acm/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for what is not a file of the folder', async () => {
    for (const url of ['app://acm/missing.js', 'app://acm/assets', 'app://acm/%2e%2e/secret.txt', 'app://acm/../../secret.txt']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses encoded traversal, absolute paths and NULs', async () => {
    const attempts = [
      'app://acm/..%2fsecret.txt',
      'app://acm/assets/..%2F..%2F..%2Fsecret.txt',
      'app://acm/..%5csecret.txt',
      'app://acm/%2e%2e%2f%2e%2e%2frenderer-private%2fsecret.txt',
      `app://acm/${encodeURIComponent(join(base, 'secret.txt'))}`,
      `app://acm/${join(base, 'secret.txt').replace(/^\/?/, '/')}`,
      'app://acm/index.html%00.js',
      'app://acm/',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).toBe('');
    }
  });

  it('answers only its own host', async () => {
    for (const url of ['app://evil/index.html', 'app://ACM/index.html', 'app://acm:8080/index.html']) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('refuses a malformed escape', async () => {
    expect((await get('app://acm/%E0%A4%A.js')).status).toBe(400);
  });
});
