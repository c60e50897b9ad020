import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes through `write(tempPath)` into a temporary file beside `file`, then renames it into
 * place: a reader sees the whole export or none, and a failed export leaves nothing behind.
 */
export async function writeAtomically<T>(file: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const result = await write(temp);
    await rename(temp, file);
    return result;
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
