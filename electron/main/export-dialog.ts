import type { BrowserWindow, Dialog, FileFilter, Shell } from 'electron';
import { dirname, join } from 'node:path';
import type { SaveLocation } from '../host/export-to-disk';

const FILTERS: Record<'csv' | 'pdf', FileFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
};

export interface ExportDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  /** The window the dialog belongs to, if one is open. */
  parent: () => BrowserWindow | undefined;
  /** Where the first export of a run is offered: the user's documents folder. */
  documents: string;
}

/** The save dialog of Export CSV / Export PDF: it offers the folder saved to last (this run), else Documents. */
export function createExportDialog(deps: ExportDialogDeps): SaveLocation {
  let lastFolder: string | undefined;
  return {
    async choose(fileName, format) {
      const options = {
        title: `Export ${format.toUpperCase()}`,
        buttonLabel: 'Export',
        defaultPath: join(lastFolder ?? deps.documents, fileName),
        filters: FILTERS[format],
      };
      const parent = deps.parent();
      const { canceled, filePath } = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
      if (canceled || !filePath) return undefined;
      lastFolder = dirname(filePath);
      return filePath;
    },
    reveal: (path) => deps.shell.showItemInFolder(path),
  };
}
