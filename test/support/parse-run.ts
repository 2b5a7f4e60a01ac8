/** Runs a record parser over a text as the file reader would feed it, and keeps what it gave. */
import type { AmRecord, Malformed } from '../../src/model.js';
import type { ParseCounts, RecordParser, RecordSink } from '../../src/parse/types.js';

export interface ParseOutcome {
  records: AmRecord[];
  malformed: Malformed[];
  counts: ParseCounts;
  notes: string[];
  errors: string[];
}

/**
 * Feeds `text` cut at `cuts` (byte offsets, in any order) through one scratch buffer that is
 * overwritten after every piece, as the file reader reuses its buffer: whatever a parser keeps
 * across pieces without copying turns into commas and shows up as a difference.
 */
export function parseInPieces(make: (sink: RecordSink) => RecordParser, text: Buffer, cuts: number[]): ParseOutcome & { parser: RecordParser } {
  const records: AmRecord[] = [];
  const malformed: Malformed[] = [];
  const parser = make({ record: (r) => records.push(r), malformed: (m) => malformed.push(m) });
  const scratch = Buffer.alloc(text.length);
  const bounds = [...new Set([0, ...cuts.map((c) => c % (text.length + 1)), text.length])].sort((a, b) => a - b);
  for (let i = 1; i < bounds.length; i++) {
    const size = text.copy(scratch, 0, bounds[i - 1], bounds[i]);
    parser.push(scratch.subarray(0, size));
    scratch.fill(0x2c, 0, size);
  }
  parser.end();
  return { records, malformed, counts: { ...parser.counts }, notes: [...parser.notes], errors: [...parser.errors], parser };
}
