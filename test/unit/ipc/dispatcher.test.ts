import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channel } from '@shared/ipc/define';
import { createDispatcher } from '@ipc/dispatcher';

const goalSchema = z.object({ metric: z.enum(['roas', 'cpa']), value: z.number().positive() }).strict();
const channels = {
  'agents.create': channel(z.object({ name: z.string().min(1), goals: z.array(goalSchema) }).strict(), z.object({ id: z.string() })),
  'agents.count': channel(z.object({}).strict(), z.number().int()),
};

function setup(overrides: Partial<Parameters<typeof createDispatcher<typeof channels>>[0]> = {}) {
  const log = vi.fn();
  const handlers = {
    'agents.create': vi.fn(async (request: { name: string }) => ({ id: `agent-${request.name}` })),
    'agents.count': vi.fn(async () => 3),
    ...overrides,
  };
  const dispatcher = createDispatcher(handlers, { channels, log, validateResponses: true });
  return { dispatcher, handlers, log };
}

describe('dispatcher', () => {
  it('runs the handler with the validated request and answers ok', async () => {
    const { dispatcher, handlers } = setup();
    const request = { name: 'scale', goals: [{ metric: 'roas', value: 4 }] };
    expect(await dispatcher.dispatch('agents.create', request)).toEqual({ ok: true, value: { id: 'agent-scale' } });
    expect(handlers['agents.create']).toHaveBeenCalledWith(request);
  });

  it('refuses a malformed request with the JSON path of the first problem, without calling the handler', async () => {
    const { dispatcher, handlers } = setup();
    const result = await dispatcher.dispatch('agents.create', { name: 'scale', goals: [{ metric: 'roas', value: 'four' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'goals[0].value' } });
    expect(!result.ok && result.error.message).toMatch(/goals\[0\]\.value/);
    expect(handlers['agents.create']).not.toHaveBeenCalled();
  });

  it('points an unknown key at the key itself', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('agents.create', { name: 'x', goals: [{ metric: 'cpa', value: 5, per: 'day' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'goals[0].per' } });
  });

  it('reports a request that is not even an object at the root', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('agents.count', 'hello');
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '' } });
  });

  it('answers UNKNOWN_CHANNEL for a name the contract does not declare, including inherited names', async () => {
    const { dispatcher } = setup();
    for (const name of ['agents.delete', 'toString', '__proto__']) {
      const result = await dispatcher.dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(!result.ok && result.error.message).toContain(name);
    }
  });

  it('turns a throwing handler into INTERNAL with its message, and logs it', async () => {
    const { dispatcher, log } = setup({
      'agents.count': async () => {
        throw new Error('database is locked');
      },
    });
    const result = await dispatcher.dispatch('agents.count', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'agents.count failed: database is locked' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('agents.count'), expect.any(Error));
    expect(await dispatcher.dispatch('agents.create', { name: 'a', goals: [] })).toMatchObject({ ok: true });
  });

  it('catches a response that breaks the contract when responses are validated', async () => {
    const { dispatcher, log } = setup({ 'agents.count': async () => 2.5 });
    const result = await dispatcher.dispatch('agents.count', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('response of agents.count') } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('checks responses unless told not to, whatever NODE_ENV says (the packaged app never sets it)', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const dispatcher = createDispatcher({ 'agents.count': async () => 2.5, 'agents.create': async () => ({ id: 'a' }) }, { channels, log: vi.fn() });
      expect(await dispatcher.dispatch('agents.count', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('passes responses through unchecked when response validation is off', async () => {
    const dispatcher = createDispatcher(
      { 'agents.count': async () => 2.5, 'agents.create': async () => ({ id: 'a' }) },
      { channels, validateResponses: false },
    );
    expect(await dispatcher.dispatch('agents.count', {})).toEqual({ ok: true, value: 2.5 });
    expect(await dispatcher.dispatch('agents.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
