/**
 * JSON.parse with errors that say where: V8 names a position for some syntax errors and not for
 * others ("Unexpected token '}'"), so a small scanner finds the offset itself and it is turned
 * into a line and column a person can go to. Nesting is bounded before anything is parsed: no
 * file of ours nests past a handful of levels, while that scanner and whatever walks a parsed
 * value (zod, quoting a value in a message) recurse, so a million `[` would exhaust the stack.
 */

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export const MAX_JSON_DEPTH = 64;

const BYTE_ORDER_MARK = '\uFEFF';

export function parseJsonText(text: string): JsonParseResult {
  // Editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const tooDeep = offsetPastDepth(body, MAX_JSON_DEPTH);
  if (tooDeep >= 0) {
    const { line, column } = lineAndColumn(body, tooDeep);
    return { ok: false, line, column, message: `arrays and objects nested more than ${MAX_JSON_DEPTH} deep` };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const offset = findSyntaxError(body);
    const { line, column } = lineAndColumn(body, offset);
    const reason = (error as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    return { ok: false, line, column, message: reason };
  }
}

/** The offset of the bracket that opens level `maxDepth + 1`, or -1: brackets inside strings do not count. */
function offsetPastDepth(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return -1;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Fail extends Error {
  constructor(readonly offset: number) {
    super('syntax');
  }
}

/** The offset of the first character that makes `text` invalid JSON (text.length when it ends too early). */
function findSyntaxError(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new Fail(i);
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new Fail(i);
      i++;
    }
    expect('"');
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (ch === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) throw new Fail(i);
    i += literal[0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (error) {
    if (error instanceof Fail) return error.offset;
    throw error;
  }
}
