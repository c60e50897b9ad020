import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFileText } from '@shared/domain/audit';
import type { ExportResult } from '@shared/ipc/channels/decisions';
import { fileNamePart } from '@host/decision-exporter';
import { labelsOf } from '@store/exports/workspace-labels';
import type { AgentDefinition } from '@shared/scenario/schema';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';
import { savingInto } from './save-location';

const agent = (name: string, campaigns: string[]) =>
  efficiencyDraft({ name, campaigns, constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'], status: 'active' });

function savedOf(result: ExportResult) {
  if (!('saved' in result)) throw new Error(`expected a saved file, got ${JSON.stringify(result)}`);
  return result;
}

describe('Export CSV and Export PDF in the app: saved where the person chose', () => {
  let app: SandboxApp;
  let dir: string;
  let saving: ReturnType<typeof savingInto>;
  let answer: ((fileName: string) => string | undefined) | undefined;
  let first: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'acm-export-test-'));
    saving = savingInto(dir, (fileName) => (answer ? answer(fileName) : join(dir, fileName)));
    app = await sandboxApp({ exportDestination: saving.destination });
    await app.advanceHours(24);
    first = (await app.client['agents.create']({ definition: agent('First', ['prosp-broad', 'retarget-7d', 'lookalike-1']) })).id;
    await app.client['agents.create']({ definition: agent('Second', ['brand-search', 'video-broad', 'shopping']) });
    await app.advanceHours(4 * 24);
  }, 60_000);
  afterAll(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the very CSV `acm audit export` writes to the chosen file, with the signed digest beside it', async () => {
    const saved = savedOf(await app.client['decisions.export']({ format: 'csv' }));
    const workspace = fileNamePart(labelsOf(app.store.profile.get()).name);
    expect(saving.offered.at(-1)).toMatch(new RegExp(`^acm-decisions-${workspace}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(saved.saved).toBe(join(dir, saving.offered.at(-1)!));
    await app.store.exports.csv(join(dir, 'cli.csv'));
    expect(readFileSync(saved.saved).equals(readFileSync(join(dir, 'cli.csv')))).toBe(true);
    expect(saved.bytes).toBe(statSync(saved.saved).size);
    expect(saved.rows).toBe(await app.client['decisions.count']({}).then((c) => c.count));
    expect(saved.digest).toEqual(await app.client['audit.digest']());
    expect(saved.digest!.count).toBe(app.store.audit.head().count);
    expect(saved.digestPath).toBe(`${saved.saved}.digest.json`);
    expect(readFileSync(saved.digestPath!, 'utf8')).toBe(digestFileText(saved.digest!));
  });

  it('holds exactly the decisions of the filter, row for row', async () => {
    const filter = { agentId: first, states: ['executed' as const] };
    const page = await app.client['decisions.page']({ filter, limit: 500 });
    expect(page.items.length).toBeGreaterThan(0);
    const saved = savedOf(await app.client['decisions.export']({ format: 'csv', filter }));
    const lines = readFileSync(saved.saved, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^timestamp,decision_id,agent,campaign,action,/);
    const ids = lines.slice(1).map((line) => line.split(',')[1]);
    expect(ids).toEqual(page.items.map((d) => d.id).reverse());
    expect(saved.rows).toBe(ids.length);
    expect(lines.slice(1).every((line) => line.split(',')[2] === 'First')).toBe(true);
  });

  it('saves a PDF report, with nothing beside it and no temporary file left', async () => {
    answer = () => join(dir, 'report.pdf');
    try {
      const saved = savedOf(await app.client['decisions.export']({ format: 'pdf', filter: { agentId: first } }));
      expect(saving.offered.at(-1)).toMatch(/\.pdf$/);
      expect(saved).toMatchObject({ saved: join(dir, 'report.pdf'), fileName: 'report.pdf' });
      expect(readFileSync(saved.saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(saved.bytes).toBeGreaterThan(2000);
      expect(saved.digestPath).toBeUndefined();
      expect(readdirSync(dir).filter((name) => name.startsWith('report') || name.endsWith('.tmp'))).toEqual(['report.pdf']);
    } finally {
      answer = undefined;
    }
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    answer = () => undefined;
    const before = readdirSync(dir).sort();
    try {
      expect(await app.client['decisions.export']({ format: 'csv' })).toEqual({ cancelled: true });
    } finally {
      answer = undefined;
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('names the file in its error when it cannot be written, and leaves nothing there', async () => {
    const missing = join(dir, 'gone', 'out.csv');
    answer = () => missing;
    try {
      await expect(app.client['decisions.export']({ format: 'csv' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `could not save ${missing}: its folder does not exist.`,
      });
    } finally {
      answer = undefined;
    }
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });

  it('shows a saved export in the file manager, and nothing else', async () => {
    const saved = savedOf(await app.client['decisions.export']({ format: 'csv' }));
    await app.client['decisions.showExported']({ path: saved.saved });
    expect(saving.revealed).toEqual([saved.saved]);
    await expect(app.client['decisions.showExported']({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(saving.revealed).toEqual([saved.saved]);
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
