import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseScenario, type ScenarioParseResult } from '@shared/scenario/load';

/** Far above any scenario: the bundled ones are a few kilobytes, a generated 500-campaign account a few hundred. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** What a file that is not a regular one is, in the words of the message. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  return 'is a device, not a regular file';
}

/**
 * Reads and parses a scenario file; a file that cannot be read is reported like any other mistake.
 * Only a regular file within MAX_SCENARIO_BYTES is read: a FIFO or a device could keep the read
 * waiting for ever. It is opened without blocking (opening a FIFO nobody writes to would wait
 * too) and checked through the handle it is read from, so it cannot be swapped in between.
 */
export async function loadScenarioFile(path: string): Promise<ScenarioParseResult> {
  const cannot = (reason: string): ScenarioParseResult => ({ ok: false, errors: [{ path: '(file)', message: `cannot read: ${reason}` }] });
  let text: string;
  try {
    const file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = await file.stat();
      const problem = notRegular(stats);
      if (problem) return cannot(problem);
      if (stats.size > MAX_SCENARIO_BYTES) return cannot(`is ${stats.size} bytes; a scenario file may have at most ${MAX_SCENARIO_BYTES} (10 MiB)`);
      text = await file.readFile('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return cannot(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message);
  }
  return parseScenario(text);
}
