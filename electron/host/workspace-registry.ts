import { mkdirSync, rmSync } from 'node:fs';
import { AcmError } from '@shared/errors';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import type { GoogleSignIn } from '@shared/ipc/channels/google-connect';
import type { ParsedRequestOf, ResponseOf } from '@shared/ipc/contract';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import type { EventListener, ExportDestination, Services, WorkspaceDirectory } from '../ipc/services';
import type { Store } from '../store';
import { startScheduler, type Scheduler } from '../engine/runtime/scheduler';
import { composeApp, type ComposedApp } from './compose';
import { pauseAgentsOnLoss } from './connection-loss';
import type { ConnectedIn } from './connected-in';
import { pauseAgentsWhileSpent } from './quota-pause';
import type { HostAccount } from './default-account';
import type { MetaConnector } from './meta-connect';
import { dashedCustomerId, type GoogleConnector } from './google-connect';
import type { NotifySetup } from './notify/notifier';
import { exceptionsOf, summarize, type WorkspaceView } from './workspace-summary';
import { workspaceFolder, workspacePath } from './workspace-files';

export interface WorkspaceOpeners {
  /** Opens a workspace's database, creating it when new (':memory:' for a host without files). */
  openStore(path: string): Store;
  /** Opens the ad account of a workspace's database: `overrides` for a new workspace, `scenarioPath` for the home one (workspace 1). */
  openAccount(store: Store, request: AccountOpening): Promise<HostAccount>;
  log(message: string, error?: unknown): void;
  /** Real time, for when a workspace was created and last opened. */
  now?(): number;
  /** Checks Meta tokens and keeps them, for "Connect Meta account"; without one the host connects no Meta account. */
  meta?: MetaConnector;
  /** Keeps the operator's Google OAuth client and signs in with Google, for "Connect Google Ads account"; without one the host connects no Google customer. */
  google?: GoogleConnector;
  /** Where every workspace's Slack and e-mail channels keep their secrets, and this run's scripted channels; without, no notifications. */
  notify?: NotifySetup;
  /** Where every workspace's exports go (the app's save dialog, the headless host's downloads). */
  exportDestination?: ExportDestination;
}

/** A platform account a new workspace connects to, rather than a sandbox of its own. */
export type AccountConnect =
  | { platform: 'meta'; accountId: string; conversionAction: string }
  /** A Google Ads customer, and the manager account it is reached through (its `login-customer-id`). */
  | { platform: 'google'; customerId: string; loginCustomerId?: string };

export interface AccountOpening {
  workspaceId: number;
  scenarioPath?: string;
  overrides?: { timezone: string; currency: string; name: string };
  connect?: AccountConnect;
}

type NewWorkspace = { name: string; currency: string; timezone: string } | { name: string; connect: AccountConnect };

interface OpenWorkspace extends WorkspaceView {
  store: Store;
  account: HostAccount;
  app: ComposedApp;
  /** Stops reacting to the account's connection being lost. */
  unwatch(): void;
}

/**
 * The app's workspaces, one client each: every workspace is its own database with its own
 * account, agents, scheduler and audit chain, so nothing can span two clients. The home
 * database (the one the app or `--db` names) is workspace 1 and keeps the list; the app opens
 * on the workspace opened last.
 */
export class WorkspaceHost implements WorkspaceDirectory {
  private readonly byId = new Map<number, OpenWorkspace>();
  private readonly appEvents: EventHub;
  private readonly listeners = new Set<EventListener>();
  private creating: Promise<unknown> = Promise.resolve();
  /** One scheduler wakes every workspace's agents, each at its own local hours. */
  private readonly scheduler: Scheduler;

  private constructor(
    private readonly home: Store,
    private readonly openers: WorkspaceOpeners,
  ) {
    this.scheduler = startScheduler({ onError: (error) => openers.log('an agent cycle failed', error), log: (message) => openers.log(message) });
    this.appEvents = createEventHub({ log: openers.log });
    this.appEvents.subscribe((event, payload) => this.forward(event, payload));
  }

  /** Opens the home database and every workspace it lists; the home one plays `scenarioPath` when given. */
  static async start(homePath: string, openers: WorkspaceOpeners, options: { scenarioPath?: string } = {}): Promise<WorkspaceHost> {
    const home = openers.openStore(homePath);
    const host = new WorkspaceHost(home, openers);
    try {
      home.workspaces.ensureHome(host.now());
      for (const entry of home.workspaces.list()) {
        const store = entry.file === '' ? home : openers.openStore(workspacePath(home.path, entry.file));
        await host.attach(entry.id, store, { scenarioPath: entry.id === 1 ? options.scenarioPath : undefined });
      }
    } catch (error) {
      await host.close();
      if (!host.byId.has(1)) home.close();
      throw error;
    }
    return host;
  }

  list(): WorkspaceSummary[] {
    return [...this.byId.values()].map(summarize);
  }

  current(): WorkspaceSummary {
    return summarize(this.currentWorkspace());
  }

  private get(id: number): OpenWorkspace {
    const workspace = this.byId.get(id);
    if (!workspace) throw new AcmError('NOT_FOUND', `no workspace ${id}`);
    return workspace;
  }

  services(id?: number): Services {
    return (id === undefined ? this.currentWorkspace() : this.get(id)).services;
  }

  open(id: number): WorkspaceSummary {
    const workspace = this.get(id);
    this.home.workspaces.markOpened(id, this.now());
    this.appEvents.emit('workspace.changed', { workspaceId: id });
    return summarize(workspace);
  }

  rename(id: number, name: string): WorkspaceSummary {
    const workspace = this.get(id);
    this.refuseTakenName(name, id);
    workspace.store.profile.rename(name);
    workspace.name = name;
    this.appEvents.emit('workspace.changed', { workspaceId: id });
    return summarize(workspace);
  }

  /** A new client with a sandbox account in its zone and currency; nothing of it is left behind if any step fails. */
  create(request: { name: string; currency: string; timezone: string }): Promise<WorkspaceSummary> {
    return this.oneAtATime(() => this.createNow(request));
  }

  /** What a Meta token is and reaches, each ad account with the workspace it is already connected in. */
  checkMetaToken(token: string): Promise<MetaTokenCheck> {
    return this.metaConnector().check(token, (accountId) => this.connectedIn('meta', accountId));
  }

  /**
   * Each ad account picked becomes a workspace of its own, named after it, in its currency and
   * zone, its token kept in the vault. Every account is checked before any is connected; one that
   * then fails to open leaves nothing behind and is reported beside those that opened. An account
   * whose workspace needs reconnecting gets this token there instead (see `connectGoogle`).
   */
  connectMeta(request: ParsedRequestOf<'workspaces.connectMeta'>): Promise<ResponseOf<'workspaces.connectMeta'>> {
    return this.oneAtATime(async () => {
      const connector = this.metaConnector();
      const check = await this.checkMetaToken(request.token);
      const picked = request.accountIds.map((id) => {
        const account = check.accounts.find((a) => a.id === id);
        if (!account) throw new AcmError('NOT_FOUND', `the token does not reach the ad account ${id}`, { path: 'accountIds' });
        if (account.workspaceId !== undefined && account.needsReconnecting !== true) {
          throw new AcmError('CONFLICT', `${account.name} (${id}) is already connected in workspace '${this.get(account.workspaceId).name}'`, {
            path: 'accountIds',
          });
        }
        if (account.problem !== undefined) throw new AcmError('INVALID_INPUT', `${account.name} (${id}): ${account.problem}`, { path: 'accountIds' });
        return account;
      });
      const workspaces: WorkspaceSummary[] = [];
      const failed: { accountId: string; message: string }[] = [];
      // The first store refuses a vault that cannot keep the token, or does not protect it unasked, before any workspace exists.
      for (const account of picked) {
        const forget = await connector.store(request.token, account.id, request.storeUnprotected);
        try {
          if (account.workspaceId !== undefined) workspaces.push(await this.reopenAccount(account.workspaceId));
          else {
            const connect: AccountConnect = { platform: 'meta', accountId: account.id, conversionAction: request.conversionAction };
            workspaces.push(await this.createNow({ name: this.freeName(account.name, account.id), connect }));
          }
        } catch (error) {
          await forget().catch((undo: unknown) => this.openers.log(`the token kept for ${account.id} could not be removed`, undo));
          failed.push({ accountId: account.id, message: (error as Error).message });
        }
      }
      return { workspaces, failed };
    });
  }

  googleClient() {
    return this.googleConnector().clientStatus();
  }

  saveGoogleClient(request: ParsedRequestOf<'workspaces.saveGoogleClient'>) {
    return this.googleConnector().saveClient(request);
  }

  startGoogleSignIn() {
    return this.googleConnector().start();
  }

  /** What the finished sign-in reaches, each customer with the workspace it is already connected in. */
  finishGoogleSignIn(signInId: string): Promise<GoogleSignIn> {
    return this.googleConnector().finish(signInId, (customerId) => this.connectedIn('google', customerId));
  }

  cancelGoogleSignIn(signInId: string) {
    return this.googleConnector().cancel(signInId);
  }

  /**
   * Each customer picked becomes a workspace of its own, as `connectMeta` makes them: every pick is
   * checked before any is connected (a manager account, one already connected, one the sign-in does
   * not reach are refused naming it); one that then fails to open leaves nothing behind. A customer
   * whose workspace needs reconnecting signs that workspace in again: the new sign-in is kept and
   * its account opened anew (its agents stay paused for a person to resume).
   */
  connectGoogle(request: ParsedRequestOf<'workspaces.connectGoogle'>): Promise<ResponseOf<'workspaces.connectGoogle'>> {
    return this.oneAtATime(async () => {
      const connector = this.googleConnector();
      const picked = connector.picked(
        request.signInId,
        request.customerIds,
        (customerId) => this.connectedIn('google', customerId),
        (id) => this.get(id).name,
      );
      const workspaces: WorkspaceSummary[] = [];
      const failed: { customerId: string; message: string }[] = [];
      for (const customer of picked) {
        const forget = await connector.store(request.signInId, customer, request.storeUnprotected);
        try {
          if (customer.workspaceId !== undefined) workspaces.push(await this.reopenAccount(customer.workspaceId));
          else {
            const connect: AccountConnect = { platform: 'google', customerId: customer.id, loginCustomerId: customer.loginCustomerId };
            workspaces.push(await this.createNow({ name: this.freeName(customer.name, dashedCustomerId(customer.id)), connect }));
          }
        } catch (error) {
          await forget().catch((undo: unknown) => this.openers.log(`the Google sign-in kept for ${customer.id} could not be removed`, undo));
          failed.push({ customerId: customer.id, message: (error as Error).message });
        }
      }
      // The vault keeps what was connected; the sign-in's token in memory has no more use.
      if (workspaces.length > 0) connector.end(request.signInId);
      return { workspaces, failed };
    });
  }

  exceptions() {
    return exceptionsOf([...this.byId.values()]);
  }

  pauseAll() {
    return this.everywhere((w) => {
      const { agentIds, recorded } = w.services.runtime.pauseAll();
      return { agentIds, recorded };
    });
  }

  resumeAll() {
    return this.everywhere((w) => ({ agentIds: w.services.runtime.resumeAll(), recorded: true }));
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The machine woke from sleep: the agents catch up on what fell due meanwhile now, not at the scheduler's next look. */
  wake(): void {
    this.scheduler.poll();
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    this.openers.google?.close();
    for (const workspace of this.byId.values()) {
      workspace.unwatch();
      try {
        await workspace.app.close();
      } catch (error) {
        this.openers.log(`workspace ${workspace.name} did not stop cleanly`, error);
      }
      // The account first: a sandbox saves its world into the store as it closes.
      await workspace.account.close?.();
      workspace.store.close();
    }
    this.byId.clear();
  }

  private currentWorkspace(): OpenWorkspace {
    const last = this.home.workspaces.lastOpened();
    return (last && this.byId.get(last.id)) ?? this.get(1);
  }

  /**
   * Every workspace is asked even when one fails, because a kill switch that stops at the first
   * client it cannot reach is no kill switch; the failures are reported together afterwards.
   */
  private everywhere(act: (w: OpenWorkspace) => { agentIds: string[]; recorded: boolean }) {
    const done: { workspaceId: number; agentIds: string[]; recorded: boolean }[] = [];
    const failed: string[] = [];
    for (const workspace of this.byId.values()) {
      try {
        done.push({ workspaceId: workspace.id, ...act(workspace) });
      } catch (error) {
        failed.push(`${workspace.name}: ${(error as Error).message}`);
      }
    }
    if (failed.length > 0) throw new AcmError('UNAVAILABLE', `done in ${done.length} workspaces, failed in ${failed.length}: ${failed.join('; ')}`);
    return { workspaces: done };
  }

  private oneAtATime<T>(act: () => Promise<T>): Promise<T> {
    const done = this.creating.then(act);
    this.creating = done.catch(() => undefined);
    return done;
  }

  private metaConnector(): MetaConnector {
    if (!this.openers.meta) throw new AcmError('UNAVAILABLE', 'this host connects no Meta account');
    return this.openers.meta;
  }

  private googleConnector(): GoogleConnector {
    if (!this.openers.google) throw new AcmError('UNAVAILABLE', 'this host connects no Google Ads account');
    return this.openers.google;
  }

  /** The workspace an account of a platform is connected in, and whether the platform refused its credential there. */
  private connectedIn(platform: string, externalId: string): ReturnType<ConnectedIn> {
    const workspaceId = this.workspaceOf(platform, externalId);
    if (workspaceId === undefined) return undefined;
    return { workspaceId, needsReconnecting: this.get(workspaceId).connection?.state().connected === false };
  }

  /**
   * Opens a workspace's account anew with the credential now kept for it (after a new sign-in),
   * its record and agents as they are. Should the account fail to open, the workspace is gone from
   * this host until it starts again, which says why.
   */
  private async reopenAccount(id: number): Promise<WorkspaceSummary> {
    const { store } = await this.closeAccount(id);
    await this.attach(id, store, {});
    this.appEvents.emit('workspace.changed', { workspaceId: id });
    return summarize(this.get(id));
  }

  /** The workspace an account of a platform is connected in. */
  private workspaceOf(platform: string, externalId: string): number | undefined {
    for (const workspace of this.byId.values()) if (workspace.store.accounts.find(platform, externalId)) return workspace.id;
    return undefined;
  }

  /** An account's own name, or with its id when a workspace has that name already. */
  private freeName(name: string, externalId: string): string {
    return this.nameTaken(name) ? `${name} (${externalId})` : name;
  }

  private async createNow(request: NewWorkspace): Promise<WorkspaceSummary> {
    const name = request.name;
    this.refuseTakenName(name);
    const id = Math.max(0, ...this.home.workspaces.list().map((w) => w.id)) + 1;
    const file = `${id}.db`;
    const memory = this.home.path === ':memory:';
    const path = memory ? ':memory:' : workspacePath(this.home.path, file);
    if (!memory) mkdirSync(workspaceFolder(this.home.path), { recursive: true, mode: 0o700 });
    const store = this.openers.openStore(path);
    try {
      if ('connect' in request) await this.attach(id, store, { connect: request.connect }, name);
      else {
        store.profile.create({ name, currency: request.currency, timezone: request.timezone, createdAt: this.now() });
        await this.attach(id, store, { overrides: { timezone: request.timezone, currency: request.currency, name: `${name} sandbox` } });
      }
      this.home.workspaces.add(this.now(), () => file);
    } catch (error) {
      if (this.byId.has(id)) await this.detach(id);
      else store.close();
      if (!memory) for (const suffix of ['', '-wal', '-shm', '.audit-key']) rmSync(`${path}${suffix}`, { force: true });
      throw error;
    }
    this.appEvents.emit('workspace.changed', { workspaceId: id });
    return summarize(this.get(id));
  }

  /** Two clients of one name would be one slip away from acting on the wrong one. */
  private refuseTakenName(name: string, except?: number): void {
    if (this.nameTaken(name, except)) throw new AcmError('CONFLICT', `a workspace named '${name}' already exists`, { path: 'name' });
  }

  /** Names are told apart without regard to case. */
  private nameTaken(name: string, except?: number): boolean {
    return [...this.byId.values()].some((w) => w.id !== except && w.name.toLowerCase() === name.toLowerCase());
  }

  /** Opens a workspace's account and agents; a workspace without a profile yet takes `profileName` (or its account's) and its account's currency and zone. */
  private async attach(id: number, store: Store, request: Omit<AccountOpening, 'workspaceId'>, profileName?: string): Promise<void> {
    let account: HostAccount | undefined;
    try {
      account = await this.openers.openAccount(store, { ...request, workspaceId: id });
      const profile =
        store.profile.get() ??
        store.profile.create({ name: profileName ?? account.name, currency: account.platform.currency, timezone: account.zone.id, createdAt: this.now() });
      const log = (message: string, error?: unknown) => this.openers.log(`[${profile.name}] ${message}`, error);
      const notify = this.openers.notify && { ...this.openers.notify, workspaceId: id };
      const app = await composeApp(store, account, log, { scheduler: this.scheduler, notify, exportDestination: this.openers.exportDestination });
      app.services.events.subscribe((event, payload) => this.forward(event, payload, id));
      const { services } = app;
      const watching = { runtime: app.runtime, store, clock: account.clock, events: services.events, log };
      const unwatchLoss = account.connection ? pauseAgentsOnLoss({ connection: account.connection, ...watching }) : () => undefined;
      const unwatchQuota = account.quota ? pauseAgentsWhileSpent({ spell: account.quota, ...watching }) : () => undefined;
      const unwatch = () => {
        unwatchLoss();
        unwatchQuota();
      };
      const { name, currency, timezone } = profile;
      this.byId.set(id, {
        id,
        name,
        currency,
        timezone,
        services,
        connection: account.connection,
        recommendOnly: account.recommendOnly,
        store,
        account,
        app,
        unwatch,
      });
    } catch (error) {
      await account?.close?.();
      throw error;
    }
  }

  private async detach(id: number): Promise<void> {
    const { store } = await this.closeAccount(id);
    store.close();
  }

  /** Stops a workspace's agents and account and takes it off this host; its record stays open. */
  private async closeAccount(id: number): Promise<OpenWorkspace> {
    const workspace = this.get(id);
    this.byId.delete(id);
    workspace.unwatch();
    await workspace.app.close();
    await workspace.account.close?.();
    return workspace;
  }

  private forward(event: string, payload: unknown, workspaceId?: number): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload, workspaceId);
      } catch (error) {
        this.openers.log(`an event listener failed on ${event}`, error);
      }
    }
  }

  private now(): number {
    return (this.openers.now ?? Date.now)();
  }
}
