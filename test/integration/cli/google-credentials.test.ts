import { describe, expect, it } from 'vitest';
import type { CommandIO } from '@cli/command';
import { createCredentialsCommands } from '@cli/commands/credentials';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { MemoryKeyring } from '../host/meta-serve-fixture';
import { browser, fakeOAuthBed } from '../host/google-oauth-fixture';

const REFRESH_TOKEN = 'made-up-credentials-test-refresh-token-9d8c';

function captureIO(onOut: (text: string) => void = () => undefined): CommandIO & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    isTTY: false,
    out: (text) => {
      lines.push(text);
      onOut(text);
    },
    err: (text) => lines.push(text),
  };
}

function commands(keyring: MemoryKeyring, env: Record<string, string> = {}) {
  const [set, remove, connect] = createCredentialsCommands({ keyring, readSecret: async () => `${REFRESH_TOKEN}\n`, env });
  return { set, remove, connect };
}

describe('acm credentials … google', () => {
  it("stores a refresh token read from standard input under the customer's entry or the shared one, removes it, and never prints it", async () => {
    const keyring = new MemoryKeyring();
    const { set, remove } = commands(keyring);
    const io = captureIO();
    expect(await set.run({ values: {}, positionals: ['google'] }, io)).toBe(0);
    expect(await set.run({ values: { 'customer-id': '123-456-7890' }, positionals: ['google'] }, io)).toBe(0);
    expect(Object.fromEntries(keyring.entries)).toEqual({ google: REFRESH_TOKEN, 'google:1234567890': REFRESH_TOKEN });
    expect(await remove.run({ values: { 'customer-id': '1234567890' }, positionals: ['google'] }, io)).toBe(0);
    expect([...keyring.entries.keys()]).toEqual(['google']);
    expect(io.lines).toEqual([
      'Stored the Google refresh token in the keyring entry "google". acm serve --platform google uses it unless ACM_GOOGLE_REFRESH_TOKEN is set.',
      'Stored the Google refresh token in the keyring entry "google:1234567890". acm serve --platform google uses it unless ACM_GOOGLE_REFRESH_TOKEN is set.',
      'Removed the keyring entry "google:1234567890".',
    ]);
  });

  it('refuses a bad customer id and the other platform’s flag, storing nothing', async () => {
    const keyring = new MemoryKeyring();
    const { set } = commands(keyring);
    await expect(set.run({ values: { 'customer-id': '12345' }, positionals: ['google'] }, captureIO())).rejects.toThrow(
      '--customer-id must be a Google Ads customer id',
    );
    await expect(set.run({ values: { account: 'act_1' }, positionals: ['google'] }, captureIO())).rejects.toThrow('--account is for meta');
    await expect(set.run({ values: { 'customer-id': '1234567890' }, positionals: ['meta'] }, captureIO())).rejects.toThrow('--customer-id is for google');
    expect(keyring.entries.size).toBe(0);
  });

  it('connect google: prints the consent address, and keeps the refresh token the sign-in grants in the keyring, unprinted', async () => {
    const oauth = await fakeOAuthBed();
    try {
      const keyring = new MemoryKeyring();
      const { connect } = commands(keyring, { ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID, ACM_GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET });
      const person = browser();
      // The person opens the printed address in a browser, as the command asks.
      const io = captureIO((text) => void (text.startsWith(oauth.origin) && person.openExternal(text)));
      expect(await connect.run({ values: { 'customer-id': '1234567890', 'oauth-base': oauth.origin }, positionals: ['google'] }, io)).toBe(0);
      await person.finished();
      const stored = keyring.entries.get('google:1234567890');
      expect(stored).toMatch(/^1\/\//);
      expect(person.pages.map((p) => p.status)).toEqual([200]);
      expect(io.lines[io.lines.length - 1]).toBe(
        'Stored the Google refresh token in the keyring entry "google:1234567890". acm serve --platform google uses it unless ACM_GOOGLE_REFRESH_TOKEN is set.',
      );
      expect(io.lines.join('\n')).not.toContain(stored!);
      expect(io.lines.join('\n')).not.toContain(FAKE_GOOGLE_CLIENT_SECRET);
    } finally {
      await oauth.close();
    }
  });

  it('connect google without the OAuth client names the variables to set, and starts no sign-in', async () => {
    const keyring = new MemoryKeyring();
    const { connect } = commands(keyring, { ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID });
    const io = captureIO();
    await expect(connect.run({ values: {}, positionals: ['google'] }, io)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^no Google OAuth client: set ACM_GOOGLE_CLIENT_SECRET to .*"Desktop app"/),
    });
    expect(io.lines).toEqual([]);
    expect(keyring.entries.size).toBe(0);
  });
});
