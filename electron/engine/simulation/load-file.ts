import { readFile } from 'node:fs/promises';
import { parseScenario, type ScenarioParseResult } from '../../../shared/scenario/load';

/** Reads and parses a scenario file; a file that cannot be read is reported like any other mistake. */
export async function loadScenarioFile(path: string): Promise<ScenarioParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, errors: [{ path: '(file)', message: `cannot read: ${reason}` }] };
  }
  return parseScenario(text);
}
