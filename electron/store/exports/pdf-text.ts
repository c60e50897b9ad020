/**
 * PDF's standard fonts (which keep text selectable without embedding a font file) cover only
 * Windows-1252. Reasoning strings use a few arrows and symbols beyond it: spell those out, and
 * replace anything else outside the set rather than print a wrong glyph.
 */
const SPELLED: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '×': 'x', '≈': '~', '−': '-', '·': '*' };

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (SPELLED[ch] !== undefined) out += SPELLED[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else out += '?';
  }
  return out;
}
