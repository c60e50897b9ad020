import { FakeGraphError } from './fake-errors';

/**
 * Failures on demand, for tests: Meta's passing errors, throttles, refusals in Meta's words, and
 * an answer lost after the change was made (the connection drops before the answer is sent).
 */
export type FakeFaultKind = 'transient' | 'server_error' | 'rate_limit' | 'permission' | 'policy' | 'invalid' | 'lost_answer';

export interface FakeFault {
  kind: FakeFaultKind;
  /** How many matching requests fail (default 1; Infinity for all). */
  count?: number;
  match?: {
    method?: 'GET' | 'POST';
    /** The path after the version ("act_1/insights", "120211…"): a substring, or a pattern. */
    path?: string | RegExp;
    /** Only the dry runs (true), or only the real writes (false). */
    validateOnly?: boolean;
  };
  /** Meta's words to the user, for `policy` and `invalid`. */
  message?: string;
  /** For `rate_limit`: the minutes Meta says to wait (default 5). */
  waitMinutes?: number;
}

export interface FakeCall {
  method: string;
  path: string;
  validateOnly: boolean;
}

export class FakeFaults {
  private faults: (FakeFault & { left: number })[] = [];

  inject(fault: FakeFault): void {
    const left = fault.count ?? 1;
    if (!(left > 0)) throw new RangeError(`a fault's count must be above 0, got ${left}`);
    this.faults.push({ ...fault, left });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault a request meets, if any (using one of its count). */
  take(call: FakeCall): FakeFault | undefined {
    const index = this.faults.findIndex((f) => matches(f, call));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.left <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

function matches(fault: FakeFault, call: FakeCall): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.method !== undefined && m.method !== call.method) return false;
  if (m.validateOnly !== undefined && m.validateOnly !== call.validateOnly) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? call.path.includes(m.path) : m.path.test(call.path);
}

/** The error a fault answers with (`lost_answer` has none: the server drops the connection instead). */
export function faultError(fault: FakeFault): FakeGraphError {
  switch (fault.kind) {
    case 'transient':
      return new FakeGraphError(2, 'An unexpected error has occurred. Please retry your request later.', { status: 500 });
    case 'server_error':
      return new FakeGraphError(1, 'An unknown error occurred', { status: 500 });
    case 'rate_limit':
      return new FakeGraphError(80004, 'There have been too many calls to this ad-account. Wait a bit and try again.', {
        regainMinutes: fault.waitMinutes ?? 5,
      });
    case 'permission':
      return new FakeGraphError(200, '(#200) Requires ads_management permission to manage the object');
    case 'policy':
      return new FakeGraphError(368, 'The action attempted has been deemed abusive or is otherwise disallowed', {
        userTitle: 'Blocked for policy',
        userMessage: fault.message ?? 'This change goes against our advertising policies.',
      });
    case 'invalid':
    case 'lost_answer':
      return new FakeGraphError(100, '(#100) Invalid parameter', { userMessage: fault.message ?? 'The value given is not valid here.' });
  }
}
