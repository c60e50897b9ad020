import { describe, expect, it } from 'vitest';
import { deepLink, parseDeepLink } from '@shared/notify/deep-link';

describe('acm:// links', () => {
  it('read back every link the messages write', () => {
    for (const target of [{ alert: 'a1b2c3d4-0000-4000-8000-000000000001' }, { decision: 'dec_42' }, { digest: '2026-03-12' }, { agents: true as const }]) {
      expect(parseDeepLink(deepLink(7, target))).toEqual({ workspaceId: 7, target });
    }
  });

  it('take the trailing slash Windows adds, and an escaped id', () => {
    expect(parseDeepLink('acm://workspace/3/alert/a%3A1/')).toEqual({ workspaceId: 3, target: { alert: 'a:1' } });
  });

  it('refuse anything else, saying what the link should be', () => {
    const refused = [
      'acm://workspace/0/agents',
      'acm://workspace/-1/agents',
      'acm://workspace/abc/agents',
      'acm://evil.example/workspace/1/agents',
      'acm://workspace/1/agents?run=rm',
      'acm://workspace/1/alert/a1#x',
      'acm://workspace/1/alert/',
      'acm://workspace/1/alert/a%2F..%2Fb',
      'acm://workspace/1/alert/%E0%A4%A',
      'acm://workspace/1/digest/yesterday',
      'acm://workspace/1/settings',
      'https://workspace/1/agents',
      `acm://workspace/1/alert/${'a'.repeat(600)}`,
    ];
    for (const url of refused) expect(() => parseDeepLink(url), url).toThrow(/^the link "/);
    expect(() => parseDeepLink('acm://workspace/1/settings')).toThrow(/is not acm:\/\/workspace\/<id>\/alert\/<id>/);
  });
});
