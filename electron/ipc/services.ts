import type { AgentStatus, StoredAgent } from '@shared/domain/agent';
import type { Alert, AlertState } from '@shared/domain/alert';
import type { AuditDigest } from '@shared/domain/audit';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { AgentConflict } from '@shared/domain/conflict';
import type { Decision, DecisionState, Outcome } from '@shared/domain/decision';
import type { DecisionCursor, DecisionFilter, DecisionPage } from '@shared/domain/decision-log';
import type { GroupDay, Holdout } from '@shared/domain/experiment';
import type { HourlyMetricRow } from '@shared/domain/metrics';
import type { DecisionFilterView, ExportResult } from '@shared/ipc/channels/decisions';
import type { DesktopPreferencesPatch, DesktopSettings } from '@shared/ipc/channels/desktop';
import type { ExperimentView } from '@shared/ipc/channels/experiments';
import type { ParsedRequestOf, ResponseOf } from '@shared/ipc/contract';
import type { WorkspaceException, WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { Clock } from '@shared/time';
import type { AgentRuntime } from '../engine/runtime/agent-runtime';
import type { EventHub } from './event-hub';

/**
 * What the IPC handlers need, and nothing more: the host builds these from the store, the
 * runtime and the account. Each is declared here in the contract's and the domain's terms, so
 * that the handlers never see the store, its SQL or the host.
 */

/** The runtime's word-of-a-person side: what the handlers may ask of the agents. */
export type AgentControl = Pick<
  AgentRuntime,
  | 'addAgent'
  | 'addAgents'
  | 'statusInEffect'
  | 'updateAgent'
  | 'preview'
  | 'approve'
  | 'reject'
  | 'pause'
  | 'resume'
  | 'terminate'
  | 'pauseAll'
  | 'resumeAll'
  | 'undo'
  | 'reviewReport'
>;

/** The reads and the few writes of people (acknowledge, resolve) the handlers make on the record. */
export interface RecordAccess {
  agents: {
    get(id: string): StoredAgent<AgentDefinition> | undefined;
    list(filter?: { status?: AgentStatus }): StoredAgent<AgentDefinition>[];
  };
  decisions: {
    get(id: string): Decision | undefined;
    page(filter?: DecisionFilter, cursor?: DecisionCursor, limit?: number): DecisionPage;
    countByState(filter?: Omit<DecisionFilter, 'states'>): Record<DecisionState, number>;
  };
  alerts: {
    list(filter?: { states?: readonly AlertState[]; limit?: number }): Alert[];
    countOpen(): Omit<ResponseOf<'alerts.count'>, 'awaitingApproval'>;
    forDecision(decisionId: string): Alert[];
    acknowledge(id: string): boolean;
    resolve(id: string): boolean;
  };
  conflicts: { list(filter?: { campaignId?: string; unreviewedOnly?: boolean; limit?: number }): AgentConflict[] };
  metrics: { range(query: { campaignId: string; from: number; to: number }): HourlyMetricRow[] };
  audit: { digestIfAny(): AuditDigest | undefined };
  reports: {
    outcomeOf(decisionId: string): Outcome | null;
    relatedOf(decision: Decision): Decision[];
    countDecisions(filter?: DecisionFilter): number;
    cursorAtOffset(filter: DecisionFilter, offset: number): DecisionCursor | undefined;
    outcomeStats(query: ParsedRequestOf<'decisions.outcomeStats'>): ResponseOf<'decisions.outcomeStats'>;
    /** The review of a local day 'YYYY-MM-DD' in the workspace's zone. */
    dailyDigest(date?: string): ResponseOf<'audit.dailyDigest'>;
  };
}

/** An export ready to be written: its record verified, its digest signed, its file named. */
export interface ExportJob {
  format: 'csv' | 'pdf';
  fileName: string;
  mimeType: string;
  /**
   * Signs the chain, then streams the whole file to `path`, all or nothing (the store's writers);
   * returns how many decisions it holds and the signed digest (absent only for an empty log).
   * Signing waits for this call: an export refused or cancelled before it leaves no checkpoint.
   */
  write(path: string): Promise<{ rows: number; digest?: AuditDigest }>;
}

/** Prepares the filtered decision timeline as a file (the store's CSV and PDF exports); INTEGRITY when the record does not verify. */
export interface DecisionExporter {
  prepare(format: 'csv' | 'pdf', filter: DecisionFilterView): ExportJob;
}

/**
 * Where exports go, one per host: the app asks where to save and writes there; the headless host
 * writes a file its HTTP side hands to the browser once. Either way, only the answer crosses IPC.
 */
export interface ExportDestination {
  deliver(job: ExportJob): Promise<ExportResult>;
  /** Shows a file this destination saved in the system's file manager. */
  reveal(path: string): Promise<void>;
}

/** An experiment as it starts: the rest (id, status, when) the record gives it. */
export type NewExperimentView = Omit<ExperimentView, 'id' | 'status' | 'createdAt' | 'stopped'>;

/**
 * The workspace's holdout experiments as kept. Every read first finishes the running ones whose
 * last day is over, so no caller sees one running past its end.
 */
export interface ExperimentRecords {
  /** Newest first. */
  list(): ExperimentView[];
  get(id: string): ExperimentView | undefined;
  /** CONFLICT naming the running experiment that already has one of its campaigns. */
  create(experiment: NewExperimentView, at: number): ExperimentView;
  /** NOT_FOUND, or CONFLICT when it is not running. */
  stop(id: string, at: number, reason: string): ExperimentView;
  /** The campaigns the running experiments hold out now, each with its experiment's name: what the agents' runtime is told (RuntimeDeps.holdout). */
  holdout(): Holdout;
}

/** Prepares an experiment's daily group totals as a CSV file, named for it and the account's date. */
export interface ExperimentExporter {
  prepare(experiment: ExperimentView, days: readonly GroupDay[]): ExportJob;
}

/** A period of the account's local dates 'YYYY-MM-DD', both inclusive; either end may be left to the default. */
export interface ReportPeriod {
  from?: string;
  to?: string;
}

/**
 * Prepares the workspace's client report for a period (by default the 30 complete local days
 * before today) as a PDF named for the workspace and the period; `rows` of what it writes counts
 * the period's days. INVALID_INPUT for a period it refuses comes before any save dialog.
 */
export interface ClientReporter {
  prepare(period: ReportPeriod): ExportJob;
}

export interface ClockState {
  now: number;
  speed: number;
}

/** Who a person's approvals, rejections and undos are recorded as: the app has one operator per install. */
export const OPERATOR = 'operator';

/** A workspace's Slack and e-mail channels and their outbox, for the settings screen. */
export interface NotificationControl {
  listChannels(): Promise<ResponseOf<'notifications.listChannels'>>;
  saveChannel(request: ParsedRequestOf<'notifications.saveChannel'>): Promise<ResponseOf<'notifications.saveChannel'>>;
  removeChannel(id: string): Promise<ResponseOf<'notifications.removeChannel'>>;
  testChannel(id: string): Promise<ResponseOf<'notifications.testChannel'>>;
  outbox(request: ParsedRequestOf<'notifications.outbox'>): ResponseOf<'notifications.outbox'>;
  retry(id: string): ResponseOf<'notifications.retry'>;
}

export interface Services {
  /** The account's campaigns as the platform has them now. */
  readonly campaigns: { list(): Promise<CampaignInfo[]> };
  readonly clock: Clock;
  readonly records: RecordAccess;
  readonly runtime: AgentControl;
  readonly exporter: DecisionExporter;
  readonly exportDestination: ExportDestination;
  readonly account: { name: string; currency: string; platform: string; timezone: string };
  readonly version: string;
  readonly databasePath: string | null;
  readonly events: EventHub;
  readonly notifications: NotificationControl;
  readonly experiments: ExperimentRecords;
  readonly experimentExporter: ExperimentExporter;
  readonly clientReporter: ClientReporter;
  clockState(): ClockState;
}

/** Who pushed an event: a workspace's id, or none for the app's own events. */
export type EventListener = (event: string, payload: unknown, workspaceId?: number) => void;

/**
 * The app's workspaces as the IPC server sees them: the calls about all of them, and each one's
 * services for every other call. The host keeps the workspaces; the handlers never open one.
 */
export interface WorkspaceDirectory {
  list(): WorkspaceSummary[];
  create(request: ParsedRequestOf<'workspaces.create'>): Promise<WorkspaceSummary>;
  open(id: number): WorkspaceSummary;
  rename(id: number, name: string): WorkspaceSummary;
  current(): WorkspaceSummary;
  exceptions(): WorkspaceException[];
  pauseAll(): ResponseOf<'workspaces.pauseAll'>;
  resumeAll(): ResponseOf<'workspaces.resumeAll'>;
  checkMetaToken(token: string): Promise<ResponseOf<'workspaces.checkMetaToken'>>;
  connectMeta(request: ParsedRequestOf<'workspaces.connectMeta'>): Promise<ResponseOf<'workspaces.connectMeta'>>;
  googleClient(): Promise<ResponseOf<'workspaces.googleClient'>>;
  saveGoogleClient(request: ParsedRequestOf<'workspaces.saveGoogleClient'>): Promise<ResponseOf<'workspaces.saveGoogleClient'>>;
  startGoogleSignIn(): Promise<ResponseOf<'workspaces.startGoogleSignIn'>>;
  finishGoogleSignIn(signInId: string): Promise<ResponseOf<'workspaces.finishGoogleSignIn'>>;
  cancelGoogleSignIn(signInId: string): ResponseOf<'workspaces.cancelGoogleSignIn'>;
  connectGoogle(request: ParsedRequestOf<'workspaces.connectGoogle'>): Promise<ResponseOf<'workspaces.connectGoogle'>>;
  /** One workspace's services (the current one without an id); throws NOT_FOUND for an id the app does not have. */
  services(id?: number): Services;
  onEvent(listener: EventListener): () => void;
}

/**
 * The app's settings of the computer it runs on (staying awake, start at login, updates): the
 * Electron main fills it; the headless host has none, and its calls answer UNAVAILABLE.
 */
export interface DesktopControl {
  settings(): DesktopSettings;
  save(patch: DesktopPreferencesPatch): Promise<DesktopSettings>;
  checkForUpdates(): Promise<DesktopSettings>;
  installUpdate(): { restarting: boolean };
  /** Called when a setting or the updater's state changed; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}
