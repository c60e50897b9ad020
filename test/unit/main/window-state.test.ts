import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureWindowState, DEFAULT_WINDOW_STATE, mergeWindowState, parseWindowState } from '../../../electron/main/window-state';
import { loadWindowState, saveWindowState } from '../../../electron/main/window-state-file';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('reading the saved window state', () => {
  it('uses the defaults when nothing was saved yet', () => {
    expect(parseWindowState(undefined, 'state.json')).toEqual({ state: DEFAULT_WINDOW_STATE });
  });

  it('names the file and the problem of a broken file', () => {
    expect(parseWindowState('{"width":', 'state.json').problem).toMatch(/^state\.json: not valid JSON/);
    expect(parseWindowState('{"width":"wide","height":700}', 'state.json').problem).toMatch(/^state\.json: width: /);
    expect(parseWindowState('{"width":900,"height":700,"zoom":2}', 'state.json').problem).toMatch(/^state\.json: .*zoom/);
  });
});

describe('restoring the window', () => {
  it('reopens where it was on a screen that is still there', () => {
    const { bounds, maximized } = mergeWindowState({ x: 1600, y: 100, width: 1300, height: 900, maximized: true }, [laptop, monitor]);
    expect(bounds).toEqual({ x: 1600, y: 100, width: 1300, height: 900 });
    expect(maximized).toBe(true);
  });

  it('lets the window be centred when its screen was unplugged', () => {
    const { bounds } = mergeWindowState({ x: 1600, y: 100, width: 1300, height: 850, maximized: false }, [laptop]);
    expect(bounds).toEqual({ width: 1300, height: 850 });
  });

  it('does not reuse a position whose title bar would be above the screen', () => {
    const { bounds } = mergeWindowState({ x: 100, y: -200, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(bounds).not.toHaveProperty('y');
  });

  it('keeps the size within the minimum and the largest screen', () => {
    expect(mergeWindowState({ width: 200, height: 100, maximized: false }, [laptop]).bounds).toEqual({ width: 900, height: 600 });
    expect(mergeWindowState({ width: 5000, height: 3000, maximized: false }, [laptop]).bounds).toEqual({ width: 1440, height: 900 });
  });

  it('captures whole-pixel normal bounds for saving', () => {
    expect(captureWindowState({ x: 10.4, y: 20.6, width: 1000.5, height: 700 }, false)).toEqual({ x: 10, y: 21, width: 1001, height: 700, maximized: false });
  });
});

describe('the window state file', () => {
  let dir: string;
  const warnings: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-window-state-'));
    warnings.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips what was saved', async () => {
    const file = join(dir, 'window-state.json');
    const state = { x: 40, y: 50, width: 1100, height: 750, maximized: false };
    await saveWindowState(file, state);
    expect(await loadWindowState(file, (w) => warnings.push(w))).toEqual(state);
    expect(warnings).toEqual([]);
  });

  it('warns about a corrupt file and falls back to the defaults', async () => {
    const file = join(dir, 'window-state.json');
    await writeFile(file, 'garbage');
    expect(mergeWindowState(await loadWindowState(file, (w) => warnings.push(w)), [laptop]).bounds).toEqual({ width: 1280, height: 820 });
    expect(warnings).toEqual([expect.stringContaining(`${file}: not valid JSON`)]);
  });

  it('gives the defaults silently when there is no file yet', async () => {
    expect(await loadWindowState(join(dir, 'missing.json'), (w) => warnings.push(w))).toEqual(DEFAULT_WINDOW_STATE);
    expect(warnings).toEqual([]);
    await expect(readFile(join(dir, 'missing.json'))).rejects.toThrow();
  });
});
