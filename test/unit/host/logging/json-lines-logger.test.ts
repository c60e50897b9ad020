import { describe, expect, it } from 'vitest';
import { jsonLinesLogger } from '../../../../electron/host/logging/json-lines-logger';
import { logCallback } from '../../../../electron/host/logging/logger';
import { createRedactor } from '../../../../electron/host/logging/redact';

const META_TOKEN = `EAA${'0'.repeat(28)}`;
const WEBHOOK = 'https://hooks.slack.com/services/made-up-test-path';

function capture(level?: 'debug' | 'info') {
  const lines: string[] = [];
  const logger = jsonLinesLogger({
    write: (line) => lines.push(line),
    redactor: createRedactor(['acm-fake-meta-test-token']),
    level,
    now: () => new Date('2026-12-03T10:00:00.000Z'),
  });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the headless host log', () => {
  it('writes one JSON object a line with time, level, message and fields', () => {
    const { logger, lines, entries } = capture();
    logger.info('host started', { port: 5317 });
    logger.error('an agent cycle failed');
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(entries()).toEqual([
      { time: '2026-12-03T10:00:00.000Z', level: 'info', message: 'host started', fields: { port: 5317 } },
      { time: '2026-12-03T10:00:00.000Z', level: 'error', message: 'an agent cycle failed' },
    ]);
  });

  it('leaves debug lines out unless asked for', () => {
    const quiet = capture();
    quiet.logger.debug('tick');
    expect(quiet.lines).toEqual([]);
    const loud = capture('debug');
    loud.logger.debug('tick');
    expect(loud.entries()).toMatchObject([{ level: 'debug', message: 'tick' }]);
  });

  it('hides known secrets and secret-looking text in messages, fields and stacks', () => {
    const { logger, lines } = capture();
    logger.warn(`token acm-fake-meta-test-token refused; retry with ${META_TOKEN}`);
    logger.info('posting', { url: WEBHOOK, headers: ['Authorization: Bearer made-up-bearer-123456'] });
    logger.info('graph call', { url: `https://graph.facebook.com/v21.0/me?access_token=abc123secret&fields=id` });
    logCallback(logger)('could not send', new Error('smtp://ops:hunter2pass@mail.example:587 refused'));
    const text = lines.join('');
    for (const secret of ['acm-fake-meta-test-token', META_TOKEN, 'made-up-test-path', 'made-up-bearer-123456', 'abc123secret', 'hunter2pass']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('token [redacted] refused');
    expect(text).toContain('hooks.slack.com/services/[redacted]');
    expect(text).toContain('access_token=[redacted]&fields=id');
    expect(text).toContain('smtp://ops:[redacted]@mail.example');
  });

  it('logs a service error with its stack, and a service’s news as information', () => {
    const { logger, entries } = capture();
    const log = logCallback(logger);
    log('the outbox could not be read', new Error('disk full'));
    log('connected to Meta ad account act_1');
    const [failure, remark] = entries();
    expect(failure).toMatchObject({ level: 'error', message: 'the outbox could not be read', fields: { error: 'disk full' } });
    expect((failure.fields as { stack: string }).stack).toMatch(/Error: disk full\n\s+at /);
    expect(remark).toMatchObject({ level: 'info', message: 'connected to Meta ad account act_1' });
  });
});
