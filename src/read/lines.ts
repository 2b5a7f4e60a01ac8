/**
 * Splits a byte stream into physical lines without decoding them, so that later stages
 * decide which lines are worth a string. A line longer than `maxLineBytes` is never held
 * in memory: it is reported by number and skipped.
 */
export interface LineHandler {
  /** `buf[start..end)` is the line without its `\n` (and without a `\r` before it). */
  line(buf: Buffer, start: number, end: number, lineNo: number): void;
  overlong(lineNo: number): void;
  /**
   * Takes whole lines of `chunk` from `start` on by itself, as `line` would, for as long as
   * it can: where it stopped (the start of a line) and how many it took; null when it takes
   * none of this chunk's lines.
   */
  run?(chunk: Buffer, start: number): { to: number; lines: number } | null;
}

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skippingOverlong = false;
  /** Physical lines seen so far. */
  lineNo = 0;
  /** Bytes up to and including the last newline (where a follow-up read may resume). */
  completeBytes = 0;
  private totalBytes = 0;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes: number,
    /** Lines before the first byte pushed (a resumed read numbers lines as the whole input does). */
    linesBefore = 0,
  ) {
    this.lineNo = linesBefore;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let running = this.handler.run !== undefined;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (running && this.carryBytes === 0 && !this.skippingOverlong) {
        const run = this.handler.run!(chunk, start);
        if (run === null) {
          running = false;
        } else if (run.lines > 0) {
          this.lineNo += run.lines;
          start = run.to;
          this.completeBytes = this.totalBytes + start;
          nl = chunk.indexOf(10, start);
          if (nl === -1) break;
        }
      }
      this.lineNo++;
      this.completeBytes = this.totalBytes + nl + 1;
      if (this.skippingOverlong) {
        this.skippingOverlong = false;
        this.handler.overlong(this.lineNo);
      } else if (this.carryBytes > 0) {
        if (this.carryBytes + (nl - start) > this.maxLineBytes) {
          this.handler.overlong(this.lineNo);
        } else {
          this.carry.push(chunk.subarray(start, nl));
          const joined = Buffer.concat(this.carry);
          this.emit(joined, 0, joined.length);
        }
        this.carry = [];
        this.carryBytes = 0;
      } else if (nl - start > this.maxLineBytes) {
        this.handler.overlong(this.lineNo);
      } else {
        this.emit(chunk, start, nl);
      }
      start = nl + 1;
    }
    this.totalBytes += chunk.length;
    if (start < chunk.length && !this.skippingOverlong) {
      // Copied: the reader may reuse the chunk's memory for the next read.
      this.carry.push(Buffer.from(chunk.subarray(start)));
      this.carryBytes += chunk.length - start;
      if (this.carryBytes > this.maxLineBytes) {
        this.skippingOverlong = true;
        this.carry = [];
        this.carryBytes = 0;
      }
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.skippingOverlong) {
      this.lineNo++;
      this.skippingOverlong = false;
      this.handler.overlong(this.lineNo);
    } else if (this.carryBytes > 0) {
      this.lineNo++;
      const joined = Buffer.concat(this.carry);
      this.carry = [];
      this.carryBytes = 0;
      this.emit(joined, 0, joined.length);
    }
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === 13) end--;
    this.handler.line(buf, start, end, this.lineNo);
  }
}
