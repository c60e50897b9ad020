import { resolve } from 'node:path';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { waitForSignal } from '../wait-for-signal';
import { loadScenarioFile } from '@lab/load-file';
import { defaultScenarioPath } from '@platforms/sandbox/account';
import { FAKE_META_TEST_TOKEN, FAKE_PAST_DAYS, FakeMetaServer, META_TOKEN_ENV, fakeTokenFrom, fakeWorld } from '@platforms/meta/fake/index';
import { GRAPH_VERSION } from '@platforms/meta/graph-version';
import {
  FAKE_GOOGLE_PAST_DAYS,
  FAKE_GOOGLE_TEST_TOKEN,
  FakeGoogleAdsServer,
  GOOGLE_ACCESS_TOKEN_ENV,
  fakeGoogleTokenFrom,
  fakeGoogleWorld,
} from '@platforms/google/fake/index';
import { GOOGLE_ADS_VERSION } from '@platforms/google/api-version';
import type { Scenario } from '@shared/scenario/schema';
import { AcceleratedClock } from '@shared/time';

export interface FakePlatformDeps {
  env?: Record<string, string | undefined>;
  /** Resolves when the fake should stop: on Ctrl+C or SIGTERM by default. */
  waitForStop?: () => Promise<void>;
}

function parseNumber(flag: string, text: string | undefined, fallback: number, valid: (n: number) => boolean, rule: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !valid(n)) throw new UsageError(`--${flag} must be ${rule}, got '${text}'`);
  return n;
}

export function createFakePlatformCommand(deps: FakePlatformDeps = {}): Command {
  return {
    name: 'fake-platform',
    summary: "Serve a local stand-in for an ad platform's API (meta: the Graph API; google: the Google Ads API) from a sandbox world, on 127.0.0.1",
    usage: [
      'acm fake-platform meta [--port 0] [--scenario FILE] [--speed 1] [--past-days 28] [--read-only]',
      'acm fake-platform google [--port 0] [--scenario FILE] [--speed 1] [--past-days 28] [--customer-id 1234567890] [--manager-id ID] [--shared-budget]',
      '',
      `The fake accepts the token in ${META_TOKEN_ENV}, or "${FAKE_META_TEST_TOKEN}" when that is unset;`,
      'any other token gets code 190. It plays the days before now first, then runs in the',
      "account's time zone at --speed times real time.",
      '--read-only: the token has ads_read only (the ANALYZE task on the account); every write gets',
      'code 200, as Meta answers a token without ads_management.',
      '',
      `google: the fake accepts the access tokens its OAuth endpoint (/token) issues, and the token in`,
      `${GOOGLE_ACCESS_TOKEN_ENV}, or "${FAKE_GOOGLE_TEST_TOKEN}" when that is unset; any other gets 401.`,
      '--manager-id: a manager account above the customer; requests then need login-customer-id.',
      '--shared-budget: the first two campaigns share one explicitly shared budget.',
    ].join('\n'),
    options: {
      port: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      'past-days': { type: 'string' },
      'read-only': { type: 'boolean' },
      'customer-id': { type: 'string' },
      'manager-id': { type: 'string' },
      'shared-budget': { type: 'boolean' },
    },
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const values = args.values as Record<string, string | undefined>;
      const readOnly = args.values['read-only'] === true;
      const platform = args.positionals[0];
      if (args.positionals.length !== 1 || (platform !== 'meta' && platform !== 'google')) {
        throw new UsageError(
          `expects the platform to stand in for: 'meta' or 'google' (got ${args.positionals.length === 0 ? 'none' : `'${args.positionals.join(' ')}'`})`,
        );
      }
      const googleOnly = ['customer-id', 'manager-id', 'shared-budget'].filter((flag) => args.values[flag] !== undefined);
      if (platform === 'meta' && googleOnly.length > 0) throw new UsageError(`--${googleOnly[0]} is for google only`);
      if (platform === 'google' && readOnly) throw new UsageError('--read-only is for meta only');
      for (const flag of ['customer-id', 'manager-id']) {
        if (values[flag] !== undefined && !/^\d{10}$/.test(values[flag]))
          throw new UsageError(`--${flag} must be ten digits without dashes, got '${values[flag]}'`);
      }
      const port = parseNumber('port', values.port, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer from 0 to 65535');
      const speed = parseNumber('speed', values.speed, 1, (n) => n > 0, 'a positive number');
      const pastDays = parseNumber(
        'past-days',
        values['past-days'],
        platform === 'google' ? FAKE_GOOGLE_PAST_DAYS : FAKE_PAST_DAYS,
        (n) => Number.isInteger(n) && n >= 0 && n <= 365,
        'an integer from 0 to 365',
      );
      const file = values.scenario === undefined ? defaultScenarioPath() : resolve(values.scenario);
      const loaded = await loadScenarioFile(file);
      if (!loaded.ok) {
        for (const e of loaded.errors) io.err(`acm fake-platform: ${values.scenario ?? file}: ${e.path}: ${e.message}`);
        return 2;
      }
      const clock = new AcceleratedClock(Date.now(), speed);
      if (platform === 'google') {
        const options = {
          clock,
          port,
          pastDays,
          customerId: values['customer-id'],
          managerId: values['manager-id'],
          sharedBudget: args.values['shared-budget'] === true,
        };
        return runGoogle(loaded.scenario, options, deps, io);
      }
      let fake: FakeMetaServer;
      try {
        fake = await FakeMetaServer.start({
          world: fakeWorld(loaded.scenario, clock, pastDays),
          clock,
          token: fakeTokenFrom(deps.env ?? process.env),
          port,
          readOnly,
        });
      } catch (error) {
        io.err(`acm fake-platform: ${(error as Error).message}`);
        return 1;
      }
      const account = fake.account;
      io.out(`Fake Meta Graph API (${GRAPH_VERSION}) at ${fake.url}`);
      io.out(
        `Ad account ${account.id} (${account.currency}, ${account.zone.id}): ${account.campaigns.length} campaigns of "${loaded.scenario.name}", ${pastDays} days of past`,
      );
      if (readOnly) io.out('The token may only read (ads_read): every write is refused with code 200.');
      io.out('Press Ctrl+C to stop.');
      await (deps.waitForStop ?? waitForSignal)();
      await fake.close();
      return 0;
    },
  };
}

interface GoogleRun {
  clock: AcceleratedClock;
  port: number;
  pastDays: number;
  customerId?: string;
  managerId?: string;
  sharedBudget: boolean;
}

async function runGoogle(scenario: Scenario, run: GoogleRun, deps: FakePlatformDeps, io: CommandIO): Promise<number> {
  if (run.sharedBudget && scenario.campaigns.length < 2) {
    io.err('acm fake-platform: --shared-budget needs a scenario with two campaigns or more');
    return 2;
  }
  let fake: FakeGoogleAdsServer;
  try {
    fake = await FakeGoogleAdsServer.start({
      world: fakeGoogleWorld(scenario, run.clock, run.pastDays),
      clock: run.clock,
      token: fakeGoogleTokenFrom(deps.env ?? process.env),
      port: run.port,
      customerId: run.customerId,
      manager: run.managerId === undefined ? undefined : { id: run.managerId },
      sharedBudget: run.sharedBudget ? [0, 1] : undefined,
    });
  } catch (error) {
    io.err(`acm fake-platform: ${(error as Error).message}`);
    return 1;
  }
  const customer = fake.customer;
  io.out(`Fake Google Ads API (${GOOGLE_ADS_VERSION}) at ${fake.url}`);
  io.out(
    `Customer ${customer.customerId} (${customer.currency}, ${customer.zone.id}): ${customer.campaigns.length} campaigns of "${scenario.name}", ${run.pastDays} days of past`,
  );
  if (customer.manager) io.out(`Manager account ${customer.manager.id}: send login-customer-id: ${customer.manager.id}`);
  io.out('Press Ctrl+C to stop.');
  await (deps.waitForStop ?? waitForSignal)();
  await fake.close();
  return 0;
}

export const fakePlatformCommand = createFakePlatformCommand();
