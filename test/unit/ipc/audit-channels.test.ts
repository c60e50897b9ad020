import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDefinition } from '@shared/scenario/schema';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';
import { connectionOf } from '@store/testing';

const definition = (overrides: Partial<AgentDefinition> = {}) =>
  efficiencyDraft({
    campaigns: ['prosp-broad', 'retarget-7d', 'lookalike-1'],
    constraints: { maxDailySpend: 6000 } as AgentDefinition['constraints'],
    status: 'active',
    ...overrides,
  });

const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

describe('audit channels on an empty record', () => {
  let app: SandboxApp;
  beforeAll(async () => (app = await sandboxApp()));
  afterAll(() => app.close());

  it('has no digest to show and a review with nothing in it', async () => {
    expect(await app.client['audit.digest']()).toBeNull();
    const review = await app.client['audit.dailyDigest']();
    expect(review.text).toContain('Nothing needs you today.');
    expect((await app.client['decisions.outcomeStats']()).overall).toEqual({ count: 0, directional: 0, coverage80: 0, mape: null });
  });

  it('names a bad request and where it is wrong', async () => {
    expect(await failure(app.client['audit.dailyDigest']({ date: '2026-13-01' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'date' });
    expect(await failure(app.client['decisions.outcomeStats']({ bucket: 'month' as 'day' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'bucket' });
    expect(await failure(app.client['decisions.outcomeStats']({ from: 10, to: 5 }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'to',
      message: expect.stringContaining('from must be before to'),
    });
    expect(await failure(app.client['decisions.outcomeStats']({ agentId: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND', message: 'no agent with id nobody' });
  });
});

describe('audit channels after two agents ran for nine simulated days', () => {
  let app: SandboxApp;
  let efficient: string;
  let careful: string;
  beforeAll(async () => {
    app = await sandboxApp();
    await app.advanceHours(24);
    efficient = (await app.client['agents.create']({ definition: definition() })).id;
    careful = (
      await app.client['agents.create']({
        definition: definition({
          name: 'Careful',
          campaigns: ['brand-search', 'video-broad', 'shopping'],
          constraints: { maxDailySpend: 6000, minConfidence: 0.99 } as AgentDefinition['constraints'],
        }),
      })
    ).id;
    await app.advanceHours(9 * 24);
  }, 60_000);
  afterAll(() => app.close());

  it('serves the chain head signed, and the log still extends it', async () => {
    const digest = await app.client['audit.digest']();
    const head = app.store.audit.head();
    expect(digest).toMatchObject({ format: 'acm-audit-digest/1', count: head.count, headHash: head.hash });
    expect(app.store.audit.verify([{ digest: digest!, source: 'the app' }])).toMatchObject({ ok: true, count: head.count, anchors: expect.any(Number) });
  });

  it('gives outcome accuracy overall and per agent, matching the outcomes recorded', async () => {
    const stats = await app.client['decisions.outcomeStats']();
    const recorded = connectionOf(app.store).prepare('SELECT count(*) FROM outcomes').pluck().get() as number;
    expect(recorded).toBeGreaterThan(0);
    expect(stats.overall.count).toBe(recorded);
    expect(stats.byAgent.reduce((n, a) => n + a.count, 0)).toBe(recorded);
    expect(stats.byAgent.find((a) => a.agentId === efficient)).toMatchObject({ agentName: 'Efficiency' });
    for (const figures of [stats.overall, ...stats.byAgent]) {
      expect(figures.directional).toBeGreaterThanOrEqual(0);
      expect(figures.coverage80).toBeLessThanOrEqual(1);
    }
    const weekly = await app.client['decisions.outcomeStats']({ agentId: efficient, bucket: 'week' });
    expect(weekly.byAgent.map((a) => a.agentId)).toEqual([efficient]);
    expect(weekly.overTime.every((b) => new Date(b.bucketStart).getUTCDay() === 1)).toBe(true);
    const none = await app.client['decisions.outcomeStats']({ from: 0, to: 1 });
    expect(none.overall.count).toBe(0);
  });

  it('puts the waiting escalations first in the daily review', async () => {
    const waiting = await app.client['decisions.page']({ filter: { agentId: careful, states: ['escalated'] } });
    expect(waiting.items.length).toBeGreaterThan(0);
    const { digest, text } = await app.client['audit.dailyDigest']();
    expect(digest.exceptions.escalationsWaiting.map((d) => d.id).sort()).toEqual(waiting.items.map((d) => d.id).sort());
    expect(text).toMatch(new RegExp(`^Daily review ${digest.date} \\(UTC\\)`));
    expect(text.indexOf('Escalations waiting for a person')).toBeLessThan(text.indexOf('Everything else'));
    const earlier = await app.client['audit.dailyDigest']({ date: '2000-01-01' });
    expect(earlier.digest.date).toBe('2000-01-01');
    expect(earlier.digest.summary.byAgent).toEqual([]);
  });
});
