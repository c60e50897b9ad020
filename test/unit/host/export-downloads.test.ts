import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExportDownloads, type ExportDownloads } from '@host/export-downloads';
import type { ExportJob } from '@ipc/services';
import { tempDir } from '../../integration/store/temp-dir';

const job = (fileName: string, text: string): ExportJob => ({
  format: 'csv',
  fileName,
  mimeType: 'text/csv; charset=utf-8',
  write: async (path) => {
    writeFileSync(path, text);
    return { rows: 2 };
  },
});

describe('exports on the headless host: one-time downloads', () => {
  const tmp = tempDir();
  let downloads: ExportDownloads;
  let server: Server;
  let origin: string;
  beforeEach(async () => {
    downloads = createExportDownloads({ tempDir: tmp.dir });
    server = createServer((req, res) => {
      if (!downloads.serve(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => tmp.remove());
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await downloads.close();
  });

  it('streams the file once as an attachment under its name, then forgets it and its file', async () => {
    const answer = await downloads.destination.deliver(job('acm-decisions-東京-2026-03-08.csv', 'a,b\r\n1,2\r\n'));
    expect(answer).toMatchObject({ fileName: 'acm-decisions-東京-2026-03-08.csv', rows: 2, bytes: 10 });
    if (!('download' in answer)) throw new Error('expected a download');
    expect(answer.download).toMatch(/^\/exports\/[A-Za-z0-9_-]{43}$/);

    const response = await fetch(`${origin}${answer.download}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="acm-decisions-__-2026-03-08.csv"; filename*=UTF-8''${encodeURIComponent('acm-decisions-東京-2026-03-08.csv')}`,
    );
    expect(await response.text()).toBe('a,b\r\n1,2\r\n');
    expect((await fetch(`${origin}${answer.download}`)).status).toBe(404);
    await expect.poll(() => readdirSync(tmp.dir)).toEqual([]);
  });

  it('refuses a ticket it never gave, and leaves other paths to the static files', async () => {
    expect((await fetch(`${origin}/exports/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${origin}/index.html`)).status).toBe(418);
  });

  it('deletes a download nobody fetched when the host closes', async () => {
    await downloads.destination.deliver(job('out.csv', 'x'));
    expect(readdirSync(tmp.dir)).toHaveLength(1);
    await downloads.close();
    expect(readdirSync(tmp.dir)).toEqual([]);
    expect(existsSync(tmp.dir)).toBe(true);
  });
});
