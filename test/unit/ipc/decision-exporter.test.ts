import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionExporter, fileNamePart } from '@host/decision-exporter';
import { labelsOf } from '@store/exports/workspace-labels';
import { AccountZone } from '@shared/zone';
import type { AgentDefinition } from '@shared/scenario/schema';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';

const agent = (name: string, campaigns: string[]) =>
  efficiencyDraft({ name, campaigns, constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'], status: 'active' });

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

describe('Export CSV and Export PDF over IPC', () => {
  let app: SandboxApp;
  let dir: string;
  let first: string;
  beforeAll(async () => {
    app = await sandboxApp();
    dir = mkdtempSync(join(tmpdir(), 'acm-export-test-'));
    await app.advanceHours(24);
    first = (await app.client['agents.create']({ definition: agent('First', ['prosp-broad', 'retarget-7d', 'lookalike-1']) })).id;
    await app.client['agents.create']({ definition: agent('Second', ['brand-search', 'video-broad', 'shopping']) });
    await app.advanceHours(4 * 24);
  }, 60_000);
  afterAll(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the very CSV `acm audit export` writes, with the signed digest beside it', async () => {
    const file = await app.client['decisions.export']({ format: 'csv' });
    const workspace = fileNamePart(labelsOf(app.store.profile.get()).name);
    expect(file.fileName).toMatch(new RegExp(`^acm-decisions-${workspace}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    await app.store.exports.csv(join(dir, 'cli.csv'));
    expect(bytesOf(file.base64).equals(readFileSync(join(dir, 'cli.csv')))).toBe(true);
    expect(file.digest).toEqual(await app.client['audit.digest']());
    expect(file.digest!.count).toBe(app.store.audit.head().count);
  });

  it('holds exactly the decisions of the filter, row for row', async () => {
    const filter = { agentId: first, states: ['executed' as const] };
    const page = await app.client['decisions.page']({ filter, limit: 500 });
    expect(page.items.length).toBeGreaterThan(0);
    const text = bytesOf((await app.client['decisions.export']({ format: 'csv', filter })).base64).toString('utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^timestamp,decision_id,agent,campaign,action,/);
    const ids = lines.slice(1).map((line) => line.split(',')[1]);
    expect(ids).toEqual(page.items.map((d) => d.id).reverse());
    expect(lines.slice(1).every((line) => line.split(',')[2] === 'First')).toBe(true);
  });

  it('returns a PDF report and leaves no file behind', async () => {
    const exporter = createDecisionExporter(app.store, 'Sandbox shop', { tempDir: dir, now: () => Date.UTC(2026, 2, 4) });
    const before = readdirSync(dir);
    const pdf = await exporter.export('pdf', {});
    const labels = labelsOf(app.store.profile.get());
    expect(pdf.fileName).toBe(`acm-decisions-${fileNamePart(labels.name)}-${AccountZone.of(labels.timezone).date(Date.UTC(2026, 2, 4))}.pdf`);
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(2000);
    expect(readdirSync(dir)).toEqual(before);
    const viaIpc = await app.client['decisions.export']({ format: 'pdf', filter: { agentId: first } });
    expect(bytesOf(viaIpc.base64).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('names files for the workspace in letters and digits a file system takes', () => {
    expect(fileNamePart('Hudson Outfitters, Inc.')).toBe('hudson-outfitters-inc');
    expect(fileNamePart('東京 Shoes / 2026')).toBe('東京-shoes-2026');
    expect(fileNamePart('../..')).toBe('workspace');
    expect(fileNamePart('x'.repeat(39) + ' y')).toBe('x'.repeat(39));
  });

  it('refuses an unknown format by name', async () => {
    await expect(app.client['decisions.export']({ format: 'xlsx' as 'csv' })).rejects.toMatchObject({ code: 'INVALID_INPUT', path: 'format' });
  });
});
