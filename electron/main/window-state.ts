import { z } from 'zod';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, type WindowBounds } from './security/window-options';

export const windowStateSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** How much of the title bar must land on a screen for a saved position to be reused. */
const VISIBLE_MARGIN = 48;

export type ParsedWindowState = { state: WindowState; problem?: undefined } | { state: undefined; problem: string };

/** Reads the saved file's text; a missing file is no problem, a broken one is reported and ignored. */
export function parseWindowState(text: string | undefined, source: string): ParsedWindowState {
  if (text === undefined) return { state: DEFAULT_WINDOW_STATE };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: undefined, problem: `${source}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = windowStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return { state: undefined, problem: `${source}: ${where}: ${issue.message}` };
  }
  return { state: parsed.data };
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x + VISIBLE_MARGIN <= b.x + b.width && b.x + VISIBLE_MARGIN <= a.x + a.width && a.y >= b.y && a.y + VISIBLE_MARGIN <= b.y + b.height;

/**
 * The bounds to open the window with: the saved size clamped to the minimum and to the
 * largest screen, and the saved position only if the title bar would be on a screen now
 * (a monitor may have been unplugged since); otherwise Electron centres the window.
 */
export function mergeWindowState(saved: WindowState | undefined, workAreas: Rect[]): { bounds: WindowBounds; maximized: boolean } {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const maxWidth = Math.max(MIN_WINDOW_WIDTH, ...workAreas.map((area) => area.width));
  const maxHeight = Math.max(MIN_WINDOW_HEIGHT, ...workAreas.map((area) => area.height));
  const width = Math.min(Math.max(state.width, MIN_WINDOW_WIDTH), maxWidth);
  const height = Math.min(Math.max(state.height, MIN_WINDOW_HEIGHT), maxHeight);
  const bounds: WindowBounds = { width, height };
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width, height };
    if (workAreas.some((area) => overlaps(rect, area))) Object.assign(bounds, { x: state.x, y: state.y });
  }
  return { bounds, maximized: state.maximized };
}

/** What to save when the window closes: its normal (unmaximised) bounds and whether it was maximised. */
export function captureWindowState(normalBounds: Rect, maximized: boolean): WindowState {
  const round = Math.round;
  return { x: round(normalBounds.x), y: round(normalBounds.y), width: round(normalBounds.width), height: round(normalBounds.height), maximized };
}
