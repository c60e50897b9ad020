import { inspect } from 'node:util';

const HIDDEN = '[secret]';

/**
 * A credential in memory. However it is printed (a template string, JSON, console.log, an error's
 * details), it reads "[secret]": only `reveal` gives the value, and only the client that sends it
 * to the platform calls it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return `Secret ${HIDDEN}`;
  }
}
