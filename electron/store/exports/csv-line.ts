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
 * One RFC 4180 record: fields joined by commas, a field holding a comma, quote or line break
 * quoted with its quotes doubled, ended by CRLF. Written by hand because it is the export's
 * inner loop: csv-stringify took longer for this alone (about 5 µs a record here) than the
 * whole export may take per row. A field marked in `text` that starts like a formula is made
 * inert as OWASP advises: a single quote in front, and quoted.
 */
export function csvLine(fields: readonly string[], text: readonly boolean[] = []): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (i > 0) line += ',';
    if (text[i] && startsLikeFormula(field)) line += `"'${field.replaceAll('"', '""')}"`;
    else line += NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
  }
  return `${line}\r\n`;
}
