import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDigest } from '@shared/domain/audit';
import { AcmError } from '@shared/errors';
import { diskExportDestination } from '@host/export-to-disk';
import type { ExportJob } from '@ipc/services';

const digest: AuditDigest = {
  format: 'acm-audit-digest/1',
  algorithm: 'ed25519',
  count: 3,
  headHash: 'a'.repeat(64),
  signedAt: '2026-03-08T00:00:00.000Z',
  publicKey: 'k',
  signature: 's',
};

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: system said so, '/tmp/.x.csv.1234.tmp'`), { code });
}

const job = (write: ExportJob['write'], format: 'csv' | 'pdf' = 'csv'): ExportJob => ({
  format,
  fileName: `out.${format}`,
  mimeType: 'text/csv',
  write,
});

describe('exports saved to disk', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'acm-disk-export-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const destinationAt = (path: string | undefined) => diskExportDestination({ choose: async () => path, reveal: () => undefined });

  it.each([
    ['ENOSPC', 'UNAVAILABLE', 'the disk is full'],
    ['EACCES', 'FORBIDDEN', 'permission denied'],
    ['EROFS', 'FORBIDDEN', 'permission denied'],
    ['EIO', 'UNAVAILABLE', 'EIO'],
  ])('answers %s with %s naming the chosen file, not the temporary one', async (code, expected, words) => {
    const file = join(dir, 'out.csv');
    const failure = destinationAt(file).deliver(job(() => Promise.reject(errno(code))));
    await expect(failure).rejects.toBeInstanceOf(AcmError);
    await expect(failure).rejects.toMatchObject({ code: expected, message: expect.stringContaining(`could not save ${file}: `) });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(words) });
    await expect(failure).rejects.toMatchObject({ message: expect.not.stringContaining('.tmp') });
  });

  it('keeps no CSV whose digest could not be written beside it', async () => {
    const file = join(dir, 'out.csv');
    // A folder already takes the digest's name: its rename fails.
    const blocker = `${file}.digest.json`;
    const destination = destinationAt(file);
    await import('node:fs/promises').then((fs) => fs.mkdir(join(blocker, 'inside'), { recursive: true }));
    await expect(
      destination.deliver(
        job(async (path) => {
          writeFileSync(path, 'header\r\n');
          return { rows: 0, digest };
        }),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining(`could not save ${blocker}`) });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual(['out.csv.digest.json']);
  });

  it('neither signs the chain nor writes when the dialog is cancelled', async () => {
    let written = false;
    expect(
      await destinationAt(undefined).deliver(
        job(async () => {
          written = true;
          return { rows: 0 };
        }),
      ),
    ).toEqual({ cancelled: true });
    expect(written).toBe(false);
  });
});
