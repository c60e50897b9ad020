/**
 * JSON columns: values are checked before they are written, because JSON.stringify would
 * silently turn NaN into null and drop undefined fields, and the audit trail must hold what
 * the engine really had.
 */

export function toJson(value: unknown, where: string): string {
  assertJsonable(value, where);
  return JSON.stringify(value);
}

export function fromJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${where}: stored JSON is unreadable (${(e as Error).message})`, { cause: e });
  }
}

function assertJsonable(value: unknown, path: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not a finite number`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, i) => assertJsonable(item, `${path}[${i}]`));
        return;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new Error(`${path}: a ${value.constructor?.name ?? 'class instance'} cannot be stored as JSON, only plain objects`);
      }
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) assertJsonable(item, `${path}.${key}`);
      }
      return;
    default:
      throw new Error(`${path}: a ${typeof value} cannot be stored as JSON`);
  }
}
