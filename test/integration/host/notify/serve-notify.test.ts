import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createServeCommand } from '@cli/commands/serve';
import { realTransports } from '@host/notify/transports';
import { fakeAccountFactory } from '../fake-platform';
import { call, makeRendererDir, openSocket } from '../host-fixture';
import { MemoryVault } from './notify-fixture';
import { startSmtpReceiver, startWebhookReceiver } from './receivers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('acm serve --notify-webhook --smtp', () => {
  it('serves the scripted channels over the workspace-scoped IPC channels, and keeps their secrets out of the file, the logs and the answers', async () => {
    const hook = await startWebhookReceiver();
    const smtp = await startSmtpReceiver();
    const renderer = await makeRendererDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'acm-serve-notify-'));
    cleanups.push(hook.close, smtp.close, renderer.remove, () => rmSync(dataDir, { recursive: true, force: true }));
    const db = join(dataDir, 'acm.db');
    const vault = new MemoryVault();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let printed!: (url: string) => void;
    const urlPrinted = new Promise<string>((resolve) => (printed = resolve));
    const errors: string[] = [];
    const io = {
      isTTY: false,
      out: (line: string) => /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line)?.[1] && printed(/(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line)![1]!),
      err: (line: string) => errors.push(line),
    };
    const command = createServeCommand({
      createAccount: fakeAccountFactory(),
      rendererDir: renderer.dir,
      waitForStop: () => stopped,
      keyring: vault,
      env: {},
      notifyTransports: realTransports({ smtpTls: { rejectUnauthorized: false } }),
    });
    const exit = command.run({ values: { port: '0', db, 'notify-webhook': hook.url, smtp: smtp.url }, positionals: [] }, io);
    const url = new URL(await urlPrinted);
    const { socket } = await openSocket(`ws://127.0.0.1:${url.port}/ipc?token=${url.hash.slice('#token='.length)}`, { Origin: url.origin });
    const ws = socket as WebSocket;
    const answers: string[] = [];
    const ask = async (channel: string, request: unknown) => {
      const reply = await call(ws, { id: channel, channel, request, workspaceId: 1 });
      answers.push(JSON.stringify(reply));
      return reply.result;
    };

    const listed = (await ask('notifications.listChannels', {})).value as { channels: { id: string; scripted: boolean; hasSecret: boolean }[] };
    expect(listed.channels.map((c) => [c.id, c.scripted, c.hasSecret])).toEqual([
      ['cli_email', true, true],
      ['cli_slack', true, true],
    ]);
    expect(await ask('notifications.testChannel', { id: 'cli_slack' })).toEqual({ ok: true, value: { delivered: true } });
    expect(await ask('notifications.testChannel', { id: 'cli_email' })).toEqual({ ok: true, value: { delivered: true } });
    expect(hook.texts[0]).toContain("Test message for the channel 'Slack (--notify-webhook)'");
    expect(smtp.mails[0]!.subject).toContain('test message');

    const uiHook = `${hook.url}FromTheUi`;
    const settings = { kind: 'slack', name: 'Ops', severities: ['critical'] };
    const saved = (await ask('notifications.saveChannel', { settings, secret: uiHook })).value as { id: string; hasSecret: boolean };
    expect(saved.hasSecret).toBe(true);
    expect(vault.entries.get(`notify:slack:${saved.id}`)).toBe(uiHook);
    expect(await ask('notifications.saveChannel', { id: 'cli_slack', settings })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await ask('notifications.saveChannel', { settings: { ...settings, digestHour: 8 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ask('notifications.outbox', {})).toEqual({ ok: true, value: { messages: [] } });

    ws.close();
    stop();
    expect(await exit).toBe(0);
    const files = [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f));
    for (const secret of [hook.url, new URL(hook.url).pathname, uiHook, smtp.password]) {
      for (const bytes of files) expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(errors.join('\n')).not.toContain(secret);
      expect(answers.join('\n')).not.toContain(secret);
    }
  });
});
