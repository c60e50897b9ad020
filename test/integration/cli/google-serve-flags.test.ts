import { describe, expect, it } from 'vitest';
import type { Keyring } from '@host/credentials/keyring';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { MemoryKeyring, serveMeta, unreachableKeyring } from '../host/meta-serve-fixture';
import { CUSTOMER_ID, DEVELOPER_TOKEN, googleArgs, googleEnv, googleTestBed } from '../host/google-serve-fixture';

const bed = googleTestBed();

async function refused(args: Record<string, string>, env: Record<string, string | undefined>, keyring: Keyring = new MemoryKeyring()) {
  const served = await serveMeta({ world: bed, args, env, keyring });
  if ('url' in served) {
    bed.running.push(served);
    throw new Error('acm serve started');
  }
  return served;
}

describe('acm serve --platform google: its flags and credentials', () => {
  it('names each missing credential and where to put it, never repeating a secret it has', async () => {
    const { ACM_GOOGLE_CLIENT_SECRET, ...withoutSecret } = googleEnv(bed);
    const noSecret = await refused(googleArgs(bed), withoutSecret);
    expect(noSecret.code).toBe(1);
    expect(noSecret.lines.join('\n')).toMatch(/no Google OAuth client: set ACM_GOOGLE_CLIENT_SECRET to the client id and secret of your own OAuth client/);

    const noToken = await refused(googleArgs(bed), {
      ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
      ACM_GOOGLE_CLIENT_SECRET,
      ACM_GOOGLE_DEVELOPER_TOKEN: DEVELOPER_TOKEN,
    });
    expect(noToken.lines.join('\n')).toContain(
      `no Google refresh token: ACM_GOOGLE_REFRESH_TOKEN is not set and the keyring has no entry "google:${CUSTOMER_ID}" nor "google"`,
    );
    const noKeyring = await refused(googleArgs(bed), { ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID, ACM_GOOGLE_CLIENT_SECRET }, unreachableKeyring);
    expect(noKeyring.lines.join('\n')).toContain('no Google refresh token: ACM_GOOGLE_REFRESH_TOKEN is not set and');

    for (const lines of [noSecret.lines, noToken.lines, noKeyring.lines]) {
      const text = lines.join('\n');
      for (const secret of [bed.refreshToken, FAKE_GOOGLE_CLIENT_SECRET, DEVELOPER_TOKEN]) expect(text).not.toContain(secret);
    }
  }, 60_000);

  it("takes the refresh token from the customer's keyring entry, else the shared one, when ACM_GOOGLE_REFRESH_TOKEN is unset, and never says it", async () => {
    const keyring = new MemoryKeyring();
    keyring.entries.set('google', bed.refreshToken);
    const { ACM_GOOGLE_REFRESH_TOKEN, ...env } = googleEnv(bed);
    const served = await serveMeta({ world: bed, args: googleArgs(bed), env, keyring });
    if (!('url' in served)) throw new Error(served.lines.join('\n'));
    bed.running.push(served);
    expect(keyring.reads).toEqual([`google:${CUSTOMER_ID}`, 'google']);
    const said = served.lines.join('\n');
    expect(said).toContain('with the refresh token from the keyring entry "google"');
    for (const secret of [ACM_GOOGLE_REFRESH_TOKEN, FAKE_GOOGLE_CLIENT_SECRET, DEVELOPER_TOKEN]) expect(said).not.toContain(secret);
  }, 60_000);

  it('refuses a bad customer id, an unknown access level, and Google flags on another platform, as mistakes in the call', async () => {
    const env = googleEnv(bed);
    await expect(serveMeta({ world: bed, args: googleArgs(bed, { 'customer-id': '12-34' }), env })).rejects.toThrow(
      "--customer-id must be a Google Ads customer id (ten digits, dashes allowed), got '12-34'",
    );
    await expect(serveMeta({ world: bed, args: googleArgs(bed, { 'access-level': 'standard' }), env })).rejects.toThrow(
      '--access-level must be explorer (2880 operations a day) or basic (15000 operations a day)',
    );
    await expect(serveMeta({ world: bed, args: { platform: 'meta', 'customer-id': CUSTOMER_ID }, env })).rejects.toThrow(
      '--customer-id is for --platform google',
    );
    await expect(serveMeta({ world: bed, args: { ...googleArgs(bed), scenario: 'x.json' }, env })).rejects.toThrow('--scenario is for the sandbox');
    const noCustomer = await refused({ platform: 'google', 'api-base': bed.fake.url, 'oauth-base': bed.fake.url, db: bed.tmp.file('a.db') }, env);
    expect(noCustomer.code).toBe(2);
    expect(noCustomer.lines.join('\n')).toContain('--customer-id: name the Google Ads customer to connect');
  }, 60_000);
});
