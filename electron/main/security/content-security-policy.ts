import type { RendererLocation } from './renderer-location';

/** Characters of a CSP nonce (base64 / base64url); anything else could break out of the header value. */
const NONCE_PATTERN = /^[A-Za-z0-9+/_=-]{16,}$/;

export interface CspOptions {
  location: RendererLocation;
  /**
   * Development only: the nonce Vite puts on the scripts and styles it injects inline
   * (React Fast Refresh preamble, HMR styles), so the dev server works under the same
   * strict policy instead of a loosened one.
   */
  devNonce?: string;
}

/** The Content-Security-Policy of every response of our renderer. */
export function buildContentSecurityPolicy({ location, devNonce }: CspOptions): string {
  const dev = location.kind === 'dev-server';
  if (devNonce !== undefined && !dev) throw new Error('CSP: a nonce is for the dev server only; production pages use no inline code');
  if (devNonce !== undefined && !NONCE_PATTERN.test(devNonce)) {
    throw new Error(`CSP: dev nonce must be at least 16 base64 characters, got ${JSON.stringify(devNonce)}`);
  }
  const nonce = devNonce === undefined ? [] : [`'nonce-${devNonce}'`];
  const hmrSocket = dev ? [location.origin.replace(/^http/, 'ws')] : [];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...nonce]],
    ['style-src', ["'self'", ...nonce]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...hmrSocket]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export type ResponseHeaders = Record<string, string[] | string>;

/** Response headers with our CSP, replacing any the server sent (in any letter case). */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
