import type { AmRecord, EventKind, LocalTime, Malformed } from '../model.js';

/** What a parser hands on: kept records (kind not null) and records it could not read. */
export interface RecordSink {
  record(record: AmRecord): void;
  /**
   * When present, online problems the fast path has vouched for are offered here before
   * their record is built: a busy log holds hundreds of thousands of failed logins, and
   * the diagnosis keeps only each user's latest few. False when the sink wants the record
   * now: the parser then builds it and hands it to `record`.
   */
  deferred?(problem: DeferredProblem): boolean;
  malformed(problem: Malformed): void;
}

/**
 * An online problem whose record is not built yet. Valid only during the `deferred` call:
 * `text` is reused for the next one, so a sink that keeps the problem copies the bytes.
 */
export interface DeferredProblem {
  localTime: LocalTime;
  /** The record's `userId`. */
  userId: string | null;
  /** The record's text is `text[start, end)`: its line, or its lines joined by `\n`. */
  text: Buffer;
  start: number;
  end: number;
  /** The record's (first) line. */
  line: number;
  /** The record, read again from a copy of that text. */
  build: BuildRecord;
}

export type BuildRecord = (text: Buffer, line: number) => AmRecord & { kind: EventKind };

/** A parser's one DeferredProblem, refilled for every problem it defers. */
export function reusableProblem(build: BuildRecord): DeferredProblem {
  return {
    localTime: { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 },
    userId: null,
    text: Buffer.alloc(0),
    start: 0,
    end: 0,
    line: 0,
    build,
  };
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
