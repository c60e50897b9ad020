import { parseArgs } from 'node:util';
import { AcmError } from '@shared/errors';
import { UsageError, type Command, type CommandIO } from './command';
import { commands } from './commands';

const EXIT_USAGE = 2;

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'acm: Agentic Campaign Manager command line',
    '',
    'Usage: acm <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `acm <command> --help` for the options of one command.',
  ].join('\n');
}

const defaultIO: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};

function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  // Commands may be two words (`audit verify`): prefer the longest match.
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command && words.length >= length) return { command, rest: words.slice(length) };
  }
  return undefined;
}

/**
 * `--days -3` as `--days=-3`: parseArgs takes a value starting with '-' for an option and refuses
 * it as "ambiguous", where a person means a (wrong) number the command then names the bounds of.
 */
function withNegativeValues(args: readonly string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options?.[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

export async function main(argv: string[], io: CommandIO = defaultIO): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first === undefined ? EXIT_USAGE : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`acm: unknown command '${argv.slice(0, 2).join(' ')}' (run 'acm --help' for the list)`);
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: withNegativeValues(rest, command.options),
      options: command.options,
      allowPositionals: Boolean(command.positionals),
      strict: true,
    });
  } catch (error) {
    io.err(`acm ${command.name}: ${(error as Error).message.split('\n')[0]}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(parsed as never, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`acm ${command.name}: ${error.message}`);
      return EXIT_USAGE;
    }
    // A refusal the command could not have known in advance (a log that does not verify, a missing key): said in one line.
    if (error instanceof AcmError) {
      io.err(`acm ${command.name}: ${error.message}`);
      return error.code === 'INVALID_INPUT' ? EXIT_USAGE : 1;
    }
    throw error;
  }
}
