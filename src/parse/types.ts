import type { AmRecord, Malformed } from '../model.js';

/** What a parser hands on: kept records (kind not null) and records it could not read. */
export interface RecordSink {
  record(record: AmRecord): void;
  malformed(problem: Malformed): void;
}

export interface ParseCounts {
  /** Physical lines. */
  lines: number;
  /** AM records recognised, kept or only counted. */
  records: number;
  /** Lines that are not AM records (OS messages, stack traces, blank lines). */
  otherLines: number;
  malformed: number;
}

/**
 * A streaming parser for one input: it is pushed UTF-8 chunks (BOM removed, UTF-16
 * already transcoded, gzip already inflated) and never throws for bad input.
 */
export interface RecordParser {
  push(chunk: Buffer): void;
  end(): void;
  readonly counts: ParseCounts;
  /** Facts about the input the user should see (e.g. rows lost to an unclosed quote). */
  readonly notes: string[];
  /** Damage that means the input was not read fully (exit status 2). */
  readonly errors: string[];
}

/** Records longer than this are malformed, never an out-of-memory. */
export const MAX_RECORD_BYTES = 1024 * 1024;
