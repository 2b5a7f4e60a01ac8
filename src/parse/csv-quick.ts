/**
 * The fast path for report exports. Most rows are records aamlog only counts: this reads
 * a one-line row on its bytes (field bounds, the Date & Time, the activity and result
 * fields) without decoding or splitting it, and vouches for it only when the careful
 * reader would count it and keep nothing. Anything else (a row spanning lines, a quote
 * out of place, a field count or time the careful reader would report, a kept action)
 * goes to the careful reader; test/fast-path.test.ts holds both to the same results.
 */
import type { EventKind, LocalTime } from '../model.js';
import { ByteFinder } from '../read/byte-finder.js';
import { daysInMonth } from '../time.js';

/** Where the fields that decide a row sit, and how many fields a row has. */
export interface QuickCsvColumns {
  time: number;
  /** The fields whose text decides whether a row is kept (activity and result columns, -1 where absent). */
  deciding: number[];
  /** The User ID column (-1 where absent): a deferred online problem needs no other field. */
  userId: number;
  count: number;
}

/** The kind the careful reader gives a row with these (raw, untrimmed) deciding fields (null: only counted). */
export type KindOfRow = (fields: (string | null)[]) => EventKind | null;

const COMMA = 44;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

const isDigit = (b: number) => b >= 48 && b <= 57;
const isBlank = (b: number) => b === SPACE || b === TAB;
const two = (buf: Buffer, i: number) => (buf[i] - 48) * 10 + (buf[i + 1] - 48);

/**
 * The comma bytes of a 32-bit word: a byte equal to a comma becomes 0x00, and each zero
 * byte sets its high bit in the result (0 when the word holds no comma).
 */
function commaBytes(word: number): number {
  const x = word ^ 0x2c2c2c2c;
  return ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
}

/**
 * The commas in `buf[from, end)`. `words` are 32-bit words over the memory of `buf`, whose
 * byte i is their byte `offset + i`: four bytes are counted at once.
 */
function countCommas(buf: Buffer, words: Int32Array<ArrayBufferLike>, offset: number, from: number, end: number): number {
  let commas = 0;
  let p = from;
  for (const aligned = Math.min(end, ((offset + from + 3) & ~3) - offset); p < aligned; p++) if (buf[p] === COMMA) commas++;
  const last = (offset + end) >> 2;
  // The multiplication adds the high bits of `commaBytes` up in the top byte.
  for (let w = (offset + p) >> 2; w < last; w++) commas += Math.imul(commaBytes(words[w]) >>> 7, 0x01010101) >>> 24;
  for (p = Math.max(p, (last << 2) - offset); p < end; p++) if (buf[p] === COMMA) commas++;
  return commas;
}

/** Bounds the cache of deciding-field combinations (an export holds a few dozen). */
const MAX_CACHED_DECISIONS = 4096;

export const enum QuickRow {
  /** The careful reader must read the record. */
  Unsure,
  /** A row the careful reader only counts. */
  Counted,
  /** A row the careful reader keeps: its fields are split. */
  Kept,
  /** A quoted field is still open at the end: the record goes on at the next line. */
  Open,
}

const enum Split {
  Done,
  /** Not as the careful splitter would read it, or another field count than the header's. */
  Failed,
  /** A quoted field does not close before the end. */
  Open,
}

export class QuickCsvRows {
  /** Field i spans `[starts[i], ends[i])`, quotes included; reused for every row. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per field, whether it is quoted; read only when `rowQuoted` (a plain row leaves it as it was). */
  private readonly quoted: Uint8Array;
  /** The last row split holds a quote. */
  private rowQuoted = false;
  private readonly quotes = new ByteFinder(QUOTE);
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private wordsOf: Buffer | null = null;
  /** Byte i of `wordsOf` is byte `wordsOffset + i` of the words' memory (a getter call per row otherwise). */
  private wordsOffset = 0;
  /** How many fields of the last row split have bounds; the rest were only counted (`field` bounds them when asked). */
  private bounded = 0;
  /** Where the last row classified ends. */
  private rowEnd = 0;
  /** How many leading fields classify a row: through the last of the time, deciding and User ID columns. */
  private readonly classifyingFields: number;
  private readonly decisions = new Map<number, { bytes: Buffer; kind: EventKind | null }[]>();
  private cached = 0;
  /** The kind of the last row classified Kept; null when a quoted deciding field leaves it to the careful reader. */
  keptKind: EventKind | null = null;

  constructor(
    private readonly columns: QuickCsvColumns,
    private readonly kindOfRow: KindOfRow,
  ) {
    this.starts = new Int32Array(columns.count);
    this.ends = new Int32Array(columns.count);
    this.quoted = new Uint8Array(columns.count);
    this.classifyingFields = Math.max(columns.time, columns.userId, ...columns.deciding) + 1;
  }

  /**
   * What the careful reader would do with the record `buf[start, end)` (one line, or lines
   * joined by `\n`): count it, keep it (its fields are then read with `field`), or decide
   * itself (Unsure); Open when a quoted field runs past the end.
   */
  classify(buf: Buffer, start: number, end: number): QuickRow {
    const first = buf[start];
    if (start === end || first <= SPACE || first >= 127) return QuickRow.Unsure; // blank lines and the unusual
    // Only the fields that decide are bounded; the rest of the row is only counted.
    const split = this.split(buf, start, end, this.classifyingFields);
    if (split === Split.Open) return QuickRow.Open;
    if (split === Split.Failed) return QuickRow.Unsure;
    const { columns } = this;
    if (this.isQuoted(columns.time) || !this.validTime(buf, this.starts[columns.time], this.ends[columns.time])) return QuickRow.Unsure;
    if (!this.kept(buf)) return QuickRow.Counted;
    this.rowEnd = end;
    return QuickRow.Kept;
  }

  /** The Date & Time of the row last classified Kept, as the careful reader reads it (classify checked it). */
  keptTime(buf: Buffer): LocalTime {
    let t = this.starts[this.columns.time];
    let to = this.ends[this.columns.time];
    while (buf[t] === SPACE) t++;
    while (buf[to - 1] === SPACE) to--;
    // The fraction after the seconds is cut to milliseconds.
    let millisecond = 0;
    for (let i = t + 20, scale = 100; i < to && scale >= 1; i++, scale /= 10) millisecond += (buf[i] - 48) * scale;
    return {
      year: two(buf, t) * 100 + two(buf, t + 2),
      month: two(buf, t + 5),
      day: two(buf, t + 8),
      hour: two(buf, t + 11),
      minute: two(buf, t + 14),
      second: two(buf, t + 17),
      millisecond,
    };
  }

  /**
   * Field `i` of the row last classified Kept, as the careful splitter gives it (unquoted,
   * untrimmed). The fields after the classifying ones are bounded only now: a deferred
   * online problem reads none of them.
   */
  field(buf: Buffer, i: number): string {
    if (i >= this.bounded) this.boundRest(buf, this.rowEnd);
    if (!this.isQuoted(i)) return buf.toString('utf8', this.starts[i], this.ends[i]);
    const text = buf.toString('utf8', this.starts[i] + 1, this.ends[i] - 1);
    return text.includes('"') ? text.replaceAll('""', '"') : text;
  }

  /**
   * Finds the bounds of the first `bounded` fields as the careful splitter would, and
   * counts the rest. It fails on a quote inside an unquoted field, text after a closing
   * quote, or another field count than the header's.
   */
  private split(buf: Buffer, start: number, end: number, bounded: number): Split {
    this.rowQuoted = this.quotes.next(buf, start) < end;
    if (this.rowQuoted) return this.splitQuoted(buf, start, end, bounded);
    return this.splitPlain(buf, start, end, 0, bounded);
  }

  private isQuoted(field: number): boolean {
    return this.rowQuoted && this.quoted[field] === 1;
  }

  /**
   * Splits `buf[from, end)`, which holds no quote, into fields from `field` on: the commas
   * are looked for four bytes at a time.
   */
  private splitPlain(buf: Buffer, from: number, end: number, field: number, bounded: number): Split {
    const { starts, ends } = this;
    const count = this.columns.count;
    const words = this.wordsOver(buf);
    const offset = this.wordsOffset;
    starts[field] = from;
    let p = from;
    for (const aligned = Math.min(end, ((offset + from + 3) & ~3) - offset); p < aligned; p++) {
      if (buf[p] === COMMA) {
        ends[field] = p;
        if (++field === count) return Split.Failed;
        starts[field] = p + 1;
        if (field === bounded) return this.counted(field + 1 + countCommas(buf, words, offset, p + 1, end), bounded);
      }
    }
    const last = (offset + end) >> 2;
    for (let w = (offset + p) >> 2; w < last; w++) {
      if (commaBytes(words[w]) === 0) continue;
      for (let b = (w << 2) - offset, to = b + 4; b < to; b++) {
        if (buf[b] === COMMA) {
          ends[field] = b;
          if (++field === count) return Split.Failed;
          starts[field] = b + 1;
          if (field === bounded) return this.counted(field + 1 + countCommas(buf, words, offset, b + 1, end), bounded);
        }
      }
    }
    for (p = Math.max(p, (last << 2) - offset); p < end; p++) {
      if (buf[p] === COMMA) {
        ends[field] = p;
        if (++field === count) return Split.Failed;
        starts[field] = p + 1;
        if (field === bounded) return this.counted(field + 1 + countCommas(buf, words, offset, p + 1, end), bounded);
      }
    }
    ends[field] = end;
    return this.counted(field + 1, count);
  }

  /** The outcome of a split whose fields from `bounded` on were only counted. */
  private counted(fields: number, bounded: number): Split {
    this.bounded = bounded;
    return fields === this.columns.count ? Split.Done : Split.Failed;
  }

  /** Bounds the fields the last split only counted: they hold no quote, and their count is right. */
  private boundRest(buf: Buffer, end: number): void {
    const field = this.bounded;
    const count = this.columns.count;
    if (field === count) return;
    this.quoted.fill(0, field);
    this.splitPlain(buf, this.starts[field], end, field, count);
  }

  /** 32-bit words over the memory of `buf` (cached: chunks of one input share their memory). */
  private wordsOver(buf: Buffer): Int32Array<ArrayBufferLike> {
    if (buf !== this.wordsOf) {
      this.wordsOf = buf;
      this.wordsOffset = buf.byteOffset;
      if (buf.buffer !== this.words.buffer) this.words = new Int32Array(buf.buffer, 0, buf.buffer.byteLength >> 2);
    }
    return this.words;
  }

  /** Called before each chunk is split into lines. */
  startChunk(): void {
    this.quotes.reset();
  }

  private splitQuoted(buf: Buffer, start: number, end: number, bounded: number): Split {
    const { starts, ends, quoted } = this;
    const count = this.columns.count;
    let field = 0;
    let at = start;
    while (true) {
      if (field === count) return Split.Failed;
      if (field === bounded && this.quotes.next(buf, at) >= end) {
        starts[field] = at;
        return this.counted(field + 1 + countCommas(buf, this.wordsOver(buf), this.wordsOffset, at, end), bounded);
      }
      let from = at;
      while (from < end && isBlank(buf[from])) from++;
      if (from < end && buf[from] === QUOTE) {
        let q = from + 1;
        while (true) {
          // Quoted text (a Description) runs long: its closing quote is found natively.
          q = this.quotes.next(buf, q);
          if (q >= end) return Split.Open;
          if (buf[q + 1] === QUOTE && q + 1 < end) {
            q += 2;
            continue;
          }
          break;
        }
        let after = q + 1;
        while (after < end && isBlank(buf[after])) after++;
        starts[field] = from;
        ends[field] = q + 1;
        quoted[field] = 1;
        field++;
        if (after === end) break;
        if (buf[after] !== COMMA) return Split.Failed;
        at = after + 1;
      } else {
        let to = at;
        while (to < end) {
          const b = buf[to];
          if (b === COMMA) break;
          if (b === QUOTE) return Split.Failed;
          to++;
        }
        starts[field] = at;
        ends[field] = to;
        quoted[field] = 0;
        field++;
        if (to === end) break;
        at = to + 1;
      }
    }
    return this.counted(field, count);
  }

  /** `YYYY-MM-DD[ T]HH:MM:SS[.,fraction]`, spaces around, naming a real day and time. */
  private validTime(buf: Buffer, from: number, to: number): boolean {
    while (from < to && buf[from] === SPACE) from++;
    while (to > from && buf[to - 1] === SPACE) to--;
    const n = to - from;
    if (n < 19 || n === 20 || n > 29) return false;
    const t = from;
    if (
      !(isDigit(buf[t]) && isDigit(buf[t + 1]) && isDigit(buf[t + 2]) && isDigit(buf[t + 3]) && buf[t + 4] === 45 &&
        isDigit(buf[t + 5]) && isDigit(buf[t + 6]) && buf[t + 7] === 45 && isDigit(buf[t + 8]) && isDigit(buf[t + 9]) &&
        (buf[t + 10] === SPACE || buf[t + 10] === 84) &&
        isDigit(buf[t + 11]) && isDigit(buf[t + 12]) && buf[t + 13] === 58 && isDigit(buf[t + 14]) && isDigit(buf[t + 15]) &&
        buf[t + 16] === 58 && isDigit(buf[t + 17]) && isDigit(buf[t + 18]))
    ) {
      return false;
    }
    if (n > 19) {
      if (buf[t + 19] !== 46 && buf[t + 19] !== COMMA) return false;
      for (let i = t + 20; i < to; i++) if (!isDigit(buf[i])) return false;
    }
    const year = two(buf, t) * 100 + two(buf, t + 2);
    const month = two(buf, t + 5);
    const day = two(buf, t + 8);
    return (
      two(buf, t + 11) <= 23 && two(buf, t + 14) <= 59 && two(buf, t + 17) <= 60 &&
      month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    );
  }

  /**
   * Whether the careful reader keeps the row (its kind then in `keptKind`), cached by the
   * raw bytes of its deciding fields; a quoted deciding field is decided by the careful
   * reader alone.
   */
  private kept(buf: Buffer): boolean {
    const { starts, ends } = this;
    const deciding = this.columns.deciding;
    // A cheap hash (lengths and end bytes): equal bytes are checked in full below. This runs
    // for every row: indexed loops, and a hash in the small-integer range, leave no garbage
    // (an iterator or a boxed number) behind.
    let hash = 0;
    let length = 0;
    for (let d = 0; d < deciding.length; d++) {
      const i = deciding[d];
      if (i < 0) continue;
      if (this.isQuoted(i)) {
        this.keptKind = null;
        return true;
      }
      const from = starts[i];
      const to = ends[i];
      hash = (hash * 31 + (to - from)) | 0;
      if (to > from) hash = (hash * 961 + buf[from] * 31 + buf[to - 1]) | 0;
      length += to - from + 1;
    }
    hash &= 0x3fffffff;
    const bucket = this.decisions.get(hash);
    if (bucket) {
      for (let e = 0; e < bucket.length; e++) {
        const entry = bucket[e];
        if (entry.bytes.length === length && this.sameFields(buf, entry.bytes)) {
          this.keptKind = entry.kind;
          return entry.kind !== null;
        }
      }
    }
    const fields = deciding.map((i) => (i < 0 ? null : buf.toString('utf8', starts[i], ends[i])));
    const kind = this.kindOfRow(fields);
    if (this.cached < MAX_CACHED_DECISIONS) {
      this.cached++;
      const bytes = Buffer.concat(deciding.filter((i) => i >= 0).map((i) => Buffer.concat([buf.subarray(starts[i], ends[i]), Buffer.of(COMMA)])));
      if (bucket) bucket.push({ bytes, kind });
      else this.decisions.set(hash, [{ bytes, kind }]);
    }
    this.keptKind = kind;
    return kind !== null;
  }

  /** The deciding fields of the current row, each followed by a comma, equal `bytes`. */
  private sameFields(buf: Buffer, bytes: Buffer): boolean {
    const { starts, ends } = this;
    const deciding = this.columns.deciding;
    let k = 0;
    for (let d = 0; d < deciding.length; d++) {
      const i = deciding[d];
      if (i < 0) continue;
      for (let p = starts[i]; p < ends[i]; p++) if (buf[p] !== bytes[k++]) return false;
      if (bytes[k++] !== COMMA) return false;
    }
    return true;
  }
}
