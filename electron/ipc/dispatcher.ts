import { contract, type ChannelMap, type Contract, type HandlersOf } from '@shared/ipc/contract';
import type { IpcResult } from '@shared/ipc/define';
import { knownFailure } from './handler-error';
import { invalidInput } from './validation-error';

export interface DispatcherOptions<Ch extends ChannelMap = Contract['channels']> {
  /** The channels served; the app's contract unless a test brings its own. */
  channels?: Ch;
  /**
   * Check every handler's response against its schema as well (requests are always checked: they
   * come from the page). On unless the caller turns it off: the packaged app does (`!app.isPackaged`),
   * since the responses are our own and checking them costs time on every answer (a 500-decision page
   * about 0.3 ms); development, the headless host and the tests keep it, so a handler that drifts
   * from the contract fails there rather than in a user's hands.
   */
  validateResponses?: boolean;
  /** Where a handler's failure is reported; the caller only sees a short message. */
  log?: (message: string, error: unknown) => void;
}

export interface Dispatcher {
  dispatch(channel: string, request: unknown): Promise<IpcResult<unknown>>;
}

const defaultLog = (message: string, error: unknown): void => console.error(message, error);

/** Runs one request through validation and its handler; whatever happens, the answer is an IpcResult. */
export function createDispatcher<Ch extends ChannelMap = Contract['channels']>(handlers: HandlersOf<Ch>, options: DispatcherOptions<Ch> = {}): Dispatcher {
  const channels: ChannelMap = options.channels ?? contract.channels;
  const validateResponses = options.validateResponses ?? true;
  const log = options.log ?? defaultLog;

  async function run(name: string, request: unknown): Promise<IpcResult<unknown>> {
    const def = channels[name];
    const parsed = def.request.safeParse(request);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error, `request to ${name}`) };
    let value: unknown;
    try {
      value = await (handlers[name] as (request: unknown) => unknown)(parsed.data);
    } catch (error) {
      const known = knownFailure(error);
      if (known) return { ok: false, error: known };
      log(`IPC handler for ${name} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: `${name} failed: ${errorMessage(error)}` } };
    }
    if (!validateResponses) return { ok: true, value };
    const checked = def.response.safeParse(value);
    if (!checked.success) {
      const problem = invalidInput(checked.error, `response of ${name}`);
      log(`IPC handler for ${name} returned a response that breaks the contract`, checked.error);
      return { ok: false, error: { code: 'INTERNAL', message: problem.message } };
    }
    return { ok: true, value: checked.data };
  }

  return {
    dispatch(channel, request) {
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown IPC channel '${String(channel)}'` } });
      }
      return run(channel, request);
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
