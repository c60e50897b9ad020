import { AcmError } from '@shared/errors';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * An export that could not be written, as the coded error the renderer shows: it names the file
 * and says why in a person's words, never with the temporary file's path the system reported.
 */
export function exportFailure(file: string, error: unknown): AcmError {
  if (error instanceof AcmError) return new AcmError(error.code, `could not save ${file}: ${error.message}`, { cause: error });
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && DISK_FULL.has(code))
    return new AcmError('UNAVAILABLE', `could not save ${file}: the disk is full. Nothing was written.`, { cause: error });
  if (code !== undefined && REFUSED.has(code))
    return new AcmError('FORBIDDEN', `could not save ${file}: permission denied. Choose another folder; nothing was written.`, { cause: error });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new AcmError('NOT_FOUND', `could not save ${file}: its folder does not exist.`, { cause: error });
  if (code !== undefined)
    return new AcmError('UNAVAILABLE', `could not save ${file}: the system refused to write it (${code}). Nothing was written.`, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new AcmError('UNAVAILABLE', `could not save ${file}: ${reason}`, { cause: error });
}
