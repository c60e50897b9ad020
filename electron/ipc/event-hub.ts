import { contract, isEventName, type EventName, type EventPayloadOf } from '@shared/ipc/contract';
import { invalidInput } from './validation-error';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventHub {
  /** Validates the payload against the contract (a bad one is a bug in the caller: it throws) and fans it out. */
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  /** Returns the function that ends the subscription. */
  subscribe(listener: EventListener): () => void;
}

/** Services push events here; transports (Electron IPC, the WebSocket) subscribe and deliver them. */
export function createEventHub(options: { log?: (message: string, error: unknown) => void } = {}): EventHub {
  const listeners = new Set<EventListener>();
  const log = options.log ?? ((message: string, error: unknown) => console.error(message, error));
  return {
    emit(event, payload) {
      if (!isEventName(event)) throw new Error(`Unknown IPC event '${String(event)}'`);
      const parsed = contract.events[event].payload.safeParse(payload);
      if (!parsed.success) throw new Error(invalidInput(parsed.error, `payload of event ${event}`).message);
      for (const listener of [...listeners]) {
        // One broken transport must not keep the event from the others.
        try {
          listener(event, parsed.data);
        } catch (error) {
          log(`listener of IPC event ${event} failed`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
