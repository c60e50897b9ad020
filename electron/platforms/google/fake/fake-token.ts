/**
 * The access token `acm fake-platform google` accepts when its environment has no
 * ACM_GOOGLE_ACCESS_TOKEN: a documented stand-in, so that a demo and the tests connect without a
 * secret. It opens nothing but the fake.
 */
export const FAKE_GOOGLE_TEST_TOKEN = 'acm-fake-google-test-token';

/** The environment variable holding a Google access token the fake accepts beside those its OAuth endpoint issues. */
export const GOOGLE_ACCESS_TOKEN_ENV = 'ACM_GOOGLE_ACCESS_TOKEN';

export function fakeGoogleTokenFrom(env: Record<string, string | undefined>): string {
  const token = env[GOOGLE_ACCESS_TOKEN_ENV];
  return token === undefined || token === '' ? FAKE_GOOGLE_TEST_TOKEN : token;
}
