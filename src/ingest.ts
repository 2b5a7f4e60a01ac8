/**
 * Reads one input from bytes to records: gzip and encoding, shape detection, then the
 * shape's parser. Damage ends the input, never the run: what was read before it counts.
 */
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { firstNonEmptyLine, looksLikeReportCsvHeader } from './detect.js';
import { AamlogError, describeSystemError } from './errors.js';
import { createReportCsvParser } from './parse/csv.js';
import { AmLineParser } from './parse/line-parser.js';
import { MAX_RECORD_BYTES, type ParseCounts, type RecordParser, type RecordSink } from './parse/types.js';
import { inflate, stopReading, toUtf8, type Chunks, type DecodeInfo } from './read/decode.js';
import { readFileChunks } from './read/file-chunks.js';
import type { InputRef } from './read/inputs.js';
import type { ReportInput } from './report.js';
import { ZonePlacer } from './time.js';

/** Bytes of text read before the shape is decided when no line has ended yet. */
const DETECT_LIMIT = 64 * 1024;

/** Decoded bytes an input is recognised by when reading resumes (its fingerprint's extent). */
export const HEAD_BYTES = 1024;

/** A place in an input's decoded text: a line start, given as bytes and lines before it. */
export interface ReadPosition {
  bytes: number;
  lines: number;
}

export interface ResumeOptions {
  /**
   * Where to start, given the input's first decoded bytes (after gunzip and transcoding;
   * HEAD_BYTES of them, fewer only when the input is shorter). A last line without its
   * newline is then left unread, for a later read to take whole.
   */
  startAt(head: Buffer): ReadPosition;
}

export interface IngestOptions {
  zone: string;
  /** `--date`: the day of header-stripped syslog lines. */
  date: { year: number; month: number; day: number } | null;
  stdin: Readable;
  /** Called as raw bytes are read, for progress displays. */
  onBytes?: (bytes: number) => void;
  /** Read only what follows an earlier read of the same content (the nightly job). */
  resume?: ResumeOptions;
}

export interface IngestedInput {
  /** Counts of what this read parsed (for a resumed read: from its start on). */
  summary: ReportInput;
  /** Raw bytes read from the file (compressed size for gzip). */
  bytesRead: number;
  /**
   * With `resume`: how far the input is now read (through its last complete line, never
   * before the start), and its first min(HEAD_BYTES, bytes) decoded bytes.
   */
  position?: ReadPosition & { head: Buffer };
}

export async function ingestInput(ref: InputRef, sink: RecordSink, options: IngestOptions): Promise<IngestedInput> {
  const summary: ReportInput = {
    path: ref.path,
    format: null,
    lines: 0,
    records: 0,
    otherLines: 0,
    malformed: 0,
    offlineFailures: 0,
    errors: [],
    notes: [],
  };
  const info: DecodeInfo = { gzip: false, encoding: 'utf-8', encodingNote: null };
  let bytesRead = 0;
  const fallback = await fallbackDate(ref, options);
  let start: ReadPosition = { bytes: 0, lines: 0 };
  const makeParser = (firstLine: string | null): RecordParser => {
    if (firstLine !== null && looksLikeReportCsvHeader(firstLine)) {
      summary.format = 'report-csv';
      return createReportCsvParser(ref.path, sink);
    }
    return new AmLineParser(
      { file: ref.path, fallbackDate: fallback.date, fallbackDateOrigin: fallback.origin, firstLineNo: start.lines + 1 },
      sink,
    );
  };

  let parser: RecordParser | null = null;
  let feed: Feed | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  let headBuffer = Buffer.alloc(0);
  // The shape is decided, and a resumed read placed, once the first line and the head are in hand.
  const begin = (firstLine: string | null) => {
    start = options.resume?.startAt(headBuffer.subarray(0, HEAD_BYTES)) ?? start;
    parser = makeParser(firstLine);
    feed = new Feed(parser, start, Boolean(options.resume));
    if (start.bytes > 0 && summary.format === 'report-csv') feed.replayHeader(headBuffer, start);
    feed.push(headBuffer);
    head = [];
  };
  try {
    const raw: AsyncIterable<Buffer> = ref.kind === 'stdin' ? options.stdin : readFileChunks(ref.path);
    const counted = eachChunk(raw, (chunk) => {
      bytesRead += chunk.length;
      options.onBytes?.(chunk.length);
    });
    // A file can be read again to recover what corrupt gzip data would otherwise take with it.
    const reread = ref.kind === 'stdin' ? undefined : () => readFileChunks(ref.path, { regularOnly: true });
    for await (const chunk of toUtf8(inflate(counted, info, reread), info)) {
      if (feed) {
        (feed as Feed).push(chunk);
        continue;
      }
      head.push(Buffer.from(chunk)); // the reader reuses a chunk's memory
      headBytes += chunk.length;
      headBuffer = Buffer.concat(head);
      const firstLine = firstNonEmptyLine(headBuffer, false);
      if ((firstLine !== null || headBytes >= DETECT_LIMIT) && (headBytes >= HEAD_BYTES || !options.resume)) {
        begin(firstLine);
      }
    }
  } catch (error) {
    if (error instanceof AamlogError) throw error; // --strict: a malformed record ends the run
    const kept = parser || headBytes > 0 ? '; the records before the damage were read' : '';
    summary.errors.push(`${describeSystemError(error)}${kept}`);
  }
  if (!feed) {
    headBuffer = Buffer.concat(head);
    begin(firstNonEmptyLine(headBuffer, true));
  }
  const done = feed as unknown as Feed;
  const parsed = done.end();
  summary.lines = parsed.lines - start.lines;
  summary.records = parsed.records - done.replayed.records;
  summary.otherLines = parsed.otherLines - done.replayed.otherLines;
  summary.malformed = parsed.malformed - done.replayed.malformed;
  const finished = done.parser;
  if (finished instanceof AmLineParser) summary.format = finished.format ?? (summary.lines > 0 ? 'syslog' : null);
  if (info.gzip) summary.notes.push('gzip-compressed');
  if (info.encodingNote) summary.notes.push(`read as ${info.encodingNote}`);
  summary.notes.push(...finished.notes);
  summary.errors.push(...finished.errors);
  if (parsed.lines === 0 && summary.errors.length === 0) summary.notes.push('warning: the input is empty');
  if (summary.format === 'report-csv' && start.bytes === 0 && parsed.records + parsed.malformed === 0 && summary.errors.length === 0) {
    summary.notes.push('warning: the report has a header row and no rows');
  }
  if (!options.resume) return { summary, bytesRead };
  const position = done.position(parsed.lines);
  return { summary, bytesRead, position: { ...position, head: headBuffer.subarray(0, Math.min(HEAD_BYTES, position.bytes)) } };
}

/**
 * `source`'s chunks, each shown to `see` as it is read: a wrapping async generator would
 * add a step of its own to every chunk (see afterHead in read/decode.ts).
 */
function eachChunk(source: AsyncIterable<Buffer>, see: (chunk: Buffer) => void): Chunks {
  const chunks = source[Symbol.asyncIterator]();
  const seen = (step: IteratorResult<Buffer>) => {
    if (!step.done) see(step.value);
    return step;
  };
  return {
    next: () => chunks.next().then(seen),
    return: (value?: unknown) => stopReading(chunks, value),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Hands decoded text to the parser from a start position on, and (when resuming) holds
 * back a last line that has no newline yet, so a later read takes it whole.
 */
class Feed {
  /** Decoded bytes seen, counted from the input's start. */
  private offset = 0;
  /** Decoded bytes handed to the parser through their last newline, counted from the input's start. */
  private complete: number;
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** What the parser counted in text replayed before the start (a report's header row). */
  replayed: ParseCounts = { lines: 0, records: 0, otherLines: 0, malformed: 0 };

  constructor(
    readonly parser: RecordParser,
    private readonly start: ReadPosition,
    private readonly holdPartialLine: boolean,
  ) {
    this.complete = start.bytes;
  }

  /**
   * A report export's rows mean nothing without its header: the text through the header
   * row is parsed again, then blank lines stand in for the rest of what was read before,
   * so line numbers stay those of the whole input. The parser's counts of them are taken off.
   */
  replayHeader(head: Buffer, start: ReadPosition): void {
    const headerEnd = endOfFirstNonEmptyLine(head);
    const replay = headerEnd !== -1 && headerEnd <= start.bytes ? head.subarray(0, headerEnd) : Buffer.alloc(0);
    if (replay.length > 0) this.parser.push(replay);
    let lines = 0;
    for (let nl = replay.indexOf(10); nl !== -1; nl = replay.indexOf(10, nl + 1)) lines++;
    for (let left = start.lines - lines; left > 0; left -= BLANK_LINES.length) {
      this.parser.push(BLANK_LINES.subarray(0, Math.min(left, BLANK_LINES.length)));
    }
    this.replayed = { ...this.parser.counts };
  }

  push(chunk: Buffer): void {
    const from = this.offset;
    this.offset += chunk.length;
    if (this.offset <= this.start.bytes) return;
    if (from < this.start.bytes) chunk = chunk.subarray(this.start.bytes - from);
    if (!this.holdPartialLine) {
      this.parser.push(chunk);
      return;
    }
    const nl = chunk.lastIndexOf(10);
    if (nl === -1) {
      this.hold(chunk);
      return;
    }
    this.release();
    this.parser.push(chunk.subarray(0, nl + 1));
    this.complete = this.offset - chunk.length + nl + 1;
    this.hold(chunk.subarray(nl + 1));
  }

  /** Ends the parse; returns the parser's counts. */
  end(): ParseCounts {
    if (!this.holdPartialLine) this.release();
    this.parser.end();
    return this.parser.counts;
  }

  /** How far the input is read, given the lines the parser counted. */
  position(lines: number): ReadPosition {
    return this.complete > this.start.bytes ? { bytes: this.complete, lines } : this.start;
  }

  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.held.push(Buffer.from(bytes)); // the reader reuses a chunk's memory
    this.heldBytes += bytes.length;
    // A line this long is malformed whatever follows: hand it on rather than hold it in memory.
    if (this.heldBytes > MAX_RECORD_BYTES) {
      this.release();
      this.complete = this.offset;
    }
  }

  private release(): void {
    for (const bytes of this.held) this.parser.push(bytes);
    this.held = [];
    this.heldBytes = 0;
  }
}

const BLANK_LINES = Buffer.alloc(64 * 1024, 10);

/** The offset just past the newline that ends the first non-blank line, or -1. */
function endOfFirstNonEmptyLine(text: Buffer): number {
  let from = 0;
  for (let nl = text.indexOf(10); nl !== -1; nl = text.indexOf(10, from)) {
    if (text.toString('utf8', from, nl).trim() !== '') return nl + 1;
    from = nl + 1;
  }
  return -1;
}

async function fallbackDate(
  ref: InputRef,
  options: IngestOptions,
): Promise<{ date: IngestOptions['date']; origin: string }> {
  if (options.date) {
    const { year, month, day } = options.date;
    return { date: options.date, origin: `--date ${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }
  if (ref.kind === 'file') {
    const info = await stat(ref.path).catch(() => null);
    if (info) {
      const [year, month, day] = new ZonePlacer(options.zone).day(info.mtimeMs).split('-').map(Number);
      return {
        date: { year, month, day },
        origin: "the file's modification day",
      };
    }
  }
  return { date: null, origin: 'nowhere' };
}

