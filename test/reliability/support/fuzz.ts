import type { Random } from '@shared/random';

/**
 * A seeded generator of hostile input: random JSON of every shape, wrong types, huge strings,
 * deep nesting, and mutations of valid values (a key removed, retyped, renamed, or added).
 * Same seed, same sequence, so a failure names a case that can be replayed.
 */
export class Fuzz {
  constructor(private readonly random: Random) {}

  int(n: number): number {
    return Math.floor(this.random.next() * n);
  }

  chance(p: number): boolean {
    return this.random.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  string(max = 24): string {
    const alphabets = ['abcdefghijklmnopqrstuvwxyz', '<>"\'&;{}[]\\/`$', '\u0000\u0007\u200b\u202e\ud800\udfff\uffff', 'émojis 🎯📈 ✓', '0123456789.-+eE'];
    const length = this.int(max + 1);
    let out = '';
    for (let i = 0; i < length; i++) {
      const alphabet = this.pick(alphabets);
      out += alphabet[this.int(alphabet.length)];
    }
    return out;
  }

  number(): number {
    return this.pick([0, -1, 1, 0.5, -0.0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, this.random.next() * 1e6 - 5e5, 1e-320]);
  }

  /** A huge value: a long string, a long array, or a very deep nest. */
  huge(): unknown {
    switch (this.int(3)) {
      case 0:
        return 'x'.repeat(10_000 + this.int(200_000));
      case 1:
        return Array.from({ length: 5_000 + this.int(20_000) }, (_, i) => i);
      default:
        return this.nested(500 + this.int(3_000));
    }
  }

  nested(depth: number): unknown {
    let value: unknown = this.scalar();
    for (let i = 0; i < depth; i++) value = this.chance(0.5) ? [value] : { a: value };
    return value;
  }

  scalar(): unknown {
    return this.pick([() => null, () => true, () => false, () => this.number(), () => this.string(), () => ''])();
  }

  /** Any JSON value, up to `depth` levels. */
  json(depth = 3): unknown {
    if (depth <= 0 || this.chance(0.4)) return this.scalar();
    if (this.chance(0.5)) return Array.from({ length: this.int(5) }, () => this.json(depth - 1));
    const out: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--)
      out[this.chance(0.3) ? this.pick(['id', 'name', 'definition', 'limit', 'cursor', 'text', '__proto__', 'constructor']) : this.string(8)] = this.json(
        depth - 1,
      );
    return out;
  }

  /** A copy of `value` with one thing wrong somewhere inside it; `path` says where. */
  mutate(value: unknown): { value: unknown; path: (string | number)[] } {
    const copy = structuredClone(value);
    const path: (string | number)[] = [];
    let parent: Record<string | number, unknown> | undefined;
    let key: string | number | undefined;
    let node: unknown = copy;
    // Walk down a random way, stopping at a random depth.
    while (node !== null && typeof node === 'object' && this.chance(0.7)) {
      const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (keys.length === 0) break;
      parent = node as Record<string | number, unknown>;
      key = this.pick(keys);
      path.push(key);
      node = parent[key];
    }
    const replacement = this.pick([() => this.scalar(), () => this.json(2), () => this.huge(), () => undefined, () => this.string(3)])();
    if (!parent || key === undefined)
      return {
        value: node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...node, [this.string(6) || 'extra']: this.scalar() } : replacement,
        path,
      };
    if (replacement === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (!Array.isArray(parent) && this.chance(0.2)) {
      const renamed = `${String(key)}${this.pick(['s', '_', 'X', ' '])}`;
      parent[renamed] = parent[key];
      delete parent[key];
      path[path.length - 1] = renamed;
    } else {
      parent[key] = replacement;
    }
    return { value: copy, path };
  }

  /** Text a JSON parser must refuse or survive: cut short, bytes flipped, garbage spliced in. */
  mangleText(text: string): string {
    const at = this.int(text.length + 1);
    switch (this.int(4)) {
      case 0:
        return text.slice(0, at);
      case 1:
        return `${text.slice(0, at)}${this.pick(['}', ']', ',', '"', '\\', '\u0000', 'NaN', '//', '\ud800'])}${text.slice(at)}`;
      case 2:
        return `${text.slice(0, at)}${text.slice(at + 1 + this.int(20))}`;
      default:
        return this.pick(['', ' ', 'null', '[]', '"acm-scenario/1"', '\ufeff{}', '{"format":"acm-scenario/1"}', text.repeat(2)]);
    }
  }
}
