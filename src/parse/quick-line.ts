/**
 * The fast path for line inputs. Most lines are AM records aamlog only counts (logins
 * that succeeded, admin and system work): this checks their structure on the raw bytes
 * and reads only their action key, id and result, without decoding or splitting the
 * line. Whatever it cannot vouch for goes to the careful parser (`parseAmLine`), so both
 * give the same counts and events (test/fast-path.test.ts holds them to it).
 */
import { eventKind } from './actions.js';

export const enum Quick {
  /** Not an AM record: the line has no comma, so no AM time can end in one. */
  Other,
  /** A syslog record that is only counted. */
  SyslogRecord,
  /** The same, its date taken from the fallback (a header-stripped line). */
  SyslogRecordFallbackDate,
  /** An audit-file record that is only counted. */
  AuditRecord,
  /** Needs the careful parser: a record aamlog keeps, or anything unusual. */
  Parse,
}

const COMMA = 44;
const SPACE = 32;
const QUOTE = 34;
const COLON = 58;
const DASH = 45;

const isDigit = (b: number) => b >= 48 && b <= 57;
const two = (buf: Buffer, i: number) => (buf[i] - 48) * 10 + (buf[i + 1] - 48);

const CATEGORIES = [Buffer.from('audit.runtime.'), Buffer.from('audit.admin.'), Buffer.from('system.')];

function startsWithAt(buf: Buffer, at: number, end: number, prefix: Buffer): boolean {
  if (at + prefix.length > end) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

function skipSpaces(buf: Buffer, at: number, end: number): number {
  while (at < end && buf[at] === SPACE) at++;
  return at;
}

/** The comma ending the field that starts at `at`, or -1 past the line's end. */
function nextComma(buf: Buffer, at: number, end: number): number {
  const comma = buf.indexOf(COMMA, at);
  return comma === -1 || comma >= end ? -1 : comma;
}

function validTime(buf: Buffer, hms: number): boolean {
  return two(buf, hms) <= 23 && two(buf, hms + 3) <= 59 && two(buf, hms + 6) <= 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(buf: Buffer, at: number): boolean {
  const year = (buf[at] - 48) * 1000 + (buf[at + 1] - 48) * 100 + two(buf, at + 2);
  const month = two(buf, at + 5);
  const day = two(buf, at + 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

function isDateAt(buf: Buffer, at: number): boolean {
  return (
    isDigit(buf[at]) && isDigit(buf[at + 1]) && isDigit(buf[at + 2]) && isDigit(buf[at + 3]) &&
    buf[at + 4] === DASH && isDigit(buf[at + 5]) && isDigit(buf[at + 6]) &&
    buf[at + 7] === DASH && isDigit(buf[at + 8]) && isDigit(buf[at + 9])
  );
}

/** Trimmed `[from, to)` of a field, or null when it is quoted (the careful splitter's job). */
function trimmed(buf: Buffer, from: number, to: number): [number, number] | null {
  from = skipSpaces(buf, from, to);
  while (to > from && buf[to - 1] === SPACE) to--;
  return buf[from] === QUOTE ? null : [from, to];
}

export function quickClassify(buf: Buffer, start: number, end: number, hasFallbackDate: boolean): Quick {
  const c1 = nextComma(buf, start, end);
  if (c1 === -1) return Quick.Other;
  // The AM time: "[YYYY-MM-DD ]HH:MM:SS,mmm," with the first comma after the seconds.
  const hms = c1 - 8;
  if (
    hms < start ||
    !(isDigit(buf[hms]) && isDigit(buf[hms + 1]) && buf[hms + 2] === COLON && isDigit(buf[hms + 3]) &&
      isDigit(buf[hms + 4]) && buf[hms + 5] === COLON && isDigit(buf[hms + 6]) && isDigit(buf[hms + 7])) ||
    !(c1 + 4 < end && isDigit(buf[c1 + 1]) && isDigit(buf[c1 + 2]) && isDigit(buf[c1 + 3]) && buf[c1 + 4] === COMMA)
  ) {
    return Quick.Parse;
  }
  let stampAtLineStart = false;
  let fallbackDate = false;
  if (hms === start) {
    if (!hasFallbackDate) return Quick.Parse; // careful parser reports it malformed
    fallbackDate = true;
  } else if (hms - 11 >= start && buf[hms - 1] === SPACE && isDateAt(buf, hms - 11)) {
    if (!validDate(buf, hms - 11)) return Quick.Parse;
    stampAtLineStart = hms - 11 === start;
  } else {
    return Quick.Parse;
  }
  if (!validTime(buf, hms)) return Quick.Parse;

  // Syslog: ", <node>, <category>, <LEVEL>, <body>"; an audit file goes straight to the body.
  let body = c1 + 5;
  let shape = Quick.AuditRecord;
  const c2 = nextComma(buf, body, end);
  if (c2 === -1) return Quick.Parse;
  const category = skipSpaces(buf, c2 + 1, end);
  if (CATEGORIES.some((prefix) => startsWithAt(buf, category, end, prefix))) {
    const c3 = nextComma(buf, category, end);
    if (c3 === -1) return Quick.Parse;
    for (let i = category; i < c3; i++) if (buf[i] === SPACE) return Quick.Parse;
    const c4 = nextComma(buf, c3 + 1, end);
    if (c4 === -1) return Quick.Parse;
    body = c4 + 1;
    shape = fallbackDate ? Quick.SyslogRecordFallbackDate : Quick.SyslogRecord;
  } else if (!stampAtLineStart) {
    return Quick.Parse;
  }

  // Body: record id, instance id, client IP, server IP, KEY, id, result.
  const bounds: number[] = [body];
  for (let field = 0; field < 7; field++) {
    const comma = nextComma(buf, bounds[field], end);
    if (comma === -1) return Quick.Parse;
    bounds.push(comma + 1);
  }
  for (let i = body; i < bounds[7]; i++) if (buf[i] === QUOTE) return Quick.Parse;
  const key = trimmed(buf, bounds[4], bounds[5] - 1);
  const id = trimmed(buf, bounds[5], bounds[6] - 1);
  const result = trimmed(buf, bounds[6], bounds[7] - 1);
  if (!key || !id || !result || id[1] - id[0] !== 5 || key[1] <= key[0]) return Quick.Parse;
  for (let i = id[0]; i < id[1]; i++) if (!isDigit(buf[i])) return Quick.Parse;
  const first = buf[key[0]];
  if (first < 65 || first > 90) return Quick.Parse;
  for (let i = key[0] + 1; i < key[1]; i++) {
    const b = buf[i];
    if (!((b >= 65 && b <= 90) || isDigit(b) || b === 95)) return Quick.Parse;
  }
  const kind = eventKind(
    buf.toString('latin1', key[0], key[1]),
    buf.toString('latin1', id[0], id[1]),
    buf.toString('latin1', result[0], result[1]),
  );
  return kind === null ? shape : Quick.Parse;
}
