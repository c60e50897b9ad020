const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Whether a spreadsheet would run the cell as a formula: it starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (OWASP, "CSV Injection"). A name like `=HYPERLINK("http://…")` would
 * otherwise become a live link, or worse, in the operator's spreadsheet.
 */
function startsLikeFormula(field: string): boolean {
  switch (field.charCodeAt(0)) {
    case 0x3d:
    case 0x2b:
    case 0x2d:
    case 0x40:
    case 0x09:
    case 0x0d:
      return true;
    default:
      return false;
  }
}

/**
 * One RFC 4180 field: a field holding a comma, quote or line break quoted with its quotes
 * doubled. A `text` field (one that comes from people and files) that starts like a formula is
 * made inert as OWASP advises: a single quote in front, and quoted.
 */
export function csvCell(field: string, text = false): string {
  if (text && startsLikeFormula(field)) return `"'${field.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * One RFC 4180 record: fields joined by commas, ended by CRLF; `text` marks the fields that
 * come from people and files. Written by hand because it is the export's inner loop:
 * csv-stringify took longer for this alone (about 5 µs a record here) than the whole export
 * may take per row.
 */
export function csvLine(fields: readonly string[], text: readonly boolean[] = []): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += i > 0 ? `,${csvCell(fields[i], text[i])}` : csvCell(fields[i], text[i]);
  return `${line}\r\n`;
}
