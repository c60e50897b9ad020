import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where `electron-vite build` puts the renderer. */
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

/**
 * Builds the renderer with vite when `dir` holds no index.html, so `acm serve` works on a fresh
 * checkout. Only the renderer is built: the Electron main and preload are not needed here.
 */
export async function ensureRendererBuilt(dir: string, log: (text: string) => void = () => {}): Promise<void> {
  try {
    await access(join(dir, 'index.html'));
    return;
  } catch {
    log(`No built renderer in ${dir}: building it (a few seconds)...`);
  }
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    configFile: false,
    root: join(PROJECT_ROOT, 'renderer'),
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
}
