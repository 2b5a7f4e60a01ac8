/**
 * CSV syntax for report exports: physical lines grouped into records by quote parity, and
 * one record split into fields. Damage stays local: a quote that never closes costs the
 * record that opened it, and the lines after that record's first line are read again.
 */
import { ByteFinder } from '../read/byte-finder.js';
import { LineText } from '../read/line-text.js';
import { LineSplitter } from '../read/lines.js';
import { MAX_RECORD_BYTES } from './types.js';

/** What the consumer decided about a record. */
export type RecordVerdict =
  | 'read'
  /** The record's fields make no sense (a quote probably ran across rows): read its later lines again. */
  | 'misdelimited';

export interface CsvRecordHandler {
  /**
   * One record: its physical lines joined by `\n` (line ends removed, `\r\n` included),
   * the line it starts on and the line it ends on.
   */
  record(text: string, firstLine: number, lastLine: number): RecordVerdict;
  /** A record that could not be delimited. */
  unreadable(problem: UnreadableRecord): void;
  /**
   * The fast path: offered each line that starts a record, before it is decoded, and each
   * record that spans lines once its quote closes (its lines joined by `\n`, numbered from
   * `lineNo`). 'taken' when it read the record, 'open' when a quoted field runs on past the
   * line, 'declined' when the careful reader must read it.
   */
  quick?(buf: Buffer, start: number, end: number, lineNo: number): QuickRecord;
  /**
   * The fast path over whole rows: takes the one-line records of `chunk` from `start` on,
   * as `quick` would take them, for as long as it can. Where it stopped and how many it
   * took; null when it takes none of this chunk's.
   */
  run?(chunk: Buffer, start: number): { to: number; rows: number } | null;
}

export type QuickRecord = 'taken' | 'open' | 'declined';

export interface UnreadableRecord {
  line: number;
  /** `quote`: a quote never closed; `length`: a line longer than MAX_RECORD_BYTES. */
  cause: 'quote' | 'length';
  reason: string;
  /** The lines after `line` that were read again as records of their own, if any. */
  reread: { first: number; last: number } | null;
}

interface PhysicalLine {
  lineNo: number;
  text: string;
  bytes: number;
}

const QUOTE = 34;

/**
 * Groups physical lines into records: a record ends at a line end where its quotes are
 * balanced. A record still open at the end of input, or past MAX_RECORD_BYTES, is
 * reported unreadable at its first line and reading resumes at its second line.
 */
export class CsvRecordSplitter {
  private readonly lines: LineSplitter;
  /** The lines of a record whose quote is still open. */
  private open: PhysicalLine[] = [];
  private openBytes = 0;
  /** The same, as bytes, while the fast path may still read the record. */
  private readonly held = new HeldLines();
  private readonly quotes = new ByteFinder(QUOTE);
  /** What the last run took (one object, refilled). */
  private readonly taken = { to: 0, lines: 0 };
  /** NUL bytes and lines that are not UTF-8; its notes are the input's. */
  readonly text = new LineText();

  constructor(private readonly handler: CsvRecordHandler) {
    this.lines = new LineSplitter(
      {
        line: (buf, start, end, lineNo) => this.line(buf, start, end, lineNo),
        overlong: (lineNo) => this.overlong(lineNo),
        run: (chunk, start) => this.run(chunk, start),
      },
      MAX_RECORD_BYTES,
    );
  }

  /** Physical lines seen so far. */
  get lineNo(): number {
    return this.lines.lineNo;
  }

  push(chunk: Buffer): void {
    this.text.scan(chunk);
    this.quotes.reset();
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
    this.release();
    if (this.open.length > 0) this.abandonOpen('a quote opened in this record is never closed');
  }

  /** Rows the fast path takes whole; none while a record is held or open, or in a chunk with NUL or non-ASCII bytes. */
  private run(chunk: Buffer, start: number): { to: number; lines: number } | null {
    if (this.handler.run === undefined || this.text.suspect(chunk)) return null;
    const taken = this.taken;
    taken.to = start;
    taken.lines = 0;
    if (this.held.lines > 0 || this.open.length > 0) return taken;
    const run = this.handler.run(chunk, start);
    if (run === null) return null;
    taken.to = run.to;
    taken.lines = run.rows;
    return taken;
  }

  private line(buf: Buffer, start: number, end: number, lineNo: number): void {
    let damaged = false;
    let encoding: 'utf8' | 'latin1' = 'utf8';
    if (this.text.suspect(buf)) {
      // NUL padding is skipped; a NUL inside, or a line that is not UTF-8, is for the careful reader.
      const damage = this.text.check(buf, start, end, lineNo);
      start = damage.start;
      damaged = damage.nulAt > 0 || damage.latin1;
      if (damage.latin1) encoding = 'latin1';
    }
    if (this.held.lines > 0) {
      if (!damaged && this.hold(buf, start, end)) return;
      this.release();
    }
    if (!damaged && this.open.length === 0 && this.handler.quick) {
      const verdict = this.handler.quick(buf, start, end, lineNo);
      if (verdict === 'taken') return;
      if (verdict === 'open') {
        this.held.start(buf, start, end, lineNo);
        return;
      }
    }
    const text = buf.toString(encoding, start, end);
    this.feed({ lineNo, text, bytes: end - start });
  }

  /**
   * Adds a line to the held record; once its quote closes, offers the record to the fast
   * path. False (nothing held) when the line would take the record past MAX_RECORD_BYTES:
   * the careful reader then reports it.
   */
  private hold(buf: Buffer, start: number, end: number): boolean {
    const held = this.held;
    if (held.bytes + 1 + end - start > MAX_RECORD_BYTES) return false;
    held.add(buf, start, end);
    let odd = false;
    for (let q = this.quotes.next(buf, start); q < end; q = this.quotes.next(buf, q + 1)) odd = !odd;
    if (!odd) return true;
    // A view of its own: the fast path caches searches by buffer, and `held.buf` is reused.
    if (this.handler.quick!(held.buf.subarray(0, held.bytes), 0, held.bytes, held.firstLine) === 'taken') {
      held.clear();
      return true;
    }
    const lines = held.take();
    this.closed(lines);
    return true;
  }

  /** Hands a held record's lines to the careful reader, still open. */
  private release(): void {
    if (this.held.lines === 0) return;
    for (const line of this.held.take()) this.feed(line);
  }

  private feed(line: PhysicalLine): void {
    const odd = hasOddQuotes(line.text);
    if (this.open.length === 0) {
      if (!odd) {
        this.handler.record(line.text, line.lineNo, line.lineNo);
        return;
      }
      this.open.push(line);
      this.openBytes = line.bytes;
      return;
    }
    this.open.push(line);
    this.openBytes += line.bytes + 1;
    if (this.openBytes > MAX_RECORD_BYTES) {
      this.abandonOpen(`a quote opened in this record is not closed within ${MAX_RECORD_BYTES} bytes`);
    } else if (odd) {
      const lines = this.open;
      this.open = [];
      this.openBytes = 0;
      this.closed(lines);
    }
  }

  private closed(lines: PhysicalLine[]): void {
    const first = lines[0].lineNo;
    const last = lines[lines.length - 1].lineNo;
    const verdict = this.handler.record(lines.map((l) => l.text).join('\n'), first, last);
    if (verdict === 'misdelimited') this.reread(lines);
  }

  private overlong(lineNo: number): void {
    this.release();
    if (this.open.length > 0) {
      this.abandonOpen(`a quote opened in this record is not closed before line ${lineNo}, which is too long`);
    }
    this.handler.unreadable({ line: lineNo, cause: 'length', reason: `line longer than ${MAX_RECORD_BYTES} bytes`, reread: null });
  }

  private abandonOpen(why: string): void {
    const lines = this.open;
    this.open = [];
    this.openBytes = 0;
    const reread = lines.length > 1 ? { first: lines[1].lineNo, last: lines[lines.length - 1].lineNo } : null;
    this.handler.unreadable({ line: lines[0].lineNo, cause: 'quote', reason: why, reread });
    this.reread(lines);
  }

  /**
   * Feeds a record's lines after its first again. Each of them has balanced quotes but
   * the last (else the record would have ended earlier), so this never loops.
   */
  private reread(lines: PhysicalLine[]): void {
    for (let i = 1; i < lines.length; i++) this.feed(lines[i]);
  }
}

/**
 * The lines of one record that spans lines, copied (the reader reuses its chunks) and
 * joined by `\n` as the careful reader joins them.
 */
class HeldLines {
  buf = Buffer.allocUnsafe(64 * 1024);
  bytes = 0;
  lines = 0;
  firstLine = 0;
  /** Where each line ends in `buf` (the first `lines` entries; reused from record to record). */
  private readonly ends: number[] = [];

  start(buf: Buffer, start: number, end: number, lineNo: number): void {
    this.firstLine = lineNo;
    this.bytes = 0;
    this.lines = 0;
    this.append(buf, start, end);
  }

  add(buf: Buffer, start: number, end: number): void {
    this.reserve(1);
    this.buf[this.bytes++] = 10;
    this.append(buf, start, end);
  }

  /** The lines as the careful reader holds them, and nothing held any more. */
  take(): PhysicalLine[] {
    const lines: PhysicalLine[] = [];
    let from = 0;
    for (let i = 0; i < this.lines; i++) {
      const to = this.ends[i];
      lines.push({ lineNo: this.firstLine + i, text: this.buf.toString('utf8', from, to), bytes: to - from });
      from = to + 1;
    }
    this.clear();
    return lines;
  }

  clear(): void {
    this.lines = 0;
    this.bytes = 0;
  }

  private append(buf: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.bytes += buf.copy(this.buf, this.bytes, start, end);
    this.ends[this.lines++] = this.bytes;
  }

  private reserve(more: number): void {
    if (this.bytes + more <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.bytes + more));
    this.buf.copy(grown, 0, 0, this.bytes);
    this.buf = grown;
  }
}

/** "line 6" or "lines 6-9". */
export function lineRange(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

function hasOddQuotes(text: string): boolean {
  let odd = false;
  for (let q = text.indexOf('"'); q !== -1; q = text.indexOf('"', q + 1)) odd = !odd;
  return odd;
}

/**
 * Splits one record into its fields, or returns why it cannot. RFC 4180 quoting (`""` is
 * one quote inside a quoted field), read liberally: blanks around a quoted field and
 * quotes inside an unquoted field are accepted; text after a closing quote is not.
 */
export function splitCsvFields(text: string): string[] | { error: string } {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  while (true) {
    let j = i;
    while (j < n && isBlank(text.charCodeAt(j))) j++;
    if (j < n && text.charCodeAt(j) === QUOTE) {
      let value = '';
      let from = j + 1;
      while (true) {
        const q = text.indexOf('"', from);
        if (q === -1) return { error: `the quote that opens field ${fields.length + 1} is never closed` };
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      fields.push(value);
      if (j === n) return fields;
      if (text.charCodeAt(j) !== 44 /* , */) {
        return { error: `text follows the closing quote of field ${fields.length}` };
      }
      i = j + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
