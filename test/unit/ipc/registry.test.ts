import { describe, expect, it } from 'vitest';
import { HandlerRegistry } from '@ipc/registry';
import { channelNames } from '@shared/ipc/contract';

const appInfo = async () => ({
  version: '1',
  account: { name: 'a', currency: 'USD', platform: 'fake', timezone: 'UTC' },
  clock: { now: 0, speed: 1 },
  databasePath: null,
});

describe('handler registry', () => {
  it('refuses a channel registered twice and names both modules', () => {
    const registry = new HandlerRegistry().register('app', { 'app.info': appInfo });
    expect(() => registry.register('diagnostics', { 'app.info': appInfo })).toThrow(
      "channel 'app.info' is registered twice: by module 'app' and by module 'diagnostics'",
    );
  });

  it('refuses a handler for a channel the contract does not declare', () => {
    const module = { 'app.restart': async () => null } as never;
    expect(() => new HandlerRegistry().register('app', module)).toThrow(/'app\.restart', which the IPC contract does not declare/);
  });

  it('refuses to build while a contract channel has no handler', () => {
    const registry = new HandlerRegistry().register('app', { 'app.info': appInfo });
    expect(() => registry.build()).toThrow(/^no handler registered for channels campaigns\.list, agents\.list, /);
  });

  it('builds the full handler map from the domain modules', () => {
    const list = async () => [];
    const others = Object.fromEntries(channelNames.filter((n) => n !== 'app.info' && n !== 'campaigns.list').map((n) => [n, list]));
    const handlers = new HandlerRegistry()
      .register('app', { 'app.info': appInfo })
      .register('campaigns', { 'campaigns.list': list })
      .register('others', others)
      .build();
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
    expect(handlers['campaigns.list']).toBe(list);
  });
});
