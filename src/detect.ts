/** Decides an input's shape from its content, never from its name. */

/** A report export starts with a header row naming its columns. */
export function looksLikeReportCsvHeader(firstLine: string): boolean {
  const header = firstLine.replace(/^\uFEFF/, '').toLowerCase();
  return header.includes(',') && (header.includes('date & time') || header.includes('activity key'));
}

/** The first non-empty line of decoded text, or null while it is not complete. */
export function firstNonEmptyLine(head: Buffer, complete: boolean): string | null {
  let start = 0;
  while (start < head.length) {
    const nl = head.indexOf(10, start);
    if (nl === -1) return complete ? head.toString('utf8', start).trim() || null : null;
    const line = head.toString('utf8', start, nl).trim();
    if (line !== '') return line;
    start = nl + 1;
  }
  return null;
}
