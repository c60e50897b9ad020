import { describe, expect, it } from 'vitest';
import type { Keyring } from '@host/credentials/keyring';
import { findGoogleRefreshToken, googleKeyringEntry } from '@host/credentials/google-refresh-token';

const TOKEN = 'made-up-refresh-token-0a1b2c';

function keyringWith(entries: Record<string, string>): Keyring & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (entry) => {
      reads.push(entry);
      return entries[entry];
    },
    write: async () => undefined,
    remove: async () => false,
  };
}

describe('the Google refresh token of the headless host', () => {
  it('comes from ACM_GOOGLE_REFRESH_TOKEN first, without asking the keyring', async () => {
    const keyring = keyringWith({ google: 'made-up-refresh-from-the-keyring' });
    const found = await findGoogleRefreshToken({ env: { ACM_GOOGLE_REFRESH_TOKEN: ` ${TOKEN}\n` }, keyring }, '1234567890');
    expect(found.refreshToken.reveal()).toBe(TOKEN);
    expect(found.from).toBe('ACM_GOOGLE_REFRESH_TOKEN');
    expect(keyring.reads).toEqual([]);
  });

  it("then from the customer's own keyring entry, then the one for every customer", async () => {
    const own = keyringWith({ 'google:1234567890': TOKEN, google: 'made-up-refresh-for-everyone' });
    expect((await findGoogleRefreshToken({ env: {}, keyring: own }, '1234567890')).refreshToken.reveal()).toBe(TOKEN);
    const shared = keyringWith({ google: TOKEN });
    const found = await findGoogleRefreshToken({ env: {}, keyring: shared }, '1234567890');
    expect(found.refreshToken.reveal()).toBe(TOKEN);
    expect(found.from).toBe('the keyring entry "google"');
    expect(shared.reads).toEqual(['google:1234567890', 'google']);
  });

  it('says where it looked when there is none, and why a token is unfit without showing it', async () => {
    await expect(findGoogleRefreshToken({ env: {}, keyring: keyringWith({}) }, '1234567890')).rejects.toThrow(
      /ACM_GOOGLE_REFRESH_TOKEN is not set and the keyring has no entry "google:1234567890" nor "google"/,
    );
    const unfit = findGoogleRefreshToken({ env: { ACM_GOOGLE_REFRESH_TOKEN: 'made-up two words' }, keyring: keyringWith({}) });
    await expect(unfit).rejects.toThrow(/from ACM_GOOGLE_REFRESH_TOKEN holds spaces/);
    await expect(unfit).rejects.not.toThrow(/two words/);
  });

  it('files entries by ten-digit customer id', () => {
    expect(googleKeyringEntry()).toBe('google');
    expect(googleKeyringEntry('1234567890')).toBe('google:1234567890');
    expect(() => googleKeyringEntry('123-456-7890')).toThrow(/ten digits/);
  });
});
