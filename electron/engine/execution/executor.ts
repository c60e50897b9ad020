import type { CampaignInfo } from '@shared/domain/campaign';
import { AcmError } from '@shared/errors';
import type { Decision, DecisionState } from '@shared/domain/decision';
import { toCampaignChange } from '@shared/domain/decision';
import { PlatformError, type PlatformAdapter } from '@shared/platform/adapter';
import type { DecisionLog } from '../ports/records';
import type { Clock } from '@shared/time';
import type { Random } from '@shared/random';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './backoff';
import { CircuitBreaker } from './circuit-breaker';
import { currentValue, describeValue, sameValue } from './setting-value';

export interface AttemptEvent {
  decision: Decision;
  attempt: number;
  at: number;
  /** `applied`: the platform took the change; `found-applied`: reading back showed it had landed. */
  result: 'applied' | 'found-applied' | 'error';
  error?: string;
}

export interface ExecutionOutcome {
  decisionId: string;
  /**
   * `pending`: the change may have landed but could not be read back; settleInDoubt settles it later.
   * `blocked`: the limits in force when it was about to be sent refused it, or the platform refused the change itself.
   */
  state: Extract<DecisionState, 'executed' | 'failed' | 'cancelled' | 'pending' | 'blocked'>;
  attempts: number;
  error?: string;
}

export interface ExecutorDeps {
  platform: PlatformAdapter;
  decisions: Pick<DecisionLog, 'transition' | 'get' | 'listPending'>;
  /**
   * Whether the decision may still reach the platform (its agent is active; an undo a person
   * asked for may run while the agent is paused). Synchronous on purpose: checked in the same
   * turn as the platform call starts, so nothing can pause in between.
   */
  mayExecute(decision: Decision): boolean;
  /**
   * The guard at the moment of execution: what in the limits in force now refuses the change to
   * `campaign` as the platform has it (empty when nothing does). Synchronous, like mayExecute, so
   * that no limit can change between the check and the call.
   */
  refusals?(decision: Decision, campaign: CampaignInfo): string[];
  /** A change refused at the moment of execution, by the guard or by the platform itself: the runtime raises its alert. */
  onRefused?(decision: Decision, why: string): void;
  clock: Clock;
  /** Waits between retries: real time in the app, simulated time in `acm simulate`. */
  sleep(ms: number): Promise<void>;
  random: Random;
  retry?: RetryPolicy;
  breaker?: CircuitBreaker;
  /** How long one platform call may take before it counts as a timeout (real milliseconds). */
  callTimeoutMs?: number;
  onAttempt?(event: AttemptEvent): void;
  /** The exclusive right to act on a campaign, shared by every host on the database (a lease). */
  lease?: { acquire(campaignId: string): boolean; release(campaignId: string): void };
  /** Another decision that already made this very change (a second host that decided the same), if any. */
  madeBy?(decision: Decision): string | undefined;
  onBreakerTrip?(agentId: string, lastError: string): void;
}

class CallTimeout extends Error {}

/**
 * Step 6 of the loop. Write-ahead: a decision is committed as `pending` with its idempotency
 * key before the platform is called, and settled as `executed` or `failed` after. Changes are
 * absolute values checked against the value the decision saw; after a timeout or a transient
 * error the setting is read back before any retry, so a change that landed is never sent
 * again, and the idempotency key makes even a repeated send harmless. A change sent without an
 * answer that no read-back could confirm is in doubt: never called failed (it may be in effect),
 * it stays pending until a later read settles it. A platform that refuses the change itself
 * (its policy, a value it does not take) blocks it, as the guard would: asking again gets the
 * same no, and the agent did nothing wrong, so it is neither retried nor counted by the breaker.
 */
export class Executor {
  private readonly retry: RetryPolicy;
  readonly breaker: CircuitBreaker;
  /** Pending decisions whose change may have landed: settled by reading back, never sent again. */
  private readonly inDoubt = new Set<string>();

  constructor(private readonly deps: ExecutorDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.breaker = deps.breaker ?? new CircuitBreaker();
  }

  /** Commits the decision as pending (from `proposed`, or from `escalated` once a person approved) and applies it. */
  async execute(decisionId: string, from: 'proposed' | 'escalated' = 'proposed', approvedBy?: string): Promise<ExecutionOutcome> {
    if (!this.deps.decisions.transition(decisionId, from, 'pending', approvedBy ? { approvedBy } : undefined)) {
      const now = this.deps.decisions.get(decisionId)?.state;
      throw new AcmError(now ? 'CONFLICT' : 'NOT_FOUND', `decision ${decisionId} is ${now ?? 'missing'}, not ${from}: nothing was executed`);
    }
    return this.applyPending(decisionId);
  }

  /** After a restart: settles every decision left pending, applying each change at most once. */
  async recover(): Promise<ExecutionOutcome[]> {
    const outcomes: ExecutionOutcome[] = [];
    for (const decision of this.deps.decisions.listPending()) outcomes.push(await this.applyPending(decision.id));
    return outcomes;
  }

  /**
   * Reads back each change left in doubt whose agent may act: executed if it is in effect,
   * cancelled if not (a change that late is out of date). Without an answer it waits for the next call.
   */
  async settleInDoubt(): Promise<ExecutionOutcome[]> {
    const outcomes: ExecutionOutcome[] = [];
    for (const id of [...this.inDoubt]) {
      const decision = this.deps.decisions.get(id);
      if (!decision || decision.state !== 'pending') {
        this.inDoubt.delete(id);
        continue;
      }
      if (!this.deps.mayExecute(decision)) continue;
      let campaign: CampaignInfo;
      try {
        campaign = await this.withTimeout(this.deps.platform.getCampaign(decision.campaignId));
      } catch {
        continue;
      }
      this.inDoubt.delete(id);
      const landed = sameValue(currentValue(campaign, decision.after), decision.after);
      outcomes.push(
        landed
          ? this.settle(decision, this.retry.maxAttempts, 'found-applied')
          : this.cancel(decision, this.retry.maxAttempts, 'the change was not in effect when it could be read back, and is out of date: it is not sent again'),
      );
    }
    return outcomes;
  }

  private async applyPending(decisionId: string): Promise<ExecutionOutcome> {
    let lastError = '';
    // A send that got no answer: until a read-back says otherwise, the change may be in effect.
    let sentUnanswered = false;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      const decision = this.deps.decisions.get(decisionId);
      if (!decision || decision.state !== 'pending') return { decisionId, state: 'cancelled', attempts: attempt - 1 };
      if (!this.deps.mayExecute(decision)) return sentUnanswered ? this.leaveInDoubt(decision, attempt - 1, lastError) : this.cancel(decision, attempt - 1);
      if (this.deps.lease && !this.deps.lease.acquire(decision.campaignId)) {
        lastError = 'another host is acting on this campaign';
        this.deps.onAttempt?.({ decision, attempt, at: this.deps.clock.now(), result: 'error', error: lastError });
        if (attempt < this.retry.maxAttempts) await this.deps.sleep(backoffMs(attempt, this.retry, this.deps.random));
        continue;
      }
      try {
        const campaign = await this.withTimeout(this.deps.platform.getCampaign(decision.campaignId));
        sentUnanswered = false;
        const now = currentValue(campaign, decision.after);
        if (sameValue(now, decision.after)) {
          const other = this.deps.madeBy?.(decision);
          if (other) return this.cancel(decision, attempt, `the same change was already made by decision ${other}`);
          return this.settle(decision, attempt, 'found-applied');
        }
        // The world moved under the decision (a person, another tool): not the agent's failure.
        if (!sameValue(now, decision.before)) {
          return this.cancel(
            decision,
            attempt,
            `the setting changed since the decision was made: it saw ${describeValue(decision.before)}, the platform now has ${describeValue(now)}`,
          );
        }
        // No await between these checks and the call: a pause acknowledged, or a limit lowered, before now stops it.
        if (!this.isStillActive(decision)) return this.cancel(decision, attempt - 1);
        const refused = this.deps.refusals?.(decision, campaign) ?? [];
        if (refused.length > 0) return this.block(decision, attempt - 1, `refused at the moment of execution by the limits in force: ${refused.join('; ')}`);
        sentUnanswered = true;
        await this.withTimeout(this.deps.platform.applyChange(toCampaignChange(decision), decision.idempotencyKey));
        return this.settle(decision, attempt, 'applied');
      } catch (error) {
        lastError = describeError(error);
        this.deps.onAttempt?.({ decision, attempt, at: this.deps.clock.now(), result: 'error', error: lastError });
        if (!isRetryable(error)) {
          if (sentUnanswered && error instanceof PlatformError && error.refusesChange) {
            return this.block(decision, attempt, `refused by the platform: ${error.message}`);
          }
          if (sentUnanswered && !(error instanceof PlatformError)) return this.leaveInDoubt(decision, attempt, lastError);
          return this.fail(decision, attempt, lastError, false);
        }
        const retryAfter = error instanceof PlatformError ? error.retryAfterMs : undefined;
        // A wait of minutes or hours (Meta's hour of budget changes, Google's spent quota day) is not waited out here:
        // a change sent that late rests on a stale decision, and the lease would be held all along.
        if (retryAfter !== undefined && retryAfter > this.retry.capMs) {
          // Refused for now, not failed: the breaker does not count it (and a spent quota day pauses the agents on its own).
          if (sentUnanswered) return this.leaveInDoubt(decision, attempt, lastError, false);
          return this.cancel(
            decision,
            attempt,
            `not sent: ${lastError}; the platform asks to wait ${waitText(retryAfter)}, too long for a decision to stay pending: the agent decides anew after it`,
          );
        }
        if (attempt < this.retry.maxAttempts) await this.deps.sleep(backoffMs(attempt, this.retry, this.deps.random, retryAfter));
      } finally {
        this.deps.lease?.release(decision.campaignId);
      }
    }
    const decision = this.deps.decisions.get(decisionId);
    if (!decision || decision.state !== 'pending') return { decisionId, state: 'cancelled', attempts: this.retry.maxAttempts };
    if (sentUnanswered) return this.leaveInDoubt(decision, this.retry.maxAttempts, lastError);
    return this.fail(decision, this.retry.maxAttempts, `gave up after ${this.retry.maxAttempts} attempts: ${lastError}`, false);
  }

  private leaveInDoubt(decision: Decision, attempt: number, lastError: string, countsAsFailure = true): ExecutionOutcome {
    const error = `the change was sent but no answer or read-back confirmed it (${lastError}): it stays pending until the platform can be read`;
    this.deps.onAttempt?.({ decision, attempt, at: this.deps.clock.now(), result: 'error', error });
    this.inDoubt.add(decision.id);
    if (countsAsFailure && this.breaker.recordFailure(decision.agentId)) this.deps.onBreakerTrip?.(decision.agentId, error);
    return { decisionId: decision.id, state: 'pending', attempts: attempt, error };
  }

  private isStillActive(decision: Decision): boolean {
    return this.deps.mayExecute(decision) && this.deps.decisions.get(decision.id)?.state === 'pending';
  }

  private settle(decision: Decision, attempt: number, result: 'applied' | 'found-applied'): ExecutionOutcome {
    const at = this.deps.clock.now();
    this.deps.decisions.transition(decision.id, 'pending', 'executed', { executedAt: at });
    this.deps.onAttempt?.({ decision, attempt, at, result });
    this.breaker.recordSuccess(decision.agentId);
    return { decisionId: decision.id, state: 'executed', attempts: attempt };
  }

  private fail(decision: Decision, attempt: number, error: string, record = true): ExecutionOutcome {
    if (record) this.deps.onAttempt?.({ decision, attempt, at: this.deps.clock.now(), result: 'error', error });
    this.deps.decisions.transition(decision.id, 'pending', 'failed', { error });
    if (this.breaker.recordFailure(decision.agentId)) this.deps.onBreakerTrip?.(decision.agentId, error);
    return { decisionId: decision.id, state: 'failed', attempts: attempt, error };
  }

  private block(decision: Decision, attempts: number, error: string): ExecutionOutcome {
    this.deps.decisions.transition(decision.id, 'pending', 'blocked', { error });
    this.deps.onRefused?.(decision, error);
    return { decisionId: decision.id, state: 'blocked', attempts, error };
  }

  private cancel(decision: Decision, attempts: number, why = 'the agent was paused before the change was sent'): ExecutionOutcome {
    this.deps.decisions.transition(decision.id, 'pending', 'cancelled', { error: why });
    return { decisionId: decision.id, state: 'cancelled', attempts, error: why };
  }

  private withTimeout<T>(call: Promise<T>): Promise<T> {
    const ms = this.deps.callTimeoutMs;
    if (ms === undefined) return call;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimeout(`no answer from the platform within ${ms} ms`)), ms);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof CallTimeout || (error instanceof PlatformError && error.retryable);
}

function describeError(error: unknown): string {
  if (error instanceof PlatformError) return `${error.platformCode}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** A wait in words: "3 min", "2 h 5 min". */
function waitText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}
