import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExportDownloads } from '@host/export-downloads';
import type { ExportDestination } from '@ipc/services';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { experimentApp, fakePlatform, reportDays, type ExperimentApp } from './experiment-app';
import { savingInto } from './save-location';

const ZONE = AccountZone.of('America/New_York');
/** 2026-01-20, 15:00 in New York. */
const NOW = Date.UTC(2026, 0, 20, 20);
const CAMPAIGNS = ['c1', 'c2', 'c3'];

let t: ExperimentApp;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'acm-client-report-'));
  dirs.push(dir);
  return dir;
}

async function start(exportDestination: ExportDestination) {
  t = await experimentApp({ platform: fakePlatform(), clock: new ManualClock(NOW), zone: ZONE, exportDestination });
  t.store.profile.create({ name: 'Acme Shoes', currency: 'EUR', timezone: ZONE.id, createdAt: NOW });
  reportDays(t.store, ZONE, NOW, CAMPAIGNS, 40);
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: { code: string; path?: string }) => ({ code: e.code, path: e.path }),
  );

describe('reports.client', () => {
  it('saves the last 30 complete local days as a PDF named for the workspace and the period', async () => {
    const dir = tempDir();
    const saving = savingInto(dir);
    await start(saving.destination);
    const name = 'acm-client-report-acme-shoes-2025-12-21-to-2026-01-19.pdf';
    expect(await t.client['reports.client']({})).toMatchObject({ saved: join(dir, name), fileName: name, rows: 30 });
    expect(saving.offered).toEqual([name]);
    expect(isPdf(readFileSync(join(dir, name)))).toBe(true);
  });

  it('covers the days asked for, both inclusive', async () => {
    const dir = tempDir();
    await start(savingInto(dir).destination);
    const result = await t.client['reports.client']({ from: '2026-01-01', to: '2026-01-10' });
    expect(result).toMatchObject({ fileName: 'acm-client-report-acme-shoes-2026-01-01-to-2026-01-10.pdf', rows: 10 });
    expect(isPdf(readFileSync(join(dir, 'acm-client-report-acme-shoes-2026-01-01-to-2026-01-10.pdf')))).toBe(true);
  });

  it('refuses a period that ends before it starts, or is not of days, before any save dialog', async () => {
    const dir = tempDir();
    const saving = savingInto(dir);
    await start(saving.destination);
    expect(await refusal(t.client['reports.client']({ from: '2026-01-10', to: '2026-01-01' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'from' });
    expect(await refusal(t.client['reports.client']({ from: '01/10/2026' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'from' });
    expect(await refusal(t.client['reports.client']({ days: 30 } as never))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(saving.offered).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing and signs no checkpoint when the save dialog is cancelled', async () => {
    const dir = tempDir();
    await start(savingInto(dir, () => undefined).destination);
    const checkpoint = t.store.audit.latestCheckpoint();
    expect(await t.client['reports.client']({})).toEqual({ cancelled: true });
    expect(readdirSync(dir)).toEqual([]);
    expect(t.store.audit.latestCheckpoint()).toEqual(checkpoint);
  });

  it('hands the same file to the headless host’s browser as a one-time download', async () => {
    const downloads = createExportDownloads({ tempDir: tempDir() });
    try {
      await start(downloads.destination);
      expect(await t.client['reports.client']({ to: '2026-01-19' })).toMatchObject({
        download: expect.stringMatching(/^\/exports\//),
        fileName: 'acm-client-report-acme-shoes-2025-12-21-to-2026-01-19.pdf',
        rows: 30,
      });
    } finally {
      await downloads.close();
    }
  });
});
