/**
 * The fast path for report exports. Most rows are records aamlog only counts: this reads
 * a one-line row on its bytes (field bounds, the Date & Time, the activity and result
 * fields) without decoding or splitting it, and vouches for it only when the careful
 * reader would count it and keep nothing. Anything else (a row spanning lines, a quote
 * out of place, a field count or time the careful reader would report, a kept action)
 * goes to the careful reader; test/fast-path.test.ts holds both to the same results.
 *
 * The byte work runs in WebAssembly (csv-quick.wat), on a copy of the chunk in the
 * module's memory: the split (its 16-byte searches find the commas and quotes), the Date &
 * Time, the decisions cached by the deciding fields, and runs of rows only counted. This
 * side computes a decision the cache lacks and reads a kept row's fields.
 */
import type { EventKind, LocalTime } from '../model.js';
import { CSV_QUICK_WASM } from './csv-quick-wasm.js';
import { instantiate, ModuleInput } from './wasm-input.js';

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

const SPACE = 32;

const two = (buf: Buffer, i: number) => (buf[i] - 48) * 10 + (buf[i + 1] - 48);

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

/** csv-quick.wat's verdict when its cache lacks the row's decision. */
const DECISION_MISSING = 4;
/** The kind code of a kept row whose deciding field is quoted (the careful reader decides). */
const QUOTED_DECIDING = -2;
/** csv-quick.wat's results, by index (of i32 from RESULTS_AT). */
const enum Result {
  RowQuoted = 0,
  Bounded = 1,
  KindCode = 2,
  RowsTaken = 3,
}
/** The deciding columns csv-quick.wat takes. */
const MAX_DECIDING = 4;

/** Where csv-quick.wat keeps field bounds, results, a chunk and a single row, and how much each holds. */
const MAX_FIELDS = 512;
const STARTS_AT = 0;
const ENDS_AT = 2048;
const QUOTED_AT = 4096;
const RESULTS_AT = 4608;
const CHUNK_AT = 1_310_720;
const CHUNK_BYTES = 262_144;
const ROW_AT = 81_920;
const ROW_BYTES = 65_472;

interface CsvQuickModule {
  /** Sets a header's layout (deciding columns -1 where absent) and empties the decision cache. */
  configure(count: number, classifying: number, time: number, d0: number, d1: number, d2: number, d3: number): void;
  /** The verdict on the row at `[start, end)` of memory (a `QuickRow`, or DECISION_MISSING); bounds less `base`. */
  classifyRow(start: number, end: number, base: number): number;
  /** Caches a kind code as the decision for the row last classified DECISION_MISSING. */
  rememberDecision(code: number): void;
  /** Takes whole rows from `start` while each is only counted: where it stopped. */
  scanRows(start: number, end: number, base: number): number;
  /** Bounds the fields from `field` on, the first starting at `from` (their count is known to be right). */
  splitRest(from: number, end: number, field: number, count: number, base: number): void;
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  /** The row holds a quote; how many fields have bounds; a kept row's kind code; the rows `scanRows` took. */
  results: Int32Array;
  input: ModuleInput;
  /** The rows whose layout the module holds. */
  owner: QuickCsvRows | null;
}

/**
 * One instance for the process. It holds no row between calls (each row's bounds are
 * copied out at once, and a row not in the chunk copied last is copied on its own), only
 * the layout and decisions of the rows that used it last: others configure it again.
 */
let shared: CsvQuickModule | null | undefined;

/** The module, or null where WebAssembly cannot run it (see `instantiate`). */
function csvQuickModule(): CsvQuickModule | null {
  if (shared === undefined) {
    const exports = instantiate<Pick<CsvQuickModule, 'configure' | 'classifyRow' | 'rememberDecision' | 'scanRows' | 'splitRest'>>(CSV_QUICK_WASM);
    if (exports === null) return (shared = null);
    const { buffer } = exports.memory;
    shared = {
      configure: exports.configure,
      classifyRow: exports.classifyRow,
      rememberDecision: exports.rememberDecision,
      scanRows: exports.scanRows,
      splitRest: exports.splitRest,
      starts: new Int32Array(buffer, STARTS_AT, MAX_FIELDS),
      ends: new Int32Array(buffer, ENDS_AT, MAX_FIELDS),
      quoted: new Uint8Array(buffer, QUOTED_AT, MAX_FIELDS),
      results: new Int32Array(buffer, RESULTS_AT, 4),
      input: new ModuleInput(Buffer.from(buffer), CHUNK_AT, CHUNK_BYTES, ROW_AT, ROW_BYTES),
      owner: null,
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
  /** Reads rows on their bytes (csv-quick.wat); null for a header of more than MAX_FIELDS columns or MAX_DECIDING deciding ones, or without WebAssembly. */
  private readonly module: CsvQuickModule | null;
  /** How many fields of the last row split have bounds; the rest were only counted (`field` bounds them when asked). */
  private bounded = 0;
  /** Where the last row classified ends. */
  private rowEnd = 0;
  /** How many leading fields classify a row: through the last of the time, deciding and User ID columns. */
  private readonly classifyingFields: number;
  /** Kinds by the module's codes: 0 only counted. */
  private readonly kinds: (EventKind | null)[] = [null];
  /** What the last `scan` took (one object, refilled). */
  private readonly run = { to: 0, rows: 0 };
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
    this.module = columns.count <= MAX_FIELDS && columns.deciding.length <= MAX_DECIDING ? csvQuickModule() : null;
  }

  /** The module, holding this header's layout and decisions. */
  private own(module: CsvQuickModule): CsvQuickModule {
    if (module.owner !== this) {
      const [d0 = -1, d1 = -1, d2 = -1, d3 = -1] = this.columns.deciding;
      module.configure(this.columns.count, this.classifyingFields, this.columns.time, d0, d1, d2, d3);
      module.owner = this;
      this.kinds.length = 1;
    }
    return module;
  }

  /**
   * What the careful reader would do with the record `buf[start, end)` (one line, or lines
   * joined by `\n`): count it, keep it (its fields are then read with `field`), or decide
   * itself (Unsure); Open when a quoted field runs past the end.
   */
  classify(buf: Buffer, start: number, end: number): QuickRow {
    if (this.module === null) return QuickRow.Unsure;
    const module = this.own(this.module);
    const base = module.input.place(buf, start, end);
    if (base === null) return QuickRow.Unsure;
    // Only the fields that decide are bounded; the rest of the row is only counted.
    const verdict = module.classifyRow(base + start, base + end, base);
    if (verdict !== QuickRow.Kept && verdict !== DECISION_MISSING) return verdict;
    const r = module.results;
    this.rowQuoted = r[Result.RowQuoted] === 1;
    this.bounded = r[Result.Bounded];
    this.copyBounds(module, 0, this.bounded, this.rowQuoted);
    // Where the first field only counted starts, for `boundRest`.
    if (this.bounded < this.columns.count) this.starts[this.bounded] = module.starts[this.bounded];
    if (verdict === DECISION_MISSING) {
      const { starts, ends } = this;
      const kind = this.kindOfRow(this.columns.deciding.map((i) => (i < 0 ? null : buf.toString('utf8', starts[i], ends[i]))));
      let code = this.kinds.indexOf(kind);
      if (code < 0) code = this.kinds.push(kind) - 1;
      module.rememberDecision(code);
      if (kind === null) return QuickRow.Counted;
      this.keptKind = kind;
    } else {
      const code = r[Result.KindCode];
      this.keptKind = code === QUOTED_DECIDING ? null : this.kinds[code];
    }
    this.rowEnd = end;
    return QuickRow.Kept;
  }

  /**
   * Takes the whole rows of `chunk` (the one last given to `startChunk`) from `start` on,
   * while each is one line the careful reader only counts: where it stopped and how many
   * it took; null when the chunk is not in the module.
   */
  scan(chunk: Buffer, start: number): { to: number; rows: number } | null {
    if (this.module === null) return null;
    const base = this.module.input.chunkBase(chunk);
    if (base < 0) return null;
    const module = this.own(this.module);
    const run = this.run;
    run.to = module.scanRows(base + start, base + chunk.length, base) - base;
    run.rows = module.results[Result.RowsTaken];
    return run;
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
    // classify placed the row, so the rest fits.
    const base = module.input.place(buf, from, end)!;
    module.splitRest(base + from, base + end, field, count, base);
    this.quoted.fill(0, field);
    this.bounded = count;
    this.copyBounds(module, field, count, false);
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
    this.module?.input.takeChunk(chunk);
  }
}
