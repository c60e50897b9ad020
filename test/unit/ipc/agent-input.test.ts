import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { savingInto } from './save-location';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentDefinition } from '@shared/scenario/schema';
import { parseCsv } from '../../integration/audit/rfc4180';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';

const definition = (overrides: Partial<AgentDefinition> = {}) =>
  efficiencyDraft({ constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'], ...overrides });
const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

let app: SandboxApp;
afterEach(() => app?.close());

describe('agents from people and files, over IPC', () => {
  it('refuses hostile agent text and names with INVALID_INPUT naming where, and keeps a name one way', async () => {
    app = await sandboxApp();
    expect(await failure(app.client['agents.import']({ text: '['.repeat(1_000_000) }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'line 1, column 65',
      message: expect.stringContaining('nested more than 64 deep'),
    });
    expect(await failure(app.client['agents.create']({ definition: definition({ name: 'x'.repeat(121) }) }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'definition.name',
    });
    expect(await failure(app.client['agents.create']({ definition: definition({ name: 'Scale \ud800' }) }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'definition.name',
      message: expect.stringContaining('lone UTF-16 surrogate (U+D800) at character 7'),
    });
    expect(await failure(app.client['agents.create']({ definition: definition({ priority: 1e308 }) }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'definition.priority',
    });
    const imported = { ...definition({ name: 'Caf\u00e9' }), status: 'paused' };
    expect(await failure(app.client['agents.import']({ text: JSON.stringify({ ...imported, constraints: { maxDailySpend: 1e308 } }) }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'constraints.maxDailySpend',
      message: expect.stringContaining('must be at most 1000000000, got 1e+308'),
    });
    expect((await app.client['agents.list']()).map((a) => a.name)).toEqual([]);

    const created = await app.client['agents.create']({ definition: definition({ name: 'Cafe\u0301' }) });
    expect([created.name, created.definition.name]).toEqual(['Caf\u00e9', 'Caf\u00e9']);
    expect(await failure(app.client['agents.import']({ text: JSON.stringify(imported) }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('exports agents named like spreadsheet formulas, created or imported, as inert text', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-export-input-'));
    app = await sandboxApp({ exportDestination: savingInto(dir).destination });
    await app.advanceHours(24);
    const link = '=HYPERLINK("http://x")';
    const sum = '@SUM(1+1)';
    await app.client['agents.create']({ definition: definition({ name: link, campaigns: ['prosp-broad', 'retarget-7d', 'lookalike-1'], status: 'active' }) });
    const [imported] = await app.client['agents.import']({
      text: JSON.stringify(definition({ name: sum, campaigns: ['brand-search', 'video-broad', 'shopping'] })),
    });
    await app.client['agents.activate']({ id: imported.id });
    await app.advanceHours(3 * 24);

    const exported = await app.client['decisions.export']({ format: 'csv' });
    const text = 'saved' in exported ? readFileSync(exported.saved, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    const agents = new Set(rows.map((r) => r[header.indexOf('agent')]));
    expect(agents).toEqual(new Set([`'${link}`, `'${sum}`]));
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(text).toContain(`,"'@SUM(1+1)",`);
  });
});
