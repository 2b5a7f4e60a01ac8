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
 *
 * `deferring`: the sink takes deferred online problems too, and builds each record at once
 * from a copy of its text (in its place among the records), after checking that the
 * time and user the parser gave with it are the built record's. `declineEvery`: it
 * declines every n-th problem offered (after the same check), and the parser builds it.
 */
export function parseInPieces(
  make: (sink: RecordSink) => RecordParser,
  text: Buffer,
  cuts: number[],
  { deferring = false, declineEvery = 0 } = {},
): ParseOutcome & { parser: RecordParser } {
  const records: AmRecord[] = [];
  const malformed: Malformed[] = [];
  const sink: RecordSink = { record: (r) => records.push(r), malformed: (m) => malformed.push(m) };
  if (deferring) {
    let offered = 0;
    sink.deferred = (problem) => {
      const record = problem.build(Buffer.from(problem.text.subarray(problem.start, problem.end)), problem.line);
      const given = { localTime: { ...problem.localTime }, userId: problem.userId };
      const built = { localTime: record.localTime, userId: record.userId };
      if (JSON.stringify(given) !== JSON.stringify(built)) {
        throw new Error(`line ${problem.line}: deferred as ${JSON.stringify(given)}, built as ${JSON.stringify(built)}`);
      }
      if (declineEvery > 0 && ++offered % declineEvery === 0) return false;
      records.push(record);
      return true;
    };
  }
  const parser = make(sink);
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
