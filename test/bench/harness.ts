/**
 * The benchmark harness. Every figure is a ratio against a reference measured in the same run
 * (so a slower or busier machine moves both sides alike) or a plain count; no absolute time is
 * ever compared with a fixed threshold.
 */

export interface BenchRow {
  /** What was measured, e.g. "ipc round trip (ws) vs bare ws echo". */
  name: string;
  value: number;
  /** `ratio`: subject / reference (lower is faster unless the name says otherwise); `count`: a plain number with its unit. */
  kind: 'ratio' | 'count';
  unit?: string;
  /** What the figure is held against, when there is a target. */
  target?: string;
  /** Whether the figure meets its target; absent when there is none. */
  ok?: boolean;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Runs `fn` `iterations` times after a warm-up and returns the median of `rounds` timings, in ms. */
export async function medianMs(fn: () => unknown | Promise<unknown>, rounds = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Times the subject and its reference interleaved, so drift in machine load hits both alike. */
export async function ratio(subject: () => unknown | Promise<unknown>, reference: () => unknown | Promise<unknown>, rounds = 5): Promise<number> {
  await subject();
  await reference();
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await reference();
    r.push(performance.now() - t);
    t = performance.now();
    await subject();
    s.push(performance.now() - t);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return median(s) / median(r);
}

/** The run's verdict: every figure that missed its target, by benchmark and name, and the exit code that says so (1 when any did). */
export function benchVerdict(rows: readonly { bench: string; row: BenchRow }[]): { missed: string[]; exitCode: 0 | 1 } {
  const missed = rows.filter(({ row }) => row.ok === false).map(({ bench, row }) => `${bench}: ${row.name} (target ${row.target ?? '?'})`);
  return { missed, exitCode: missed.length > 0 ? 1 : 0 };
}

export function formatTable(rows: { bench: string; row: BenchRow }[]): string {
  const lines = rows.map(({ bench, row }) => {
    const value = row.kind === 'ratio' ? `${row.value.toFixed(2)}x` : `${formatCount(row.value)}${row.unit ? ` ${row.unit}` : ''}`;
    const verdict = row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED';
    return [bench, row.name, value, row.target ?? '', verdict];
  });
  const header = ['bench', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

function formatCount(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
