import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, validateAgentDefinition } from '@shared/scenario/load';
import { SeededRandom } from '@shared/random';
import { main } from '@cli/main';
import { reportFigures } from './support/figures';
import { Fuzz } from './support/fuzz';

const SCENARIOS = fileURLToPath(new URL('../../resources/scenarios', import.meta.url));
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));
const MUTANTS_PER_FILE = 300;
const CLI_CALLS = 400;

/** How the loader writes a JSON path: `campaigns[2].dailyBudget`. */
function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function expectIssues(result: ReturnType<typeof parseScenario>, what: string) {
  if (result.ok) return;
  expect(result.errors.length, what).toBeGreaterThan(0);
  for (const issue of result.errors) {
    expect(issue.path.length, what).toBeGreaterThan(0);
    expect(issue.message, what).toMatch(/\S/);
    expect(issue.message.length, `${what}: the message names the value, it does not repeat all of it`).toBeLessThan(2_000);
  }
}

describe('bad input: mutated scenario files and agent imports', () => {
  it('refuses every broken file with problems that name where they are, and never throws', () => {
    const fuzz = new Fuzz(new SeededRandom(5));
    let mutants = 0;
    let refused = 0;
    let named = 0;
    for (const file of files) {
      const text = readFileSync(join(SCENARIOS, file), 'utf8');
      const json = JSON.parse(text) as unknown;
      expect(parseScenario(text).ok, file).toBe(true);
      for (let i = 0; i < MUTANTS_PER_FILE; i++) {
        mutants++;
        if (fuzz.chance(0.3)) {
          const result = parseScenario(fuzz.mangleText(text));
          expectIssues(result, `${file} text mutant ${i}`);
          if (!result.ok) refused++;
          continue;
        }
        const { value, path } = fuzz.mutate(json);
        const result = parseScenario(JSON.stringify(value) ?? '');
        expectIssues(result, `${file} mutant ${i} at ${pathText(path)}`);
        if (result.ok) continue;
        refused++;
        // A key renamed or retyped is reported at that key or inside it, not somewhere vague.
        const where = pathText(path);
        if (where !== '' && result.errors.some((e) => e.path === where || e.path.startsWith(`${where}.`) || e.path.startsWith(`${where}[`))) named++;
      }
    }
    expect(refused).toBeGreaterThan(mutants * 0.5);
    expect(named).toBeGreaterThan(refused * 0.4);
    reportFigures('scenario loader fuzz', { files: files.length, 'mutated files': mutants, refused, 'refusals naming the mutated path': named, exceptions: 0 });
  });

  it('checks every imported agent the same way, whatever was done to it', () => {
    const fuzz = new Fuzz(new SeededRandom(6));
    const agents = files.flatMap((f) => (JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')) as { agents: unknown[] }).agents);
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      const { value } = fuzz.mutate(fuzz.pick(agents));
      const result = validateAgentDefinition(value, ['prosp-broad', 'retarget-7d']);
      if (result.ok) continue;
      refused++;
      for (const issue of result.errors) {
        expect(issue.path.length).toBeGreaterThan(0);
        expect(issue.message).toMatch(/\S/);
        expect(issue.message.length).toBeLessThan(2_000);
      }
    }
    expect(refused).toBeGreaterThan(1_000);
  });
});

describe('bad input: the acm command with wrong flags', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-cli-fuzz-'));
    await writeFile(join(dir, 'not-a-db'), 'hello');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers every wrong call with one line naming the problem and exit code 2, without starting anything', async () => {
    const fuzz = new Fuzz(new SeededRandom(7));
    const scenario = join(SCENARIOS, 'single-agent-roas.json');
    const notDb = join(dir, 'not-a-db');
    const missing = join(dir, 'missing.json');
    const mistakes: (() => string[])[] = [
      () => ['simulate', scenario, `--${fuzz.pick(['day', 'sed', 'jsn', 'x', 'approval'])}`, '1'],
      () => ['simulate', scenario, '--days', fuzz.pick(['0', '-3', 'abc', '1.5', '1e9', '', '731'])],
      () => ['simulate', scenario, '--seed', fuzz.pick(['x', '1.5', '-', ''])],
      () => ['simulate', scenario, '--approvals', fuzz.pick(['some', 'ALL', '', 'none,all'])],
      () => ['simulate', fuzz.pick([missing, dir, notDb])],
      () => ['simulate'],
      () => ['simulate', scenario, scenario],
      () => ['serve', '--port', fuzz.pick(['-1', '65536', 'http', '1.5', ''])],
      () => ['serve', '--speed', fuzz.pick(['0', '-2', 'fast', 'Infinity', ''])],
      () => ['serve', '--scenario', fuzz.pick([missing, dir, notDb])],
      () => ['serve', `--${fuzz.string(6).replace(/[^a-z]/g, '') || 'bogus'}`],
      () => ['audit', 'verify'],
      () => ['audit', 'verify', '--db', fuzz.pick([missing, dir, notDb])],
      () => ['audit', 'export', '--db', notDb, '--format', fuzz.pick(['xml', 'CSV', '']), '--out', join(dir, 'o')],
      () => ['audit', 'export', '--db', notDb, '--format', 'csv', '--out', join(dir, 'nope', 'o.csv')],
      () => ['audit', 'digest', '--db', notDb, '--date', fuzz.pick(['2026-02-30', 'yesterday', '2026/01/01'])],
      () => ['audit', fuzz.pick(['verfy', 'exports', ''])],
      () => [fuzz.pick(['simulat', 'serv', 'Simulate', '--json', fuzz.string(5)])],
    ];
    const kinds = new Map<number, number>();
    for (let i = 0; i < CLI_CALLS; i++) {
      const which = fuzz.int(mistakes.length);
      const argv = mistakes[which]();
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
      const what = `acm ${argv.join(' ')}`;
      expect(code, `${what}: ${err.join('|')}${out.join('|')}`).toBe(2);
      expect(out, what).toEqual([]);
      expect(err.length, what).toBeGreaterThan(0);
      // Each line names what is wrong and where: "acm serve: --port must be …", "FILE: cannot read: no such file".
      for (const line of err.join('\n').trim().split('\n')) expect(line, what).toMatch(/\S: \S/);
      kinds.set(which, (kinds.get(which) ?? 0) + 1);
    }
    expect(kinds.size).toBe(mistakes.length);
    reportFigures('CLI fuzz', { 'wrong calls': CLI_CALLS, 'kinds of mistake': mistakes.length, 'answered with exit code 2': CLI_CALLS });
  });
});

describe('bad input: files that crashed or hung acm', () => {
  let dir: string;
  const files = new Map<string, string>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-bad-files-'));
    const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'single-agent-roas.json'), 'utf8')) as {
      campaigns: { dailyBudget: number; response: { maxConversions: number } }[];
    };
    const variant = async (name: string, change: (s: typeof scenario) => void) => {
      const copy = structuredClone(scenario);
      change(copy);
      await writeFile(join(dir, name), JSON.stringify(copy, null, 2));
    };
    await variant('budget-1e308.json', (s) => (s.campaigns[0].dailyBudget = 1e308));
    await variant('conversions-1e9.json', (s) => (s.campaigns[1].response.maxConversions = 1e9));
    await variant('conversions-1e308.json', (s) => (s.campaigns[1].response.maxConversions = 1e308));
    await writeFile(join(dir, 'unclosed.json'), '['.repeat(1_000_000));
    await writeFile(join(dir, 'huge.json'), '');
    await truncate(join(dir, 'huge.json'), 10 * 1024 * 1024 + 1);
    await writeFile(join(dir, 'bom.json'), `\uFEFF${readFileSync(join(SCENARIOS, 'single-agent-roas.json'), 'utf8')}`);
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    for (const name of readdirSync(dir)) files.set(name, join(dir, name));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const expected: [string, string][] = [
    ['budget-1e308.json', 'campaigns[0].dailyBudget: must be at most 10000000, got 1e+308'],
    ['conversions-1e9.json', 'campaigns[1].response.maxConversions: must be at most 1000000, got 1000000000'],
    ['conversions-1e308.json', 'campaigns[1].response.maxConversions: must be at most 1000000, got 1e+308'],
    ['unclosed.json', 'line 1, column 65: invalid JSON: arrays and objects nested more than 64 deep'],
    ['huge.json', '(file): cannot read: is 10485761 bytes; a scenario file may have at most 10485760 (10 MiB)'],
    ...(process.platform === 'win32' ? [] : ([['fifo.json', '(file): cannot read: is a named pipe (FIFO), not a regular file']] as [string, string][])),
  ];

  it.each(expected)('acm simulate and acm serve --scenario refuse %s in one line, exit code 2, within a second', { timeout: 10_000 }, async (name, problem) => {
    const file = files.get(name)!;
    for (const [argv, line] of [
      [['simulate', file], `${file}: ${problem}`],
      [['serve', '--scenario', file], `acm serve: ${file}: ${problem}`],
    ] as const) {
      const out: string[] = [];
      const err: string[] = [];
      const started = performance.now();
      const code = await main([...argv], { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
      expect(performance.now() - started, `acm ${argv.join(' ')}`).toBeLessThan(1_000);
      expect({ code, out, err }).toEqual({ code: 2, out: [], err: [line] });
    }
  });

  it('plays a file saved with a UTF-8 byte order mark', { timeout: 60_000 }, async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['simulate', files.get('bom.json')!, '--days', '1', '--json'], { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out.join('\n'))).toMatchObject({ format: 'acm-sim-report/1', scenario: 'single-agent-roas', days: 1 });
  });
});
