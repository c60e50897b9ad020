import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServeCommand } from '@cli/commands/serve';
import type { CommandIO } from '@cli/command';
import { fakeAccountFactory } from '../host/fake-platform';
import { makeRendererDir } from '../host/host-fixture';

const META_TOKEN = 'acm-fake-meta-test-token';
const WEBHOOK = 'http://127.0.0.1:9/services/T0TEST/B0TEST/slack-test-secret-path';
const SMTP_PASSWORD = 'smtp-test-password-7f3a';

describe('acm serve --log', () => {
  it('appends JSON lines of the run to the file, with none of the run’s secrets in them', async () => {
    const renderer = await makeRendererDir();
    const dir = mkdtempSync(join(tmpdir(), 'acm-serve-log-'));
    const logFile = join(dir, 'acm.log');
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let printed!: () => void;
    const started = new Promise<void>((resolve) => (printed = resolve));
    const errors: string[] = [];
    const io: CommandIO = { isTTY: false, out: (line) => line.includes('#token=') && printed(), err: (line) => errors.push(line) };
    const command = createServeCommand({
      createAccount: fakeAccountFactory(),
      rendererDir: renderer.dir,
      waitForStop: () => stopped,
      env: { ACM_META_TOKEN: META_TOKEN },
    });
    const smtp = `smtp://ops:${SMTP_PASSWORD}@127.0.0.1:9?to=ops@agency.test&from=acm@agency.test`;
    const exit = command.run({ values: { port: '0', speed: '10', log: logFile, 'notify-webhook': WEBHOOK, smtp }, positionals: [] }, io);
    try {
      await started;
      stop();
      expect(await exit).toBe(0);
      const text = readFileSync(logFile, 'utf8');
      const entries = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { level: string; message: string; time: string });
      expect(entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(['host started', 'host stopped']));
      expect(entries.every((entry) => !Number.isNaN(Date.parse(entry.time)))).toBe(true);
      for (const secret of [META_TOKEN, WEBHOOK, 'slack-test-secret-path', SMTP_PASSWORD]) expect(text).not.toContain(secret);
      // The run's alert channels are in the log, hidden rather than left out.
      const startEntry = entries.find((entry) => entry.message === 'host started') as unknown as { fields: { alerts: unknown } };
      expect(startEntry.fields.alerts).toEqual({ webhook: '[redacted]', smtp: '[redacted]' });
      // Written to the file, not to standard error.
      expect(errors).toEqual([]);
      if (process.platform !== 'win32') expect(statSync(logFile).mode & 0o777).toBe(0o600);
    } finally {
      stop();
      await exit.catch(() => undefined);
      await renderer.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
