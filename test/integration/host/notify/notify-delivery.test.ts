import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS, ManualClock } from '@shared/time';
import { messageIdHeader } from '@host/notify/smtp-mail';
import { escalatedDecision, MemoryVault, openWorkspace, T0, tempDatabase, type Workspace } from './notify-fixture';
import { startSmtpReceiver, startWebhookReceiver } from './receivers';

const MINUTE_MS = 60_000;

let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let workspace: Workspace | undefined;

beforeEach(async () => {
  hook = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
});

afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
  await hook.close();
  await smtp.close();
});

const raise = (
  w: Workspace,
  clock: ManualClock,
  alert: Parameters<Workspace['store']['alerts']['raise']>[0] extends infer A ? Omit<A & object, 'createdAt'> : never,
) => w.store.alerts.raise({ ...alert, createdAt: clock.now() } as Parameters<Workspace['store']['alerts']['raise']>[0]);

describe('alerts reach Slack and e-mail', () => {
  it('sends each kind of alert once to each channel, with its workspace, agent, decision and link', async () => {
    const clock = new ManualClock(T0);
    const w = (workspace = openWorkspace(':memory:', clock, { webhook: hook.url, smtp: smtp.url }));
    escalatedDecision(w.store, 'd1', T0);
    raise(w, clock, {
      kind: 'escalation',
      severity: 'warning',
      agentId: 'a1',
      decisionId: 'd1',
      message: 'Efficiency asks for approval on Spring sale: a raise of 20%',
    });
    raise(w, clock, {
      kind: 'blocked',
      severity: 'warning',
      agentId: 'a1',
      message: 'Efficiency was stopped from changing Spring sale: policy.maxDailyChange: over 30%',
    });
    raise(w, clock, {
      kind: 'circuit_break',
      severity: 'critical',
      agentId: 'a1',
      message: 'Efficiency was paused after 3 failed changes in a row; the last: timeout',
    });
    raise(w, clock, { kind: 'goal_at_risk', severity: 'warning', agentId: 'a1', message: 'Efficiency: ROAS 3.2 is below the goal of 4.' });
    raise(w, clock, { kind: 'circuit_break', severity: 'critical', message: 'Meta ad account "Acme" (act_1) needs reconnecting: the token expired.' });
    w.notifier.killSwitchUsed(['a1']);
    await w.notifier.kick();

    const titles = [
      'Waiting for your approval',
      'Action blocked',
      'Circuit breaker: agent paused',
      'Goal at risk',
      'Ad account needs reconnecting',
      'Kill switch used: agents paused',
    ];
    expect(hook.texts).toHaveLength(6);
    expect(smtp.mails).toHaveLength(6);
    for (const title of titles) {
      expect(hook.texts.filter((t) => t.includes(`${title} in workspace Acme`))).toHaveLength(1);
      expect(smtp.mails.filter((m) => m.text.includes(`${title} in workspace Acme`))).toHaveLength(1);
    }
    const escalation = hook.texts.find((t) => t.includes('Waiting for your approval'))!;
    expect(escalation).toContain('agent Efficiency');
    expect(escalation).toContain('Decision: budget $100.00 → $120.00 on campaign c1');
    expect(escalation).toContain('Predicted: revenue over 24 h: $560.00 (80%: $500.00 to $610.00; unchanged $480.00)');
    expect(escalation).toContain('Confidence: 80%');
    expect(escalation).toContain('Open: acm://workspace/2/decision/d1');
    expect(hook.texts.find((t) => t.includes('Kill switch'))).toContain('Paused: Efficiency.');
    expect(smtp.mails.find((m) => m.text.includes('needs reconnecting'))!.subject).toBe('[ACM] CRITICAL Acme: Ad account needs reconnecting');
    expect(smtp.logins.every((l) => l.tls)).toBe(true);

    // Every message carries its outbox id: in Slack's text, and as the e-mail's Message-ID.
    const sent = w.store.outbox.list({ states: ['sent'] });
    expect(sent).toHaveLength(12);
    for (const message of sent.filter((m) => m.channelId === 'cli_slack'))
      expect(hook.texts.filter((t) => t.includes(`Message id: ${message.id}`))).toHaveLength(1);
    const mailIds = smtp.mails.map((m) => m.messageId).sort();
    expect(mailIds).toEqual(
      sent
        .filter((m) => m.channelId === 'cli_email')
        .map((m) => messageIdHeader(m.id))
        .sort(),
    );

    await w.notifier.kick();
    expect(hook.texts).toHaveLength(6);
    expect(smtp.mails).toHaveLength(6);
  });

  it('e-mails the daily digest of yesterday once, at its local hour', async () => {
    const clock = new ManualClock(T0);
    const w = (workspace = openWorkspace(':memory:', clock, { smtp: `${smtp.url}&digest=8` }));
    await w.notifier.kick();
    expect(smtp.mails).toHaveLength(0);
    clock.set(Date.UTC(2026, 0, 6, 12, 59)); // 07:59 in New York
    await w.notifier.kick();
    expect(smtp.mails).toHaveLength(0);
    clock.set(Date.UTC(2026, 0, 6, 13, 0));
    await w.notifier.kick();
    clock.advance(3 * HOUR_MS);
    await w.notifier.kick();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe('[ACM] Acme: Daily review 2026-01-05');
    expect(smtp.mails[0]!.text).toContain('Daily review 2026-01-05 (America/New_York)');
    expect(smtp.mails[0]!.text).toContain('Open: acm://workspace/2/digest/2026-01-05');
  });

  it('sends an escalation still unanswered once more after the set time, and only once', async () => {
    const clock = new ManualClock(T0);
    const w = (workspace = openWorkspace(':memory:', clock, { webhook: hook.url }));
    escalatedDecision(w.store, 'd1', T0);
    raise(w, clock, { kind: 'escalation', severity: 'warning', agentId: 'a1', decisionId: 'd1', message: 'Efficiency asks for approval on Spring sale' });
    await w.notifier.kick();
    clock.advance(59 * MINUTE_MS);
    await w.notifier.kick();
    expect(hook.texts).toHaveLength(1);
    clock.advance(MINUTE_MS);
    await w.notifier.kick();
    clock.advance(5 * HOUR_MS);
    await w.notifier.kick();
    expect(hook.texts).toHaveLength(2);
    expect(hook.texts[1]).toContain('Still waiting for your approval in workspace Acme');
    expect(hook.texts[1]).toContain('Unanswered for 60 minutes.');
  });
});

describe('quiet hours', () => {
  it('hold non-critical alerts until they end, in the workspace zone; critical ones go at once', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 6, 4, 0)); // 23:00 in New York
    const vault = new MemoryVault();
    const w = (workspace = openWorkspace(':memory:', clock, {}, vault));
    const settings = { kind: 'slack' as const, name: 'Night desk', enabled: true, severities: ['warning' as const, 'critical' as const] };
    await w.notifier.control.saveChannel({
      settings: { ...settings, quietHours: { start: '22:00', end: '07:00' }, renotifyAfterMinutes: null, digestHour: null, email: null },
      secret: hook.url,
    });
    raise(w, clock, { kind: 'goal_at_risk', severity: 'warning', agentId: 'a1', message: 'Efficiency: ROAS 3.2 is below the goal of 4.' });
    raise(w, clock, { kind: 'circuit_break', severity: 'critical', agentId: 'a1', message: 'Efficiency was paused after 3 failed changes in a row' });
    await w.notifier.kick();
    expect(hook.texts.map((t) => t.includes('Circuit breaker'))).toEqual([true]);
    clock.set(Date.UTC(2026, 0, 6, 11, 59)); // 06:59
    await w.notifier.kick();
    expect(hook.texts).toHaveLength(1);
    clock.set(Date.UTC(2026, 0, 6, 12, 0)); // 07:00
    await w.notifier.kick();
    expect(hook.texts).toHaveLength(2);
    expect(hook.texts[1]).toContain('Goal at risk');
  });
});

describe('reliable delivery', () => {
  it('gets every message to a receiver that failed three times, exactly once, and shows the failures meanwhile', async () => {
    const clock = new ManualClock(T0);
    const w = (workspace = openWorkspace(':memory:', clock, { webhook: hook.url }));
    hook.failNext(3);
    raise(w, clock, { kind: 'goal_at_risk', severity: 'warning', agentId: 'a1', message: 'first' });
    raise(w, clock, { kind: 'goal_at_risk', severity: 'warning', agentId: 'a1', message: 'second' });
    await w.notifier.kick();
    const [channel] = (await w.notifier.control.listChannels()).channels;
    expect(channel).toMatchObject({ name: 'Slack (--notify-webhook)', failuresInARow: 2, lastError: 'HTTP 500: no_service', hasSecret: true, scripted: true });
    await w.notifier.kick(); // the backoff holds them
    expect(w.store.outbox.list().map((m) => m.attempts)).toEqual([1, 1]);
    clock.advance(30_000);
    await w.notifier.kick();
    clock.advance(60_000);
    await w.notifier.kick();
    clock.advance(HOUR_MS);
    await w.notifier.kick();
    expect(hook.texts.filter((t) => t.includes('\nfirst\n'))).toHaveLength(1);
    expect(hook.texts.filter((t) => t.includes('\nsecond\n'))).toHaveLength(1);
    expect(hook.texts).toHaveLength(2);
    expect(w.notifier.control.outbox({ limit: 10 }).messages.map((m) => m.state)).toEqual(['sent', 'sent']);
    expect((await w.notifier.control.listChannels()).channels[0]).toMatchObject({ failuresInARow: 0, lastError: null });
  });

  it('sends after a restart an alert written just before a crash, with its text and id', async () => {
    const path = tempDatabase();
    const clock = new ManualClock(T0);
    const first = openWorkspace(path, clock, { webhook: hook.url, smtp: smtp.url });
    await first.notifier.close(); // the crash: nothing sends from here on
    escalatedDecision(first.store, 'd1', T0);
    const alert = first.store.alerts.raise({
      createdAt: T0,
      kind: 'escalation',
      severity: 'warning',
      agentId: 'a1',
      decisionId: 'd1',
      message: 'Efficiency asks for approval',
    });
    expect(first.store.outbox.list({ states: ['pending'] }).map((m) => m.alertId)).toEqual([alert.id, alert.id]);
    first.store.close();
    expect(hook.texts).toHaveLength(0);

    const w = (workspace = openWorkspace(path, clock, { webhook: hook.url, smtp: smtp.url }));
    await w.notifier.kick();
    expect(hook.texts).toHaveLength(1);
    expect(hook.texts[0]).toContain('Decision: budget $100.00 → $120.00 on campaign c1');
    expect(smtp.mails).toHaveLength(1);
  });

  it('keeps webhook URLs and SMTP passwords out of the database file, the logs and the answers', async () => {
    const path = tempDatabase();
    const clock = new ManualClock(T0);
    const vault = new MemoryVault();
    const w = (workspace = openWorkspace(path, clock, { webhook: hook.url, smtp: smtp.url }, vault));
    const uiHook = `${hook.url}Ui`;
    const saved = await w.notifier.control.saveChannel({
      settings: {
        kind: 'slack',
        name: 'Ops',
        enabled: true,
        severities: ['warning', 'critical'],
        quietHours: null,
        renotifyAfterMinutes: null,
        digestHour: null,
        email: null,
      },
      secret: uiHook,
    });
    expect(vault.entries.get(`notify:slack:${saved.id}`)).toBe(uiHook);
    hook.failNext(1, 404);
    raise(w, clock, { kind: 'goal_at_risk', severity: 'warning', agentId: 'a1', message: 'Efficiency: ROAS 3.2 is below the goal of 4.' });
    await w.notifier.kick();
    const answers = JSON.stringify([await w.notifier.control.listChannels(), w.notifier.control.outbox({ limit: 100 })]);
    await w.close();
    workspace = undefined;

    const secrets = [hook.url, new URL(hook.url).pathname, uiHook, smtp.password];
    const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const bytes of files) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(w.logs.join('\n')).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
    expect(w.logs.join('\n')).toContain('HTTP 404');
  });
});
