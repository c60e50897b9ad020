import type { Scenario } from '@shared/scenario/schema';
import type { AcceleratedClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { AcmError } from '@shared/errors';
import { defaultScenarioPath, openSandboxAccount, parseWorldState, snapshotState, type SandboxAccount, type SandboxStateSink } from '../platforms/sandbox';
import type { AccountRecord, Store } from '../store';
import type { AccountRequest } from './default-account';
import { otherScenario, resumeInstant } from './sandbox-resume';
import { readScenarioFile, scenarioFromText } from './scenario-source';

export const SANDBOX_PLATFORM = 'sandbox';

/** What opening a workspace's sandbox needs: the account request, with somewhere to report a world that could not be saved. */
export type SandboxRequest = AccountRequest & { log(message: string, error?: unknown): void };

export interface OpenedSandbox {
  scenario: Scenario;
  zone: AccountZone;
  clock: AcceleratedClock;
  sandbox: SandboxAccount;
}

/**
 * The workspace's sandbox account, kept in its database: continued where it stopped when the
 * database has one, else a new one (with the scenario's agents, paused, when a scenario file
 * was given for a new database).
 */
export async function openStoredSandbox(request: SandboxRequest): Promise<OpenedSandbox> {
  const account = request.store.accounts.list().find((a) => a.platform === SANDBOX_PLATFORM);
  return account ? resumeSandbox(request, account) : startSandbox(request);
}

function sinkFor(store: Store, accountId: () => number): SandboxStateSink {
  return { save: (update) => store.sandboxState.save(accountId(), update) };
}

const saveErrors = (request: SandboxRequest) => (error: unknown) =>
  request.log('the sandbox world could not be saved this hour; it is saved with the next change or hour', error);

async function startSandbox(request: SandboxRequest): Promise<OpenedSandbox> {
  const { store } = request;
  const source = await readScenarioFile(request.scenarioPath ?? defaultScenarioPath(request.resourcesDir));
  const scenario: Scenario = { ...source.scenario, ...request.overrides };
  const zone = AccountZone.of(scenario.timezone);
  const now = (request.now ?? Date.now)();
  // A database from before worlds were saved: its record goes on in a new world after it, never under it.
  const earlier = store.sandboxState.latestRecord();
  const startMs = earlier ? zone.nextMidnight(earlier.at) : request.scenarioPath ? zone.dayOfDate(scenario.start).startMs : zone.startOfDay(now);
  const clock = request.startClock(startMs);
  let accountId = 0;
  const sandbox = openSandboxAccount({ scenario, clock, startMs, sink: sinkFor(store, () => accountId), onSaveError: saveErrors(request) });
  store.immediate(() => {
    const { platform } = sandbox;
    accountId = store.accounts.connect({
      platform: SANDBOX_PLATFORM,
      externalId: platform.id,
      name: scenario.name,
      currency: scenario.currency,
      timezone: scenario.timezone,
      createdAt: now,
    }).id;
    store.sandboxState.begin(accountId, source.text, { state: JSON.stringify(snapshotState(platform, startMs, false)), savedAt: startMs, hours: [] });
    if (earlier) {
      store.sandboxState.recordRestart(accountId, {
        stop: 'unknown',
        note: `the database was written by a version that did not save the sandbox world; a new world starts at ${zone.isoLocal(startMs)}, after its latest record (${earlier.what}, ${zone.isoLocal(earlier.at)})`,
        resumedAt: startMs,
        agents: agentStatuses(store),
      });
    } else if (request.scenarioPath) {
      // Loaded paused: a person reads them and activates them.
      for (const agent of scenario.agents) {
        store.agents.create({ name: agent.name, definition: { ...agent, status: 'paused' }, goals: agent.goals, status: 'paused' }, startMs);
      }
    }
  });
  return { scenario, zone, clock, sandbox };
}

async function resumeSandbox(request: SandboxRequest, account: AccountRecord): Promise<OpenedSandbox> {
  const { store } = request;
  const file = store.path;
  const saved = store.sandboxState.get(account.id);
  if (!saved) throw new AcmError('INTEGRITY', `${file}: the sandbox account "${account.name}" has no saved world to continue`);
  const source = scenarioFromText(saved.scenario, `${file} (the scenario it plays)`);
  if (request.scenarioPath) {
    const given = await readScenarioFile(request.scenarioPath);
    if (given.fingerprint !== source.fingerprint) {
      throw otherScenario(
        file,
        { name: source.scenario.name, fingerprint: source.fingerprint },
        { path: request.scenarioPath, name: given.scenario.name, fingerprint: given.fingerprint },
      );
    }
  }
  const scenario: Scenario = { ...source.scenario, timezone: account.timezone, currency: account.currency };
  const zone = AccountZone.of(account.timezone);
  const state = parseWorldState(saved.state, file);
  const resumedAt = resumeInstant(file, state.clockMs, store.sandboxState.latestRecord(), zone);
  const clock = request.startClock(resumedAt);
  const sandbox = openSandboxAccount({
    scenario,
    clock,
    saved: { state, hours: store.sandboxState.hours(account.id), where: file },
    sink: sinkFor(store, () => account.id),
    onSaveError: saveErrors(request),
  });
  request.log(
    `${file}: the sandbox account "${account.name}" continues at ${zone.isoLocal(resumedAt)}` +
      (state.closed ? '' : ` (the last run did not stop cleanly; its world was saved at ${zone.isoLocal(state.clockMs)})`),
  );
  store.sandboxState.recordRestart(account.id, {
    stop: state.closed ? 'clean' : 'unclean',
    savedAt: state.clockMs,
    resumedAt,
    hour: state.hour,
    agents: agentStatuses(store),
  });
  return { scenario, zone, clock, sandbox };
}

function agentStatuses(store: Store): { id: string; name: string; status: string }[] {
  return store.agents.list().map((a) => ({ id: a.id, name: a.name, status: a.status }));
}
