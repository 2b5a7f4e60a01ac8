/**
 * The next place of one byte value in a chunk, found with native searches. Lines come in
 * order through a chunk, so one search serves every line up to the place it found: rare
 * bytes (quotes in a report row, colons in a syslog body) cost no per-byte JavaScript.
 */
export class ByteFinder {
  private buf: Buffer | null = null;
  private from = 0;
  private at = -1;

  constructor(private readonly byte: number) {}

  /** Called before each chunk: a reader may reuse a buffer's memory for the next one. */
  reset(): void {
    this.buf = null;
  }

  /** The first place of the byte at or after `from` in `buf`, or `buf.length` when there is none. */
  next(buf: Buffer, from: number): number {
    if (buf !== this.buf || from < this.from || (this.at !== -1 && this.at < from)) {
      this.buf = buf;
      this.from = from;
      this.at = buf.indexOf(this.byte, from);
    }
    return this.at === -1 ? buf.length : this.at;
  }
}
