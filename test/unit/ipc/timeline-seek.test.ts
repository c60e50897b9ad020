import { afterEach, describe, expect, it } from 'vitest';
import { DECISION_COLUMNS, decisionParams } from '@store/repositories/decision-rows';
import type { Decision } from '@shared/domain/decision';
import type { AgentDefinition } from '@shared/scenario/schema';
import { sandboxApp, type SandboxApp } from './app-fixture';
import { connectionOf } from '@store/testing';

const T0 = Date.UTC(2026, 0, 5);
const ROWS = 1000;

let app: SandboxApp;
afterEach(() => app?.close());

/** An app whose log holds ROWS decisions of one paused agent, every other one executed, two per minute. */
async function appWithDecisions(): Promise<{ agentId: string }> {
  app = await sandboxApp();
  const definition = {
    name: 'Seeded',
    role: 'efficiency',
    priority: 1,
    campaigns: '*',
    objective: 'revenue',
    goals: [],
    status: 'paused',
  } as unknown as AgentDefinition;
  const { id: agentId } = await app.client['agents.create']({ definition });
  const insert = connectionOf(app.store).prepare(
    `INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`,
  );
  connectionOf(app.store).transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      insert.run(
        decisionParams({
          id: `d${String(i).padStart(5, '0')}`,
          // Pairs share a timestamp: the id must break the tie the same way in both strategies.
          createdAt: T0 + Math.floor(i / 2) * 60_000,
          agentId,
          campaignId: 'shopping',
          kind: 'budget',
          before: { kind: 'budget', dailyBudget: 100 },
          after: { kind: 'budget', dailyBudget: 110 },
          reasoning: `Raise ${i}`,
          confidence: 0.7,
          prediction: { metric: 'revenue', windowHours: 72, point: 10, low80: 5, high80: 15 },
          metrics: {},
          state: i % 2 === 0 ? 'executed' : 'blocked',
          idempotencyKey: `k${i}`,
        } as Decision),
      );
    }
  })();
  return { agentId };
}

describe('jumping through a long decision timeline', () => {
  it('counts the decisions a filter matches', async () => {
    const { agentId } = await appWithDecisions();
    expect(await app.client['decisions.count']({})).toEqual({ count: ROWS });
    expect(await app.client['decisions.count']({ filter: { agentId, states: ['executed'] } })).toEqual({ count: ROWS / 2 });
    expect(await app.client['decisions.count']({ filter: { from: T0 + 100 * 60_000 } })).toEqual({ count: ROWS - 200 });
  });

  it('a page fetched by offset holds the very rows the keyset walk reaches there', async () => {
    await appWithDecisions();
    const walked: string[] = [];
    let cursor: { createdAt: number; id: string } | undefined;
    do {
      const page = await app.client['decisions.page']({ limit: 150, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items.map((d) => d.id));
      cursor = page.next;
    } while (cursor);
    expect(walked).toHaveLength(ROWS);
    for (const offset of [0, 1, 299, 451, 850]) {
      const jumped = await app.client['decisions.page']({ offset, limit: 150 });
      expect(jumped.items.map((d) => d.id)).toEqual(walked.slice(offset, offset + 150));
    }
    const last = await app.client['decisions.page']({ offset: ROWS - 1, limit: 150 });
    expect(last.items.map((d) => d.id)).toEqual(['d00000']);
    expect(last.next).toBeUndefined();
    expect((await app.client['decisions.page']({ offset: ROWS + 5 })).items).toEqual([]);
    const executed = await app.client['decisions.page']({ filter: { states: ['executed'] }, offset: 499, limit: 10 });
    expect(executed.items.map((d) => d.id)).toEqual(['d00000']);
  });

  it('refuses an offset beside a cursor or a text search, and counting by text, naming the field', async () => {
    await appWithDecisions();
    const cursor = { createdAt: T0, id: 'd00001' };
    expect(await app.client['decisions.page']({ cursor, offset: 10 }).catch((e: unknown) => e)).toMatchObject({ code: 'INVALID_INPUT', path: 'offset' });
    expect(await app.client['decisions.page']({ filter: { text: 'raise' }, offset: 10 }).catch((e: unknown) => e)).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'offset',
    });
    expect(await app.client['decisions.page']({ offset: -1 }).catch((e: unknown) => e)).toMatchObject({ code: 'INVALID_INPUT', path: 'offset' });
    expect(await app.client['decisions.count']({ filter: { text: 'raise' } }).catch((e: unknown) => e)).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'filter.text',
    });
  });
});
