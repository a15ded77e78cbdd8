/**
 * CSV exports that are safe to open in a spreadsheet. A cell that starts with = + - @, a tab or a
 * carriage return could run as a formula, so it gets a leading apostrophe (the OWASP advice);
 * every other character is kept exactly. UTF-8 with a byte-order mark, which is what tells
 * spreadsheet programs that the Cyrillic and the oʻ are UTF-8; rows end in CRLF (RFC 4180).
 */
import type { Context } from 'hono';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Answers a CSV download with a file name that says what it holds. */
export function csvResponse(c: Context, fileName: string, csv: string): Response {
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
  });
}
