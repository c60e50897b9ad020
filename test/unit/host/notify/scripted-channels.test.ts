import { describe, expect, it } from 'vitest';
import { smtpChannel, webhookChannel } from '@host/notify/scripted-channels';

describe('--notify-webhook and --smtp', () => {
  it('reads an SMTP URL into settings, the password kept apart and never printed', () => {
    const channel = smtpChannel('smtp://ops%40agency.test:p%40ss@mail.agency.test:2525?to=a@x.test,b@y.test&from=acm@agency.test&digest=8');
    expect(channel.settings.email).toEqual({
      host: 'mail.agency.test',
      port: 2525,
      secure: false,
      user: 'ops@agency.test',
      from: 'acm@agency.test',
      to: ['a@x.test', 'b@y.test'],
    });
    expect(channel.settings.digestHour).toBe(8);
    expect(channel.secret?.reveal()).toBe('p@ss');
    expect(JSON.stringify(channel)).not.toContain('p@ss');
    expect(smtpChannel('smtps://u:p@mail.test?to=a@x.test&from=b@x.test').settings.email).toMatchObject({ port: 465, secure: true });
  });

  it('refuses a bad URL without repeating the secret it holds', () => {
    const bad = [
      'http://u:hunter2@mail.test?to=a@x.test&from=b@x.test',
      'smtp://u:hunter2@mail.test?from=b@x.test',
      'smtp://u:hunter2@mail.test?to=a@x.test&from=b@x.test&digest=25',
    ];
    for (const url of bad) expect(() => smtpChannel(url)).toThrow(/^--smtp( must| needs|: digest)/);
    for (const url of bad) expect(() => smtpChannel(url)).not.toThrow(/hunter2/);
    expect(() => webhookChannel('http://hooks.slack.test/services/s3cret')).toThrow('--notify-webhook must be an https URL (http only to 127.0.0.1)');
    expect(() => webhookChannel('not a url s3cret')).not.toThrow(/s3cret/);
  });
});
