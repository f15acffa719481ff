/**
 * Response sizes from the cells we already hold: Office.js answers a range load with JSON, and
 * Excel on the web refuses a response over 5 MB, so reads are cut into pieces under a budget by
 * what the cells cost as JSON text in UTF-8 — counted, not guessed per cell type.
 */

/** UTF-8 bytes of a cell value (string, number, boolean, null) as JSON text; exact for those. */
export function jsonBytes(value: unknown): number {
  if (typeof value === "string") return stringJsonBytes(value);
  // JSON has no NaN or Infinity: they become null.
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  return 4;
}

/** UTF-8 bytes of `text` as a JSON string literal (quotes and escapes included). */
function stringJsonBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code >= 0x20) bytes += code === 0x22 || code === 0x5c ? 2 : 1;
      // \b \t \n \f \r; the other control characters as \u00XX.
      else bytes += code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one code point of 4 bytes.
      bytes += 4;
      i += 1;
    } else {
      // A lone surrogate is written as \uXXXX.
      bytes += code >= 0xd800 && code <= 0xdfff ? 6 : 3;
    }
  }
  return bytes;
}

/** Bytes of one row of a 2D array response: its cells, the commas between them and its brackets. */
export function rowJsonBytes(row: readonly unknown[] | undefined): number {
  if (!row) return 3;
  let bytes = 2 + Math.max(0, row.length - 1) + 1;
  for (let c = 0; c < row.length; c += 1) bytes += jsonBytes(row[c]);
  return bytes;
}
