import { join } from 'node:path';
import { diskExportDestination, type SaveLocation } from '@host/export-to-disk';

/** The app's export destination with its save dialog played by a test: each export is saved as offered in `dir`, unless `answer` says otherwise. */
export function savingInto(dir: string, answer?: (fileName: string) => string | undefined) {
  const offered: string[] = [];
  const revealed: string[] = [];
  const location: SaveLocation = {
    choose: async (fileName) => {
      offered.push(fileName);
      return answer ? answer(fileName) : join(dir, fileName);
    },
    reveal: (path) => void revealed.push(path),
  };
  return { destination: diskExportDestination(location), offered, revealed };
}
