import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ask } from './serve-process';
import { eventually, MemoryKeyring, roasKeeper, serveMeta, socketOf, TOKEN, metaTestBed } from './meta-serve-fixture';

const bed = metaTestBed();

/** The text a PDF draws: pdfkit writes it as hex strings in TJ arrays, cut wherever kerning applies, in deflated page streams. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const drawn: string[] = [];
  for (let at = raw.indexOf('stream'); at >= 0; at = raw.indexOf('stream', at + 6)) {
    if (raw.slice(at - 3, at) === 'end') continue;
    const start = raw.indexOf('\n', at) + 1;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(bytes.subarray(start, end)).toString('latin1');
    } catch {
      continue; // Not a deflated stream (a font, an image).
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[2] ?? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      drawn.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  // Joined without a break too, so that a value wrapped over two lines reads whole.
  return `${raw}\n${drawn.join('\n')}\n${drawn.join('')}`;
}

const holdsToken = (bytes: Buffer) => bytes.includes(Buffer.from(TOKEN));

describe('a Meta token never leaves the Graph client', () => {
  it('is absent from the database, its WAL, the logs, every IPC answer and every export after agents ran on it', async () => {
    const db = bed.tmp.file('acm.db');
    const served = await serveMeta({ world: bed.world, args: { db, platform: 'meta', 'api-base': bed.world.fake.url }, env: { ACM_META_TOKEN: TOKEN } });
    if (!('url' in served)) throw new Error(served.lines.join('\n'));
    bed.running.push(served);
    const { socket, received } = await socketOf(served);
    bed.sockets.push(socket);

    await ask(socket, 'agents.create', { definition: roasKeeper });
    await eventually('a budget change executed through Meta', async () => {
      const { count } = await ask<{ count: number }>(socket, 'decisions.count', { filter: { states: ['executed'] } });
      return count > 0;
    });
    const executedAt = bed.world.clock.now();
    await eventually('six more hours of the account', async () => bed.world.clock.now() - executedAt > 6 * 3_600_000);
    expect(bed.world.fake.requests.filter((r) => r.method === 'POST').length).toBeGreaterThan(0);

    // On the headless host an export is a one-time download the answer names.
    const fetchExport = async (format: 'csv' | 'pdf') => {
      const { download } = await ask<{ download: string }>(socket, 'decisions.export', { format });
      const response = await fetch(new URL(download, served.url));
      expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="acm-decisions-.+\\.${format}"`));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect((await fetch(new URL(download, served.url))).status).toBe(404);
      return bytes;
    };
    const csvBytes = await fetchExport('csv');
    const pdfBytes = await fetchExport('pdf');
    const digest = await ask<{ text: string }>(socket, 'audit.dailyDigest', {});
    await ask(socket, 'workspaces.list');
    await ask(socket, 'app.info', {});
    await ask(socket, 'campaigns.list', {});
    expect(csvBytes.toString('utf8')).toContain('budget');
    expect(pdfText(pdfBytes)).toContain('ROAS keeper');
    expect(digest.text.length).toBeGreaterThan(0);

    for (const [what, bytes] of [
      ['the CSV export', csvBytes],
      ['the PDF export', Buffer.from(pdfText(pdfBytes), 'latin1')],
      ['the digest', Buffer.from(digest.text)],
      ['the IPC messages', Buffer.from(received.join('\n'))],
      ['the database', readFileSync(db)],
      ['its WAL', existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0)],
    ] as const) {
      expect(holdsToken(bytes), what).toBe(false);
    }
    expect(received.join('\n')).toContain('"platform":"meta"');

    await served.stop();
    bed.running = [];
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${db}${suffix}`)) expect(holdsToken(readFileSync(`${db}${suffix}`)), `acm.db${suffix} after shutdown`).toBe(false);
    }
    const log = served.lines.join('\n');
    expect(log).toContain('with the token from ACM_META_TOKEN');
    expect(log).not.toContain(TOKEN);
  }, 120_000);

  it('is taken from the keyring when ACM_META_TOKEN is unset, and is absent from what the host says', async () => {
    const keyring = new MemoryKeyring();
    keyring.entries.set('meta', TOKEN);
    const served = await serveMeta({ world: bed.world, args: { platform: 'meta', 'api-base': bed.world.fake.url }, keyring });
    if (!('url' in served)) throw new Error(served.lines.join('\n'));
    bed.running.push(served);
    const { socket, received } = await socketOf(served);
    bed.sockets.push(socket);
    const [home] = await ask<{ accounts: { platform: string; connected: boolean }[] }[]>(socket, 'workspaces.list');
    expect(home.accounts).toEqual([expect.objectContaining({ platform: 'meta', connected: true })]);
    expect(keyring.reads).toEqual(['meta']);
    expect(served.lines.join('\n')).toContain('with the token from the keyring entry "meta"');
    expect(served.lines.join('\n')).not.toContain(TOKEN);
    expect(received.join('\n')).not.toContain(TOKEN);
  }, 60_000);
});
