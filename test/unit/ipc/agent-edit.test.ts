import { afterEach, describe, expect, it } from 'vitest';
import type { AgentDefinition } from '@shared/scenario/schema';
import { efficiencyDraft, sandboxApp, type SandboxApp } from './app-fixture';

let app: SandboxApp;
afterEach(() => app?.close());

describe('editing a saved agent', () => {
  it('saves a new priority and goal, keeps the agent active, and refuses a terminated one', async () => {
    app = await sandboxApp();
    const agent = await app.client['agents.create']({ definition: efficiencyDraft() });
    await app.client['agents.activate']({ id: agent.id });
    const goals = [{ metric: 'cpa', op: '<=', value: 50, per: 'day', window: 7 }] as AgentDefinition['goals'];
    const saved = await app.client['agents.update']({ id: agent.id, definition: efficiencyDraft({ priority: 3, goals }) });
    expect(saved).toMatchObject({ status: 'active', definition: { priority: 3, goals: [{ metric: 'cpa', op: '<=', value: 50 }] } });
    expect((await app.client['agents.get']({ id: agent.id })).definition.priority).toBe(3);

    const unknown = await app.client['agents.update']({ id: agent.id, definition: efficiencyDraft({ campaigns: ['nope'] }) }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', path: 'definition.campaigns[0]' });
    await app.client['agents.terminate']({ id: agent.id });
    expect(await app.client['agents.update']({ id: agent.id, definition: efficiencyDraft() }).catch((e: unknown) => e)).toMatchObject({ code: 'CONFLICT' });
  });
});
