/** Line and paragraph helpers shared by the listing parsers. */

/** A run of consecutive non-blank lines, with the 1-based number of its first line. */
export interface Paragraph {
  line: number;
  lines: string[];
}

/** Splits text into lines, accepting LF, CRLF and lone CR endings, and dropping a byte-order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Groups lines into paragraphs separated by blank lines. Lines keep their original text. */
export function paragraphs(lines: readonly string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(raw);
  });
  return out;
}

/**
 * Joins the lines of a wrapped paragraph into one line. A word broken with a hyphen at the end of a
 * line ("de-" + "localization") is joined without the hyphen when the next line goes on in lower case;
 * other breaks become a single space.
 */
export function joinWrapped(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (/\p{L}-$/u.test(out) && !/-{2}$/.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out = `${out} ${line}`;
  }
  return out.replace(/\s+/g, ' ');
}

/** English month abbreviations, January first: BibTeX's month macros and the listings' short month names. */
export const MONTH_ABBREVIATIONS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month number (1–12) of an English month name or abbreviation ("Sept" and "September" included), or 0. */
export function monthNumber(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTH_ABBREVIATIONS.indexOf(n.slice(0, 3));
  if (i < 0) return 0;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return n.length === 3 || full.startsWith(n) || n === 'sept' ? i + 1 : 0;
}

/** ISO `YYYY-MM-DD` for a valid calendar date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A long-form date line as the institute list prints it ("February 27, 2025") as ISO, else null. */
export function parseLongDate(line: string): string | null {
  const m = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(line.trim());
  if (!m) return null;
  const month = monthNumber(m[1]);
  return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
}

/** True for a line that looks like a date of either listing style (with or without a year). */
export function looksLikeDate(line: string): boolean {
  return parseLongDate(line) !== null || /^[A-Za-z]{3,9}\.?\s+\d{1,2}(,?\s+\d{4})?(\s+\d+)?$/.test(line.trim());
}
