/**
 * The token `acm fake-platform meta` accepts when its environment has no ACM_META_TOKEN: a
 * documented stand-in, so that a demo and the tests connect without a secret. It opens nothing
 * but the fake.
 */
export const FAKE_META_TEST_TOKEN = 'acm-fake-meta-test-token';

/** The environment variable holding the Meta token, read by the fake (and later by the headless host). */
export const META_TOKEN_ENV = 'ACM_META_TOKEN';

export function fakeTokenFrom(env: Record<string, string | undefined>): string {
  const token = env[META_TOKEN_ENV];
  return token === undefined || token === '' ? FAKE_META_TEST_TOKEN : token;
}
