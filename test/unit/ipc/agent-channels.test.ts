import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentDefinition } from '@shared/scenario/schema';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';
import { savingInto } from './save-location';

const definition = (overrides: Partial<AgentDefinition> = {}) =>
  efficiencyDraft({ constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'], ...overrides });

let app: SandboxApp;
afterEach(() => app?.close());

describe('agents, decisions, alerts and monitor channels on the sandbox account', () => {
  it('saves an agent paused, previews it without acting, and acts only once activated', async () => {
    app = await sandboxApp();
    await app.advanceHours(24);
    const agent = await app.client['agents.create']({ definition: definition() });
    expect(agent).toMatchObject({ name: 'Efficiency', status: 'paused' });

    const preview = await app.client['agents.dryRun']({ definition: definition() });
    expect(preview.daysObserved).toBeGreaterThanOrEqual(1);
    expect(preview.proposals.length + preview.held.length).toBeGreaterThan(0);
    expect((await app.client['decisions.page']({})).items).toEqual([]);
    expect((await app.client['monitor.summary']())[0].lastReview).toBeNull();

    await app.advanceHours(24);
    expect((await app.client['decisions.page']({})).items).toEqual([]);

    const seen: string[] = [];
    app.subscribe('decision.changed', (p) => seen.push(p.agentId));
    expect(await app.client['agents.activate']({ id: agent.id })).toMatchObject({ status: 'active' });
    await app.advanceHours(24);
    const page = await app.client['decisions.page']({ filter: { agentId: agent.id } });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((d) => d.state === 'executed' && d.reasoning.length > 0)).toBe(true);
    expect(seen).toContain(agent.id);

    const [first] = page.items;
    const detail = await app.client['decisions.get']({ id: first.id });
    expect(detail.decision.prediction.low80).toBeLessThanOrEqual(detail.decision.prediction.high80);
    expect(detail.chain.map((e) => e.state)).toEqual(['proposed', 'executed']);

    const summary = await app.client['monitor.summary']();
    expect(summary).toHaveLength(1);
    expect(summary[0].lastActions[0].id).toBe(first.id);
    expect(summary[0].goals[0].actual).toBeGreaterThan(0);
    expect(summary[0].goals[0].days).toBe(3);
    const review = summary[0].lastReview!;
    expect(review.granted).toBe(page.items.filter((d) => d.createdAt >= review.at).length);
    expect(review.asked).toBe(review.granted + review.why.length);
    const kpis = await app.client['monitor.kpis']({ agentId: agent.id });
    expect(kpis.goals).toEqual({ roas: 4 });
    expect(kpis.days.length).toBeGreaterThanOrEqual(3);
  });

  it('names what is wrong with an agent and where', async () => {
    app = await sandboxApp();
    const unknown = await app.client['agents.create']({ definition: definition({ campaigns: ['shopping', 'nope'] }) }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', path: 'definition.campaigns[1]', message: expect.stringContaining('unknown campaign id "nope"') });
    const negative = await app.client['agents.create']({ definition: { ...definition(), goals: [{ metric: 'roas', op: '>=', value: -1 }] } }).catch(
      (e: unknown) => e,
    );
    expect(negative).toMatchObject({ code: 'INVALID_INPUT', path: 'definition.goals[0].value' });
    await app.client['agents.create']({ definition: definition() });
    expect(await app.client['agents.create']({ definition: definition() }).catch((e: unknown) => e)).toMatchObject({ code: 'CONFLICT' });
  });

  it('escalates below minConfidence; Approve executes it and resolves its alert; Undo reverses it', async () => {
    app = await sandboxApp();
    const agent = await app.client['agents.create']({
      definition: definition({ status: 'active', constraints: { minConfidence: 0.99 } as AgentDefinition['constraints'] }),
    });
    const raised: string[] = [];
    app.subscribe('alert.raised', (p) => raised.push(p.alertId));
    await app.advanceHours(24);
    const waiting = await app.client['decisions.page']({ filter: { states: ['escalated'] } });
    expect(waiting.items.length).toBeGreaterThan(0);
    expect((await app.client['alerts.count']()).awaitingApproval).toBe(waiting.items.length);
    const alerts = await app.client['alerts.list']({});
    const item = alerts.items.find((i) => i.decision?.id === waiting.items[0].id)!;
    expect(raised).toContain(item.alert.id);

    const approved = await app.client['decisions.approve']({ id: item.decision!.id });
    expect(approved).toMatchObject({ state: 'executed', approvedBy: 'operator' });
    expect((await app.client['alerts.list']({})).items.map((i) => i.alert.id)).not.toContain(item.alert.id);
    expect(await app.client['decisions.approve']({ id: approved.id }).catch((e: unknown) => e)).toMatchObject({ code: 'CONFLICT' });

    const undo = await app.client['decisions.undo']({ id: approved.id });
    expect(undo).toMatchObject({ state: 'executed', parentDecisionId: approved.id, before: approved.after, after: approved.before });
    const detail = await app.client['decisions.get']({ id: approved.id });
    expect(detail.decision.state).toBe('undone');
    expect(detail.related.map((d) => d.id)).toEqual([undo.id]);
    expect(detail.chain.map((e) => e.state)).toEqual(['proposed', 'escalated', 'approved', 'executed', 'undone']);

    const rejected = await app.client['decisions.reject']({ id: waiting.items[1]?.id ?? waiting.items[0].id }).catch((e: unknown) => e);
    if (waiting.items.length > 1) expect(rejected).toMatchObject({ state: 'cancelled' });
    expect(agent.status).toBe('active');
  });

  it('pauses and resumes every agent at once, and nothing executes while paused', async () => {
    app = await sandboxApp();
    const a = await app.client['agents.create']({ definition: definition({ status: 'active' }) });
    const b = await app.client['agents.create']({ definition: definition({ name: 'Scale', role: 'scale', status: 'active', campaigns: ['shopping'] }) });
    expect(await app.client['agents.pauseAll']()).toEqual({ count: 2, agentIds: [a.id, b.id], recorded: true });
    await app.advanceHours(48);
    expect(app.store.decisions.countByState().executed).toBe(0);
    expect((await app.client['monitor.summary']()).map((s) => s.status)).toEqual(['paused', 'paused']);
    expect(await app.client['agents.pause']({ id: a.id }).catch((e: unknown) => e)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('it is paused'),
    });
    expect((await app.client['agents.resumeAll']()).count).toBe(2);
    await app.client['agents.terminate']({ id: b.id });
    expect((await app.client['monitor.summary']()).map((s) => s.name)).toEqual(['Efficiency']);
  });

  it('filters the timeline by words of the reasoning, page by page', async () => {
    app = await sandboxApp();
    await app.client['agents.create']({ definition: definition({ status: 'active' }) });
    await app.advanceHours(72);
    const all = (await app.client['decisions.page']({ limit: 500 })).items;
    const word = all[0].reasoning
      .split(/\s+/)
      .find((w) => w.length > 6)!
      .toLowerCase();
    const expected = all.filter((d) => d.reasoning.toLowerCase().includes(word)).map((d) => d.id);
    const got: string[] = [];
    let cursor: { createdAt: number; id: string } | undefined;
    do {
      const page = await app.client['decisions.page']({ filter: { text: word.toUpperCase() }, cursor, limit: 2 });
      got.push(...page.items.map((d) => d.id));
      cursor = page.next;
    } while (cursor);
    expect(got).toEqual(expected);
  });

  it('exports agents as JSON and imports them back with every problem named', async () => {
    app = await sandboxApp();
    const created = await app.client['agents.create']({ definition: definition() });
    expect((await app.client['agents.export']({})).agents.map((a) => a.status)).toEqual(['paused']);
    await app.client['agents.resume']({ id: created.id });
    const file = await app.client['agents.export']({});
    expect(file.format).toBe('acm-agents/1');
    // The file says what the agent is doing now, not the status it was created with.
    expect(file.agents.map((a) => a.status)).toEqual(['active']);
    const renamed = { ...file, agents: file.agents.map((a) => ({ ...a, name: `${a.name} copy` })) };
    const imported = await app.client['agents.import']({ text: JSON.stringify(renamed) });
    expect(imported.map((a) => [a.name, a.status])).toEqual([['Efficiency copy', 'paused']]);

    const bad = {
      format: 'acm-agents/1',
      agents: [
        { ...renamed.agents[0], name: 'X', priority: 0 },
        { ...renamed.agents[0], name: 'Y', campaigns: ['ghost'] },
      ],
    };
    const failure = await app.client['agents.import']({ text: JSON.stringify(bad) }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'agents[0].priority',
      message: expect.stringContaining('agents[1].campaigns[0]: unknown campaign id "ghost"'),
    });
    expect(await app.client['agents.import']({ text: '{"name": ' }).catch((e: unknown) => e)).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('line 1'),
    });
    expect((await app.client['agents.list']()).map((a) => a.name).sort()).toEqual(['Efficiency', 'Efficiency copy']);
  });

  it('exports an empty record as a CSV of its header alone, with no digest to carry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-export-empty-'));
    app = await sandboxApp({ exportDestination: savingInto(dir).destination });
    const file = await app.client['decisions.export']({ format: 'csv' });
    expect(file).toMatchObject({ rows: 0 });
    expect(['digest' in file, 'digestPath' in file]).toEqual([false, false]);
    const text = 'saved' in file ? readFileSync(file.saved, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    expect(text).toMatch(/^\uFEFFtimestamp,decision_id,[a-z_,]+entry_hash,currency,timezone,workspace\r\n$/);
  });
});
