/**
 * The fast path for line inputs. Most lines are AM records aamlog only counts (logins
 * that succeeded, admin and system work): this checks their structure on the raw bytes
 * and reads only their action key, id and result, without decoding or splitting the
 * line and without allocating. Whatever it cannot vouch for goes to the careful parser
 * (`parseAmLine`), so both give the same counts and events (test/fast-path.test.ts holds
 * them to it): every test here is at least as strict as the careful parser's.
 */
import { ByteFinder } from '../read/byte-finder.js';
import { daysInMonth } from '../time.js';
import type { EventKind } from '../model.js';
import { eventKind } from './actions.js';
import type { LineShape, RecordClass } from './am-line.js';

export const enum Quick {
  /** Not an AM record: the line has no comma, so no AM time can end in one. */
  Other,
  /** A syslog record that is only counted. */
  SyslogRecord,
  /** The same, its date taken from the fallback (a header-stripped line). */
  SyslogRecordFallbackDate,
  /** An audit-file record that is only counted. */
  AuditRecord,
  /** A record aamlog keeps, its head read: `QuickClassifier.kept` says where its parts are. */
  Kept,
  /** Needs the careful parser: anything unusual. */
  Parse,
}

/** Where the parts of a `Quick.Kept` line are, as the careful parser would find them. */
export interface KeptLine {
  shape: LineShape;
  /** The line starts at the time of day and takes the fallback date. */
  fallbackDate: boolean;
  /** `HH:MM:SS` of the AM time; its date (unless `fallbackDate`) is the 11 bytes before. */
  clock: number;
  /** The syslog server node field, `[nodeFrom, nodeTo)` untrimmed (audit files have none). */
  nodeFrom: number;
  nodeTo: number;
  /** The syslog category's class (null for audit files). */
  recordClass: RecordClass | null;
  /** Where the body starts; its action key is the fifth field. */
  body: number;
  /** The record's kind, as the careful parser reads it. */
  kind: EventKind;
}

const COMMA = 44;
const SPACE = 32;
const QUOTE = 34;
const COLON = 58;
const DASH = 45;

const isDigit = (b: number) => b >= 48 && b <= 57;
const isUpper = (b: number) => b >= 65 && b <= 90;
const isLetter = (b: number) => (b | 32) >= 97 && (b | 32) <= 122;
const two = (buf: Buffer, i: number) => (buf[i] - 48) * 10 + (buf[i + 1] - 48);

/** The category prefixes of the careful parser's syslog head, as bytes. */
const AUDIT = Buffer.from('audit.');
const RUNTIME = Buffer.from('runtime.');
const ADMIN = Buffer.from('admin.');
const SYSTEM = Buffer.from('system.');

function startsWithAt(buf: Buffer, at: number, end: number, prefix: Buffer): boolean {
  if (at + prefix.length > end) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

function skipSpaces(buf: Buffer, at: number, end: number): number {
  while (at < end && buf[at] === SPACE) at++;
  return at;
}

/** The first comma at or after `at`, or `end` when there is none (found natively: fields run to tens of bytes). */
function commaFrom(buf: Buffer, at: number, end: number): number {
  const comma = buf.indexOf(COMMA, at);
  return comma === -1 || comma > end ? end : comma;
}

/** `HH:MM:SS` at `at` (digits and colons only). */
function isClockAt(buf: Buffer, at: number): boolean {
  return (
    isDigit(buf[at]) && isDigit(buf[at + 1]) && buf[at + 2] === COLON && isDigit(buf[at + 3]) &&
    isDigit(buf[at + 4]) && buf[at + 5] === COLON && isDigit(buf[at + 6]) && isDigit(buf[at + 7])
  );
}

function validClock(buf: Buffer, at: number): boolean {
  return two(buf, at) <= 23 && two(buf, at + 3) <= 59 && two(buf, at + 6) <= 60;
}

function isDateAt(buf: Buffer, at: number): boolean {
  return (
    isDigit(buf[at]) && isDigit(buf[at + 1]) && isDigit(buf[at + 2]) && isDigit(buf[at + 3]) &&
    buf[at + 4] === DASH && isDigit(buf[at + 5]) && isDigit(buf[at + 6]) &&
    buf[at + 7] === DASH && isDigit(buf[at + 8]) && isDigit(buf[at + 9])
  );
}

function validDate(buf: Buffer, at: number): boolean {
  const year = (buf[at] - 48) * 1000 + (buf[at + 1] - 48) * 100 + two(buf, at + 2);
  const month = two(buf, at + 5);
  const day = two(buf, at + 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether the careful parser's AM time (`YYYY-MM-DD HH: ?MM:SS,mmm,`) has its first comma
 * at `comma`: a header-stripped line is read by its leading time only when no such time
 * appears anywhere in it.
 */
function amStampEndsAt(buf: Buffer, start: number, comma: number, end: number): boolean {
  if (comma + 4 >= end || buf[comma + 4] !== COMMA) return false;
  if (!(isDigit(buf[comma + 1]) && isDigit(buf[comma + 2]) && isDigit(buf[comma + 3]))) return false;
  const hms = comma - 8;
  if (hms - 11 >= start && isClockAt(buf, hms) && buf[hms - 1] === SPACE && isDateAt(buf, hms - 11)) return true;
  // The variant with a space after the hour: "HH: MM:SS".
  const spaced = comma - 9;
  return (
    spaced - 11 >= start && buf[spaced - 1] === SPACE && isDateAt(buf, spaced - 11) &&
    isDigit(buf[spaced]) && isDigit(buf[spaced + 1]) && buf[spaced + 2] === COLON && buf[spaced + 3] === SPACE &&
    isDigit(buf[spaced + 4]) && isDigit(buf[spaced + 5]) && buf[spaced + 6] === COLON &&
    isDigit(buf[spaced + 7]) && isDigit(buf[spaced + 8])
  );
}

/** Whether an AM time ends at a comma at or after `from`: its seconds' colon is 3 bytes before that comma. */
function hasAmStampAfter(colons: ByteFinder, buf: Buffer, start: number, from: number, end: number): boolean {
  for (let colon = colons.next(buf, Math.max(start, from - 3)); colon + 3 < end; colon = colons.next(buf, colon + 1)) {
    if (buf[colon + 3] === COMMA && amStampEndsAt(buf, start, colon + 3, end)) return true;
  }
  return false;
}

/** What the last `syslogBodyStart` that found a head saw: where the node field ends, the category's class. */
const lastHead: { nodeTo: number; recordClass: RecordClass } = { nodeTo: 0, recordClass: 'system' };

/** `syslogBodyStart`: the careful parser finds no syslog head here. */
const NO_HEAD = -1;
/** `syslogBodyStart`: the head is not of the plain form; the careful parser decides. */
const UNSURE = -2;

/**
 * The careful parser's syslog head after the AM time: `node, <category>, <LEVEL>,` with
 * the category under audit.runtime., audit.admin. or system. Returns where the body
 * starts, NO_HEAD, or UNSURE (blanks other than spaces, non-ASCII bytes).
 */
function syslogBodyStart(buf: Buffer, from: number, end: number): number {
  const c2 = commaFrom(buf, from, end);
  if (c2 === end) return NO_HEAD;
  lastHead.nodeTo = c2;
  let at = skipSpaces(buf, c2 + 1, end);
  if (at < end && (buf[at] < SPACE || buf[at] >= 127)) return UNSURE;
  if (startsWithAt(buf, at, end, AUDIT)) {
    at += AUDIT.length;
    if (startsWithAt(buf, at, end, RUNTIME)) {
      at += RUNTIME.length;
      lastHead.recordClass = 'runtime';
    } else if (startsWithAt(buf, at, end, ADMIN)) {
      at += ADMIN.length;
      lastHead.recordClass = 'admin';
    } else {
      return NO_HEAD;
    }
  } else if (startsWithAt(buf, at, end, SYSTEM)) {
    at += SYSTEM.length;
    lastHead.recordClass = 'system';
  } else {
    return NO_HEAD;
  }
  // The rest of the category: printable ASCII without blanks or commas.
  while (at < end && buf[at] > SPACE && buf[at] < 127 && buf[at] !== COMMA) at++;
  at = skipSpaces(buf, at, end);
  if (at === end || buf[at] !== COMMA) return UNSURE;
  at = skipSpaces(buf, at + 1, end);
  const level = at;
  while (at < end && isLetter(buf[at])) at++;
  if (at === level) return UNSURE;
  at = skipSpaces(buf, at, end);
  return at < end && buf[at] === COMMA ? at + 1 : UNSURE;
}

/**
 * Whether the careful parser might read the field `[from, to)` as a five-digit id once
 * trimmed. A printable ASCII byte other than a digit or a space rules that out, and ids,
 * addresses and hex ids have one within their first bytes; a field without one is a
 * five-digit id, or holds blanks or bytes the careful parser's trim may remove.
 */
function mayBeFiveDigits(buf: Buffer, from: number, to: number): boolean {
  let digits = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (isDigit(b)) digits++;
    else if (b > SPACE && b < 127) return false;
    else if (b !== SPACE) return true;
  }
  if (digits !== 5) return false;
  // Digits and spaces only: five digits in one run, spaces around them.
  const first = skipSpaces(buf, from, to);
  return first + 5 <= to && isDigit(buf[first + 4]);
}

/**
 * The kind of an action (null: only counted): the careful parser's `eventKind` of the key,
 * id and result, cached by their raw bytes (a log repeats a few dozen combinations).
 */
class ActionCache {
  /** Entry `hash & (CACHED_ACTIONS - 1)`: the last action of that hash (a table, not a Map: no hashing of the hash). */
  private readonly entries: ({ bytes: Buffer; kind: EventKind | null } | undefined)[] = new Array(CACHED_ACTIONS).fill(undefined);

  /**
   * `[from, to)`: the key field through the result; `hash`: of its key, id and result;
   * the key at `[keyFrom, keyTo)`, the id at `id`, the result from `id + 6` to `to`.
   */
  kind(buf: Buffer, from: number, to: number, hash: number, keyFrom: number, keyTo: number, id: number): EventKind | null {
    const at = hash & (CACHED_ACTIONS - 1);
    const entry = this.entries[at];
    if (entry !== undefined && sameBytes(entry.bytes, buf, from, to)) return entry.kind;
    const result = buf.toString('latin1', id + 6, to).trim();
    const kind = eventKind(buf.toString('latin1', keyFrom, keyTo), buf.toString('latin1', id, id + 5), result === '' ? null : result);
    // A key and result of hundreds of bytes is no action AM logs: not kept, for memory's sake.
    if (to - from <= MAX_CACHED_BYTES) this.entries[at] = { bytes: Buffer.from(buf.subarray(from, to)), kind };
    return kind;
  }
}

/** Entries of the action cache: a power of two, since the hash's low bits index it. */
const CACHED_ACTIONS = 4096;
/** The longest key-to-result run the action cache keeps. */
const MAX_CACHED_BYTES = 256;

/** `buf[from, to)` equals `bytes` (a short run: a loop beats a call into C++). */
function sameBytes(bytes: Buffer, buf: Buffer, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[from + i]) return false;
  return true;
}

const enum BodyVerdict {
  /** The careful parser must decide. */
  Unsure,
  /** A record aamlog only counts. */
  Counted,
  /** A record aamlog keeps. */
  Kept,
}

export class QuickClassifier {
  private readonly actions = new ActionCache();
  private readonly colons = new ByteFinder(COLON);
  private readonly quotes = new ByteFinder(QUOTE);
  private readonly commas = new ByteFinder(COMMA);
  /** The parts of the last line classified `Quick.Kept`. */
  readonly kept: KeptLine = {
    shape: 'syslog', fallbackDate: false, clock: 0, nodeFrom: 0, nodeTo: 0, recordClass: null, body: 0, kind: 'login-failed',
  };

  /**
   * `hasFallbackDate`: header-stripped lines have a real day to take (the careful parser
   * reports them malformed otherwise, or when the day does not exist).
   */
  constructor(private readonly hasFallbackDate: boolean) {}

  /** Called before each chunk is split into lines. */
  startChunk(): void {
    this.colons.reset();
    this.quotes.reset();
    this.commas.reset();
  }

  classify(buf: Buffer, start: number, end: number): Quick {
    // Through the finder: a line without a comma must not send a search through every line after it.
    const c1 = this.commas.next(buf, start);
    if (c1 >= end) return Quick.Other;
    // The AM time: "[YYYY-MM-DD ]HH:MM:SS,mmm," with the first comma after the seconds.
    const hms = c1 - 8;
    if (
      hms < start || !isClockAt(buf, hms) ||
      !(c1 + 4 < end && isDigit(buf[c1 + 1]) && isDigit(buf[c1 + 2]) && isDigit(buf[c1 + 3]) && buf[c1 + 4] === COMMA)
    ) {
      // A line with a time of day first has it before its first comma, so only an AM time
      // further on makes this a record (OS and Java messages often hold a comma).
      return hasAmStampAfter(this.colons, buf, start, start, end) ? Quick.Parse : Quick.Other;
    }
    let stampAtLineStart = false;
    let fallbackDate = false;
    if (hms === start) {
      if (!this.hasFallbackDate) return Quick.Parse;
      fallbackDate = true;
    } else if (hms - 11 >= start && buf[hms - 1] === SPACE && isDateAt(buf, hms - 11)) {
      if (!validDate(buf, hms - 11)) return Quick.Parse;
      stampAtLineStart = hms - 11 === start;
    } else {
      return Quick.Parse;
    }
    if (!validClock(buf, hms)) return Quick.Parse;

    // Syslog: ", <node>, <category>, <LEVEL>, <body>"; an audit file goes straight to the body.
    let body = syslogBodyStart(buf, c1 + 5, end);
    let shape = fallbackDate ? Quick.SyslogRecordFallbackDate : Quick.SyslogRecord;
    if (body === UNSURE) return Quick.Parse;
    if (body === NO_HEAD) {
      if (!stampAtLineStart) return Quick.Parse;
      body = c1 + 5;
      shape = Quick.AuditRecord;
    }
    const verdict = this.body(buf, body, end);
    if (verdict === BodyVerdict.Unsure || (fallbackDate && hasAmStampAfter(this.colons, buf, start, c1 + 5, end))) return Quick.Parse;
    if (verdict === BodyVerdict.Counted) return shape;
    const kept = this.kept;
    kept.shape = shape === Quick.AuditRecord ? 'audit-file' : 'syslog';
    kept.fallbackDate = fallbackDate;
    kept.clock = hms;
    kept.nodeFrom = c1 + 5;
    kept.nodeTo = shape === Quick.AuditRecord ? c1 + 5 : lastHead.nodeTo;
    kept.recordClass = shape === Quick.AuditRecord ? null : lastHead.recordClass;
    kept.body = body;
    return Quick.Kept;
  }

  /**
   * Body: record id, instance id, client IP, server IP, KEY, id, result. Counted or Kept
   * (as the action is) when the careful parser would find the key in the fifth field.
   */
  private body(buf: Buffer, body: number, end: number): BodyVerdict {
    // Fields 1 to 4: no quotes (the careful splitter reads them), and none of fields 2 to
    // 4 a five-digit id, so that the first KEY,NNNNN pair is the fifth and sixth field.
    // What else they hold matters only to a kept record, which KeptLineReader checks.
    let from = body;
    let to = 0;
    for (let field = 0; field < 4; field++) {
      to = commaFrom(buf, from, end);
      if (to === end || (field > 0 && mayBeFiveDigits(buf, from, to))) return BodyVerdict.Unsure;
      from = to + 1;
    }
    if (this.quotes.next(buf, body) < from) return BodyVerdict.Unsure;
    // KEY: [A-Z][A-Z0-9_]*, spaces around; its bytes start the cache key.
    const keyField = from;
    let at = skipSpaces(buf, from, end);
    const keyFrom = at;
    if (at === end || !isUpper(buf[at])) return BodyVerdict.Unsure;
    let hash = 0;
    while (at < end) {
      const b = buf[at];
      if (!(isUpper(b) || isDigit(b) || b === 95)) break;
      hash = (hash * 31 + b) | 0;
      at++;
    }
    const keyTo = at;
    at = skipSpaces(buf, at, end);
    if (at === end || buf[at] !== COMMA) return BodyVerdict.Unsure;
    // The id: exactly five digits, right after the comma (the careful parser trims blanks).
    const id = at + 1;
    if (!(id + 5 < end && isDigit(buf[id]) && isDigit(buf[id + 1]) && isDigit(buf[id + 2]) &&
          isDigit(buf[id + 3]) && isDigit(buf[id + 4]) && buf[id + 5] === COMMA)) {
      return BodyVerdict.Unsure;
    }
    hash = (hash * 31 + two(buf, id) * 1000 + two(buf, id + 2) * 10 + buf[id + 4]) | 0;
    // The result: printable ASCII up to the next comma (no quote, nothing to decode).
    at = id + 6;
    while (at < end && buf[at] !== COMMA) {
      const b = buf[at];
      if (b < SPACE || b >= 127 || b === QUOTE) return BodyVerdict.Unsure;
      hash = (hash * 31 + b) | 0;
      at++;
    }
    if (at === end) return BodyVerdict.Unsure;
    const kind = this.actions.kind(buf, keyField, at, hash, keyFrom, keyTo, id);
    if (kind === null) return BodyVerdict.Counted;
    this.kept.kind = kind;
    return BodyVerdict.Kept;
  }
}
