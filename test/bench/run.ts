import { parseArgs } from 'node:util';
import { benchVerdict, formatTable, type Benchmark, type BenchRow } from './harness';
import { benchmarks } from './registry';

function usage(): never {
  process.stderr.write(`npm run bench -- [--json] [--only NAME]\nbenchmarks: ${benchmarks.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string', multiple: true } }, strict: true }));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    usage();
  }
  const only = values.only;
  const unknown = only?.filter((name) => !benchmarks.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark ${unknown.map((n) => `'${n}'`).join(', ')}\n`);
    usage();
  }
  const selected: Benchmark[] = only ? benchmarks.filter((b) => only.includes(b.name)) : benchmarks;
  const rows: { bench: string; row: BenchRow }[] = [];
  for (const bench of selected) {
    if (!values.json) process.stderr.write(`running ${bench.name}...\n`);
    for (const row of await bench.run()) rows.push({ bench: bench.name, row });
  }
  if (values.json) {
    const grouped: Record<string, BenchRow[]> = {};
    for (const { bench, row } of rows) (grouped[bench] ??= []).push(row);
    process.stdout.write(`${JSON.stringify({ format: 'acm-bench/1', node: process.version, benchmarks: grouped }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatTable(rows)}\n`);
  }
  const verdict = benchVerdict(rows);
  if (verdict.missed.length > 0) process.stderr.write(`bench: ${verdict.missed.length} figures missed their target:\n  ${verdict.missed.join('\n  ')}\n`);
  process.exitCode = verdict.exitCode;
}

await main();
