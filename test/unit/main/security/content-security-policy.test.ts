import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from '../../../../electron/main/security/content-security-policy';
import { appLocation, devServerLocation } from '../../../../electron/main/security/renderer-location';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

const production = directives(buildContentSecurityPolicy({ location: appLocation() }));
const dev = directives(buildContentSecurityPolicy({ location: devServerLocation('http://localhost:5173/'), devNonce: 'abcdefghijklmnopqrstuv==' }));

describe('Content-Security-Policy', () => {
  it('allows scripts only from the app itself in production', () => {
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('default-src')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, base rewriting, framing and form posts', () => {
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated code', () => {
    for (const csp of [production, dev]) {
      for (const sources of csp.values()) {
        expect(sources).not.toContain("'unsafe-inline'");
        expect(sources).not.toContain("'unsafe-eval'");
      }
    }
  });

  it('adds only the dev server HMR socket and the dev nonce in development', () => {
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'", "'nonce-abcdefghijklmnopqrstuv=='"]);
    expect(production.get('connect-src')?.some((source) => source.startsWith('ws'))).toBe(false);
  });

  it('refuses a nonce in production and a nonce that could break out of the header', () => {
    expect(() => buildContentSecurityPolicy({ location: appLocation(), devNonce: 'abcdefghijklmnopqrstuv' })).toThrow(/dev server only/);
    expect(() => buildContentSecurityPolicy({ location: devServerLocation('http://localhost:5173'), devNonce: "abcdefghijklmnop'; script-src *" })).toThrow(
      /dev nonce/,
    );
  });

  it('replaces whatever policy the server sent, whatever its letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['script-src *'], 'Content-Type': 'text/html' }, "default-src 'self'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
