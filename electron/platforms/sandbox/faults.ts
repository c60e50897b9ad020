import type { ChangeKind } from '@shared/domain/campaign';
import { PlatformError } from '@shared/platform/adapter';
import { uniform } from './draws';

/**
 * Failures on demand, for tests of the executor and the agents: a platform that times out,
 * throttles, or refuses a change. `timeout` applies the change and then fails, as a real
 * request whose answer was lost does; a retry with the same idempotency key must not apply it
 * again.
 */
export type FaultKind = 'transient' | 'rate_limit' | 'reject' | 'timeout';
export type Operation = 'listCampaigns' | 'getCampaign' | 'getMetrics' | 'applyChange';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching calls fail (default 1; Infinity for every one). */
  count?: number;
  /** Probability that a matching call fails, drawn deterministically (default 1). */
  rate?: number;
  match?: { operation?: Operation; campaignId?: string; changeKind?: ChangeKind };
}

export interface CallInfo {
  operation: Operation;
  campaignId?: string;
  changeKind?: ChangeKind;
}

interface ActiveFault extends Required<Omit<FaultSpec, 'match'>> {
  match: FaultSpec['match'];
}

export const RATE_LIMIT_RETRY_MS = 60_000;

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private calls = 0;

  constructor(private readonly key: number) {}

  inject(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    const rate = spec.rate ?? 1;
    if (!(count > 0)) throw new RangeError(`fault count must be > 0, got ${count}`);
    if (!(rate > 0 && rate <= 1)) throw new RangeError(`fault rate must be in (0, 1], got ${rate}`);
    if (spec.kind === 'reject' || spec.kind === 'timeout') {
      if (spec.match?.operation && spec.match.operation !== 'applyChange') throw new RangeError(`a '${spec.kind}' fault only applies to applyChange`);
    }
    this.faults.push({ kind: spec.kind, count, rate, match: spec.match });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault this call meets, if any (consuming one of its count). */
  take(call: CallInfo): FaultKind | undefined {
    const n = this.calls++;
    const index = this.faults.findIndex((f) => matches(f, call));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.rate < 1 && uniform(this.key, n) >= fault.rate) return undefined;
    fault.count--;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return fault.kind;
  }
}

function matches(fault: ActiveFault, call: CallInfo): boolean {
  if ((fault.kind === 'reject' || fault.kind === 'timeout') && call.operation !== 'applyChange') return false;
  const m = fault.match;
  if (!m) return true;
  return (
    (m.operation === undefined || m.operation === call.operation) &&
    (m.campaignId === undefined || m.campaignId === call.campaignId) &&
    (m.changeKind === undefined || m.changeKind === call.changeKind)
  );
}

export function errorFor(kind: Exclude<FaultKind, 'timeout'>, call: CallInfo): PlatformError {
  const what = call.campaignId ? `${call.operation} on ${call.campaignId}` : call.operation;
  if (kind === 'rate_limit') return new PlatformError('RATE_LIMITED', `rate limited: ${what} (injected)`, RATE_LIMIT_RETRY_MS);
  if (kind === 'reject') return new PlatformError('POLICY_REJECTED', `change rejected by platform policy: ${what} (injected)`);
  return new PlatformError('TRANSIENT', `temporary platform error: ${what} (injected)`);
}
