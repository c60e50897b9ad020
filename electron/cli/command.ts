import type { ParseArgsConfig } from 'node:util';

/** One `acm` sub-command. `run` returns the exit code; it never calls process.exit itself. */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines printed by `acm NAME --help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes positional arguments (such as a file). */
  positionals?: boolean;
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal: progress bars and colours only then. */
  isTTY: boolean;
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
