import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { waitForSignal } from '../wait-for-signal';
import { loadScenarioFile } from '@lab/load-file';
import { AcmError } from '@shared/errors';
import type { FetchLike } from '@platforms/meta/graph-client';
import type { Keyring } from '@host/credentials/keyring';
import type { AccountFactory, AccountRequest } from '@host/default-account';
import { HOST_PLATFORMS, type HostPlatform } from '@host/host-accounts';
import { DEFAULT_PORT, startHost } from '@host/start-host';
import { openHostLog, urlPassword } from '@host/logging/host-log';
import { logCallback } from '@host/logging/logger';
import { META_TOKEN_ENV } from '@host/credentials/meta-token';
import { parseAccountId, parseApiBase, parseConversionAction } from './meta-flags';
import { GOOGLE_FLAGS, parseAccessLevel, parseCustomerId } from './google-flags';
import { GOOGLE_REFRESH_TOKEN_ENV } from '@host/credentials/google-refresh-token';
import { GOOGLE_CLIENT_SECRET_ENV, GOOGLE_DEVELOPER_TOKEN_ENV } from '@host/google-client-credentials';
import type { GoogleConnectOptions } from '@host/google-account';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import type { Transports } from '@host/notify/outbox-sender';
import { smtpChannel, webhookChannel, type ScriptedChannel } from '@host/notify/scripted-channels';

export interface ServeDeps {
  createAccount?: AccountFactory;
  /** Where ACM_META_TOKEN and the ACM_GOOGLE_* credentials are read (the process's environment by default). */
  env?: Record<string, string | undefined>;
  /** The operating system's keyring by default. */
  keyring?: Keyring;
  /** Node's fetch by default. */
  fetch?: FetchLike;
  /** Every account's clock, for tests that share one with a fake platform. */
  startClock?: AccountRequest['startClock'];
  rendererDir?: string;
  /** Resolves when the host should shut down: on Ctrl+C or SIGTERM by default. */
  waitForStop?: () => Promise<void>;
  /** How notifications leave (Node's fetch and nodemailer by default); tests trust a local SMTP server's certificate here. */
  notifyTransports?: Transports;
}

/** `--notify-webhook` and `--smtp`: channels for this run; a bad one is a mistake in the call, named without repeating the secret it holds. */
function parseScriptedChannels(values: Record<string, string | undefined>): ScriptedChannel[] {
  const channels: ScriptedChannel[] = [];
  try {
    if (values['notify-webhook'] !== undefined) channels.push(webhookChannel(values['notify-webhook']));
    if (values.smtp !== undefined) channels.push(smtpChannel(values.smtp));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return channels;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}

function parseSpeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const speed = Number(text);
  if (text.trim() === '' || !Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed must be a positive number, got '${text}'`);
  return speed;
}

function parsePlatform(text: string | undefined): HostPlatform | undefined {
  if (text === undefined) return undefined;
  if (!(HOST_PLATFORMS as readonly string[]).includes(text)) throw new UsageError(`--platform must be ${HOST_PLATFORMS.join(' or ')}, got '${text}'`);
  return text as HostPlatform;
}

/** Flags that only make sense together, refused before anything starts. */
function checkCombination(values: Record<string, string | undefined>, platform: HostPlatform | undefined): void {
  if (platform === 'meta' && values.scenario !== undefined) throw new UsageError('--scenario is for the sandbox; a Meta account plays no scenario');
  if (platform === 'sandbox' && values.account !== undefined) throw new UsageError('--account is for --platform meta');
  if (platform === 'sandbox' && values['conversion-action'] !== undefined) throw new UsageError('--conversion-action is for --platform meta');
  if (platform === 'google' && values.scenario !== undefined) throw new UsageError('--scenario is for the sandbox; a Google Ads account plays no scenario');
  if (platform === 'google' && values.account !== undefined)
    throw new UsageError('--account is for --platform meta; a Google Ads customer is named with --customer-id');
  if (platform === 'google' && values['conversion-action'] !== undefined) {
    throw new UsageError('--conversion-action is for --platform meta; a Google Ads customer counts its own primary conversion actions');
  }
  const googleFlag = GOOGLE_FLAGS.find((flag) => values[flag] !== undefined);
  if (googleFlag !== undefined && platform !== 'google') throw new UsageError(`--${googleFlag} is for --platform google`);
  const real = platform === 'meta' ? 'Meta ad account' : platform === 'google' ? 'Google Ads account' : undefined;
  if (real && values['api-base'] === undefined && values.speed !== undefined && Number(values.speed) !== 1) {
    throw new UsageError(`--speed: a real ${real} runs in real time; --speed is for a fake given with --api-base`);
  }
}

/** `--platform google`'s flags, checked before anything starts. */
function parseGoogleFlags(values: Record<string, string | undefined>, apiBase: string | undefined): Partial<GoogleConnectOptions> {
  const oauthBase = values['oauth-base'] === undefined ? undefined : parseApiBase(values['oauth-base'], 'oauth-base');
  return {
    apiBase,
    customerId: values['customer-id'] === undefined ? undefined : parseCustomerId('customer-id', values['customer-id']),
    loginCustomerId: values['login-customer-id'] === undefined ? undefined : parseCustomerId('login-customer-id', values['login-customer-id']),
    oauthEndpoints: oauthBase === undefined ? undefined : fakeGoogleOAuthEndpoints(oauthBase),
    accessLevel: values['access-level'] === undefined ? undefined : parseAccessLevel(values['access-level']),
  };
}

async function parseScenario(text: string | undefined): Promise<string | undefined> {
  if (text === undefined) return undefined;
  const path = resolve(text);
  try {
    await access(path);
  } catch {
    throw new UsageError(`--scenario: no such file '${text}'`);
  }
  return path;
}

export function createServeCommand(deps: ServeDeps = {}): Command {
  return {
    name: 'serve',
    summary: 'Run the app headless: the UI over HTTP and its API over a WebSocket, on 127.0.0.1 only',
    usage: [
      'acm serve [--port 5317] [--db FILE] [--scenario FILE] [--speed N] [--api-base URL] [--notify-webhook URL] [--smtp URL] [--log FILE]',
      'acm serve --platform meta [--account act_ID] [--conversion-action TYPE] [--api-base URL] [--db FILE]',
      'acm serve --platform google --customer-id ID [--login-customer-id ID] [--access-level explorer|basic] [--api-base URL] [--oauth-base URL] [--db FILE]',
      '',
      `--platform meta serves a Meta ad account with the token in ACM_META_TOKEN, or else in the`,
      'keyring (acm credentials set meta). A database connected to an account reconnects to it.',
      '--conversion-action names the action type counted as a conversion when a database is first',
      'connected (purchase by default; e.g. lead, complete_registration, offsite_conversion.fb_pixel_purchase).',
      '--api-base names where Meta is reached (a fake from acm fake-platform meta, for a demo), for',
      '--platform meta and for "Connect Meta account" in the UI, whose tokens go to the keyring.',
      '',
      '--platform google serves a Google Ads customer with the refresh token in ACM_GOOGLE_REFRESH_TOKEN,',
      'or else in the keyring (acm credentials connect google), the OAuth client of your Google Cloud',
      'project in ACM_GOOGLE_CLIENT_ID and ACM_GOOGLE_CLIENT_SECRET, and the developer token in',
      'ACM_GOOGLE_DEVELOPER_TOKEN. --login-customer-id names the manager account acted through;',
      "--access-level the developer token's level (explorer: 2,880 operations a day, the default; basic:",
      '15,000). With --platform google, --api-base names where the Google Ads API is reached and',
      '--oauth-base where its OAuth endpoints are (both a fake from acm fake-platform google, for a demo).',
      '',
      '--notify-webhook URL posts warnings and critical alerts to a Slack incoming webhook, and',
      '--smtp smtp://user:password@host:587?to=a@x.com&from=acm@x.com e-mails them (STARTTLS',
      'required; smtps:// for TLS from the start; &digest=8 adds the daily digest at 08:00 local),',
      'for this run: neither is written to the database, the keyring or the logs.',
      '',
      '--log FILE appends the log (JSON lines: time, level, message, fields) to FILE instead of',
      'standard error; tokens, webhook URLs and passwords are hidden in it.',
    ].join('\n'),
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      platform: { type: 'string' },
      'api-base': { type: 'string' },
      account: { type: 'string' },
      'conversion-action': { type: 'string' },
      'customer-id': { type: 'string' },
      'login-customer-id': { type: 'string' },
      'oauth-base': { type: 'string' },
      'access-level': { type: 'string' },
      'notify-webhook': { type: 'string' },
      smtp: { type: 'string' },
      log: { type: 'string' },
    },
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const values = args.values as Record<string, string | undefined>;
      const port = parsePort(values.port);
      const speed = parseSpeed(values.speed);
      const platform = parsePlatform(values.platform);
      checkCombination(values, platform);
      const apiBase = values['api-base'] === undefined ? undefined : parseApiBase(values['api-base']);
      const accountId = values.account === undefined ? undefined : parseAccountId(values.account);
      const conversionAction = values['conversion-action'] === undefined ? undefined : parseConversionAction(values['conversion-action']);
      // With --platform google, --api-base is where Google Ads is reached; "Connect Meta account" then reaches Meta's own.
      const google = platform === 'google' ? parseGoogleFlags(values, apiBase) : {};
      const metaBase = platform === 'google' ? undefined : apiBase;
      const scripted = parseScriptedChannels(values);
      const scenarioPath = await parseScenario(values.scenario);
      const databasePath = values.db === undefined ? undefined : resolve(values.db);
      // A bad scenario is a mistake in the call, like a bad flag: named problem by problem, exit code 2.
      const loaded = scenarioPath === undefined ? undefined : await loadScenarioFile(scenarioPath);
      if (loaded && !loaded.ok) {
        for (const e of loaded.errors) io.err(`acm serve: ${values.scenario}: ${e.path}: ${e.message}`);
        return 2;
      }
      const env = deps.env ?? process.env;
      const hostLog = openHostLog({
        file: values.log === undefined ? undefined : resolve(values.log),
        secrets: [
          env[META_TOKEN_ENV],
          env[GOOGLE_REFRESH_TOKEN_ENV],
          env[GOOGLE_CLIENT_SECRET_ENV],
          env[GOOGLE_DEVELOPER_TOKEN_ENV],
          values['notify-webhook'],
          values.smtp,
          urlPassword(values.smtp),
        ],
        stderr: (line) => io.err(line.trimEnd()),
      });
      try {
        return await serve();
      } finally {
        hostLog.close();
      }

      async function serve(): Promise<number> {
        let host;
        try {
          host = await startHost({
            port,
            speed,
            scenarioPath,
            databasePath,
            platform,
            meta: {
              apiBase: metaBase,
              accountId,
              conversionAction,
              ...(deps.env && { env: deps.env }),
              ...(deps.keyring && { keyring: deps.keyring }),
              fetch: deps.fetch,
            },
            google: {
              ...google,
              ...(deps.env && { env: deps.env }),
              ...(deps.keyring && { keyring: deps.keyring }),
              ...(deps.fetch && { fetch: deps.fetch }),
            },
            createAccount: deps.createAccount,
            startClock: deps.startClock,
            rendererDir: deps.rendererDir,
            notify: { scripted, ...(deps.notifyTransports && { transports: deps.notifyTransports }) },
            log: logCallback(hostLog.logger),
          });
        } catch (error) {
          io.err(`acm serve: ${(error as Error).message}`);
          // A choice the call must make (which ad account, which speed) is a mistake in the call, like a bad flag.
          return error instanceof AcmError && error.code === 'INVALID_INPUT' ? 2 : 1;
        }
        // The alert channels are logged as given: the log's redactor, not this line, keeps their secrets out.
        hostLog.logger.info('host started', {
          port: host.port,
          database: databasePath ?? 'in memory',
          platform: platform ?? 'sandbox',
          alerts: { webhook: values['notify-webhook'] ?? 'none', smtp: values.smtp ?? 'none' },
        });
        io.out(`ACM is running at ${host.url}`);
        io.out("Open that address in a browser (it carries this session's key). Press Ctrl+C to stop.");
        await (deps.waitForStop ?? waitForSignal)();
        await host.close();
        hostLog.logger.info('host stopped');
        return 0;
      }
    },
  };
}

export const serveCommand = createServeCommand();
