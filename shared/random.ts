/**
 * Randomness comes in through this port. Draws are counter-based: `stream(seed, ...key)` gives
 * the same sequence for the same seed and key whatever else was drawn before, which is what
 * lets every strategy of a simulation see the very same world (common random numbers).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashKey(seed: number, key: readonly (string | number)[]): number {
  let h = mix32((seed | 0) ^ 0x9e3779b9);
  for (const part of key) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i)) + 0x6d2b79f5;
    h = mix32(h ^ 0x2f);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, and good enough for simulation noise. */
export class SeededRandom implements Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

export function stream(seed: number, ...key: (string | number)[]): SeededRandom {
  return new SeededRandom(hashKey(seed, key));
}
