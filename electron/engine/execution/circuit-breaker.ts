/**
 * Repeated failures mean something is wrong that retrying will not fix (revoked access, a
 * platform outage): after `threshold` failed decisions in a row the breaker trips, and the
 * caller pauses the agent and alerts a person. A change the platform refused is blocked, not failed.
 */
export class CircuitBreaker {
  private readonly failures = new Map<string, number>();

  constructor(readonly threshold = 3) {}

  /** Returns true when this failure trips the breaker. */
  recordFailure(agentId: string): boolean {
    const count = (this.failures.get(agentId) ?? 0) + 1;
    this.failures.set(agentId, count);
    return count === this.threshold;
  }

  recordSuccess(agentId: string): void {
    this.failures.delete(agentId);
  }

  /** A person resumed the agent: start counting afresh. */
  reset(agentId: string): void {
    this.failures.delete(agentId);
  }

  consecutiveFailures(agentId: string): number {
    return this.failures.get(agentId) ?? 0;
  }
}
