/**
 * Damage inside a text that decoded as a whole: NUL bytes (a crash or a copytruncate
 * rotation pads a log with them) and bytes that are not UTF-8 (an export re-saved as
 * Latin-1). Clean input costs two fast scans per chunk: a line is looked at only when
 * its chunk holds a NUL or a non-ASCII byte, or when it spans chunks.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { ByteFinder } from './byte-finder.js';

export interface LineDamage {
  /** Where the line starts once NUL padding before it is skipped. */
  start: number;
  /** The column (1-based, in bytes) of a NUL inside the line, or 0. */
  nulAt: number;
  /** The line is not UTF-8: read it as Latin-1, which keeps distinct bytes distinct. */
  latin1: boolean;
}

export class LineText {
  private chunk: Buffer | null = null;
  private chunkClean = true;
  /** The chunk decodes as UTF-8 as a whole, so every line split from it does. */
  private chunkUtf8 = true;
  /** NUL bytes, found once per chunk and not once per line through the rest of it. */
  private readonly nuls = new ByteFinder(0);
  private paddedLines = 0;
  private firstPaddedLine = 0;
  private latin1Lines = 0;
  private firstLatin1Line = 0;

  /** Called with every chunk before the lines in it are split off. */
  scan(chunk: Buffer): void {
    this.chunk = chunk;
    this.nuls.reset();
    this.chunkClean = isAscii(chunk) && !chunk.includes(0);
    // A chunk cut inside a character is not UTF-8 as a whole: its lines are then checked one by one.
    this.chunkUtf8 = this.chunkClean || isUtf8(chunk);
  }

  /** Whether a line split from `buf` may be damaged; a line joined across chunks always may. */
  suspect(buf: Buffer): boolean {
    return buf !== this.chunk || !this.chunkClean;
  }

  /** What is wrong with `buf[start, end)`, counting the lines that need a note. */
  check(buf: Buffer, start: number, end: number, lineNo: number): LineDamage {
    let from = start;
    while (from < end && buf[from] === 0) from++;
    if (from > start && this.paddedLines++ === 0) this.firstPaddedLine = lineNo;
    const nul = this.nuls.next(buf, from);
    const nulAt = nul < end ? nul - start + 1 : 0;
    const latin1 = buf === this.chunk && this.chunkUtf8 ? false : !isUtf8(buf.subarray(from, end));
    if (latin1 && this.latin1Lines++ === 0) this.firstLatin1Line = lineNo;
    return { start: from, nulAt, latin1 };
  }

  /** Warnings for the input's notes (the CLI shows notes starting with "warning:"). */
  notes(): string[] {
    const notes: string[] = [];
    if (this.paddedLines > 0) {
      notes.push(
        `warning: ${this.paddedLines} line(s) began with NUL bytes (the first at line ${this.firstPaddedLine}), ` +
          'as a log does after a crash or a copytruncate rotation; the NUL bytes were skipped',
      );
    }
    if (this.latin1Lines > 0) {
      notes.push(
        `warning: ${this.latin1Lines} line(s) are not UTF-8 (the first at line ${this.firstLatin1Line}); ` +
          'they were read as Latin-1',
      );
    }
    return notes;
  }
}
