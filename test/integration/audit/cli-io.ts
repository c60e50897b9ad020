import type { CommandIO } from '@cli/command';
import { main } from '@cli/main';

/** Runs `acm ARGS` in process and returns its exit code and what it printed. */
export async function acm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
