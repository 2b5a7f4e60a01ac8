/**
 * The fast path for report exports. Most rows are records aamlog only counts: this reads
 * a one-line row on its bytes (field bounds, the Date & Time, the activity and result
 * fields) without decoding or splitting it, and vouches for it only when the careful
 * reader would count it and keep nothing. Anything else (a row spanning lines, a quote
 * out of place, a field count or time the careful reader would report, a kept action)
 * goes to the careful reader; test/fast-path.test.ts holds both to the same results.
 *
 * A row is split into fields in WebAssembly (csv-quick.wat), on a copy of the chunk in
 * the module's memory: its 16-byte searches find the commas and quotes. This side takes
 * the bounds it needs out and decides the row.
 */
import type { EventKind, LocalTime } from '../model.js';
import { daysInMonth } from '../time.js';
import { CSV_QUICK_WASM } from './csv-quick-wasm.js';

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
const SPACE = 32;

const isDigit = (b: number) => b >= 48 && b <= 57;
const two = (buf: Buffer, i: number) => (buf[i] - 48) * 10 + (buf[i + 1] - 48);

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

/** Where csv-quick.wat keeps field bounds, results, a chunk and a single row, and how much each holds. */
const MAX_FIELDS = 512;
const STARTS_AT = 0;
const ENDS_AT = 2048;
const QUOTED_AT = 4096;
const RESULTS_AT = 4608;
const CHUNK_AT = 8192;
const CHUNK_BYTES = 65_536;
const ROW_AT = 81_920;
const ROW_BYTES = 65_472;

interface CsvQuickModule {
  /** Bounds the first `bounded` fields of the row at `[start, end)` of memory, less `base`, and counts the rest. */
  split(start: number, end: number, bounded: number, count: number, base: number): Split;
  /** Bounds the fields from `field` on, the first starting at `from`. */
  splitRest(from: number, end: number, field: number, count: number, base: number): Split;
  memory: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  /** The row holds a quote; how many fields have bounds. */
  results: Int32Array;
  /** The chunk whose copy is at CHUNK_AT. */
  chunk: Buffer | null;
}

// Node has WebAssembly; TypeScript declares it only with the DOM library.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown) => {
    exports: { split: CsvQuickModule['split']; splitRest: CsvQuickModule['splitRest']; memory: { buffer: ArrayBuffer } };
  };
};

/**
 * One instance for the process. It holds no row between calls: each split's bounds are
 * copied out at once, and a row not in the chunk copied last is copied on its own.
 */
let shared: CsvQuickModule | null = null;

function csvQuickModule(): CsvQuickModule {
  if (shared === null) {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(CSV_QUICK_WASM, 'base64')));
    const { buffer } = exports.memory;
    shared = {
      split: exports.split,
      splitRest: exports.splitRest,
      memory: Buffer.from(buffer),
      starts: new Int32Array(buffer, STARTS_AT, MAX_FIELDS),
      ends: new Int32Array(buffer, ENDS_AT, MAX_FIELDS),
      quoted: new Uint8Array(buffer, QUOTED_AT, MAX_FIELDS),
      results: new Int32Array(buffer, RESULTS_AT, 2),
      chunk: null,
    };
  }
  return shared;
}

export class QuickCsvRows {
  /** Field i spans `[starts[i], ends[i])`, quotes included; reused for every row. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per field, whether it is quoted; read only when `rowQuoted` (a plain row leaves it as it was). */
  private readonly quoted: Uint8Array;
  /** The last row split holds a quote. */
  private rowQuoted = false;
  /** Splits rows on their bytes (csv-quick.wat); null for a header of more than MAX_FIELDS columns. */
  private readonly module: CsvQuickModule | null;
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
    this.module = columns.count <= MAX_FIELDS ? csvQuickModule() : null;
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
    const module = this.module;
    const base = module === null ? -1 : this.place(module, buf, start, end);
    if (base < 0) return Split.Failed;
    const split = module!.split(base + start, base + end, bounded, this.columns.count, base);
    if (split !== Split.Done) return split;
    this.rowQuoted = module!.results[0] === 1;
    this.bounded = module!.results[1];
    this.copyBounds(module!, 0, this.bounded, this.rowQuoted);
    // Where the first field only counted starts, for `boundRest`.
    if (this.bounded < this.columns.count) this.starts[this.bounded] = module!.starts[this.bounded];
    return Split.Done;
  }

  private isQuoted(field: number): boolean {
    return this.rowQuoted && this.quoted[field] === 1;
  }

  /** Bounds the fields the last split only counted: they hold no quote, and their count is right. */
  private boundRest(buf: Buffer, end: number): void {
    const field = this.bounded;
    const count = this.columns.count;
    if (field === count) return;
    const module = this.module!;
    const from = this.starts[field];
    const base = this.place(module, buf, from, end);
    module.splitRest(base + from, base + end, field, count, base);
    this.quoted.fill(0, field);
    this.bounded = count;
    this.copyBounds(module, field, count, false);
  }

  /**
   * Where `buf[0]` is in the module's memory: in the chunk's copy, or in a copy of
   * `buf[start, end)` (-1 when it is longer than the module holds: the careful reader
   * reads it).
   */
  private place(module: CsvQuickModule, buf: Buffer, start: number, end: number): number {
    if (buf === module.chunk) return CHUNK_AT;
    if (end - start > ROW_BYTES) return -1;
    buf.copy(module.memory, ROW_AT, start, end);
    return ROW_AT - start;
  }

  /** Takes fields `[from, to)`'s bounds, and with `quotes` their quote flags, out of the module. */
  private copyBounds(module: CsvQuickModule, from: number, to: number, quotes: boolean): void {
    const { starts, ends, quoted } = this;
    for (let i = from; i < to; i++) {
      starts[i] = module.starts[i];
      ends[i] = module.ends[i];
    }
    if (quotes) for (let i = from; i < to; i++) quoted[i] = module.quoted[i];
  }

  /** Called with each chunk before it is split into lines: its bytes are copied into the module once. */
  startChunk(chunk: Buffer): void {
    const module = this.module;
    if (module === null) return;
    if (chunk.length <= CHUNK_BYTES) {
      chunk.copy(module.memory, CHUNK_AT);
      module.chunk = chunk;
    } else {
      module.chunk = null;
    }
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
