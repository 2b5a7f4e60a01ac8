/** The parser for line-shaped inputs: syslog streams and appliance audit files. */
import type { AmRecord, EventKind, InputFormat } from '../model.js';
import { LineText } from '../read/line-text.js';
import { LineSplitter } from '../read/lines.js';
import { daysInMonth } from '../time.js';
import { parseAmLine, type LineContext, type LineResult } from './am-line.js';
import { Quick, QuickClassifier, type LineRun } from './quick-line.js';
import { KeptLineReader } from './quick-record.js';
import {
  MAX_RECORD_BYTES,
  reusableProblem,
  type BuildRecord,
  type DeferredProblem,
  type ParseCounts,
  type RecordParser,
  type RecordSink,
} from './types.js';

export interface LineParserOptions {
  file: string;
  fallbackDate: LineContext['fallbackDate'];
  /** Where `fallbackDate` came from, for the input's notes (e.g. "--date 2026-11-27"). */
  fallbackDateOrigin: string;
  /** Parse every line in full instead of vouching for counted-only records on their bytes. */
  careful?: boolean;
  /** The number of the first line pushed, when reading resumes partway through an input (default 1). */
  firstLineNo?: number;
}

export class AmLineParser implements RecordParser {
  readonly counts: ParseCounts = { lines: 0, records: 0, otherLines: 0, malformed: 0 };
  readonly notes: string[] = [];
  readonly errors: string[] = [];
  /** The shape of the first record read; null until one is. */
  format: InputFormat | null = null;
  private readonly splitter: LineSplitter;
  private readonly quick: QuickClassifier;
  private readonly keptLines = new KeptLineReader();
  private readonly context: LineContext;
  private readonly text = new LineText();
  private fallbackDateLines = 0;
  /** Handed to the sink for every deferred online problem, refilled each time. */
  private readonly problem: DeferredProblem;

  constructor(
    private readonly options: LineParserOptions,
    private readonly sink: RecordSink,
  ) {
    this.context = { file: options.file, lineNo: 0, fallbackDate: options.fallbackDate };
    const day = options.fallbackDate;
    const hasFallbackDate = day !== null && day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= daysInMonth(day.year, day.month);
    this.quick = new QuickClassifier(hasFallbackDate);
    this.problem = reusableProblem(lineRecordBuilder(options.file, options.fallbackDate, hasFallbackDate));
    this.splitter = new LineSplitter(
      {
        line: (buf, start, end, lineNo) => {
          if (this.text.suspect(buf)) this.checkedLine(buf, start, end, lineNo);
          else if (options.careful) this.line(buf.toString('utf8', start, end), lineNo);
          else this.quickLine(buf, start, end, lineNo, true);
        },
        overlong: (lineNo) => this.malformed(lineNo, `line longer than ${MAX_RECORD_BYTES} bytes`),
        // Lines only counted are taken in runs; a chunk with NUL or non-ASCII bytes goes line by line.
        run: options.careful ? undefined : (chunk, start) => (this.text.suspect(chunk) ? null : this.run(chunk, start)),
      },
      MAX_RECORD_BYTES,
      (options.firstLineNo ?? 1) - 1,
    );
  }

  push(chunk: Buffer): void {
    this.quick.startChunk(chunk);
    this.text.scan(chunk);
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    this.counts.lines = this.splitter.lineNo;
    this.notes.push(...this.text.notes());
    if (this.fallbackDateLines > 0) {
      this.notes.push(
        `${this.fallbackDateLines} line(s) carried only a time of day; their date was taken from ${this.options.fallbackDateOrigin}`,
      );
    }
  }

  /** Bytes through the last complete line, for readers that resume later. */
  get completeBytes(): number {
    return this.splitter.completeBytes;
  }

  /**
   * A line from a chunk with NUL or non-ASCII bytes: NUL padding before it is skipped, a
   * record with a NUL inside is malformed, and a line that is not UTF-8 is read as Latin-1.
   */
  private checkedLine(buf: Buffer, start: number, end: number, lineNo: number): void {
    const damage = this.text.check(buf, start, end, lineNo);
    const encoding = damage.latin1 ? 'latin1' : 'utf8';
    if (damage.nulAt > 0) {
      this.context.lineNo = lineNo;
      const looks = parseAmLine(buf.toString(encoding, damage.start, end).replaceAll('\0', ''), this.context);
      if (looks.type === 'other') this.counts.otherLines++;
      else this.malformed(lineNo, `a NUL byte inside the record (column ${damage.nulAt})`);
    } else if (damage.latin1 || this.options.careful) {
      this.line(buf.toString(encoding, damage.start, end), lineNo);
    } else {
      this.quickLine(buf, damage.start, end, lineNo, false);
    }
  }

  /** Takes the lines from `start` that are only counted, as `quickLine` would count them. */
  private run(chunk: Buffer, start: number): LineRun | null {
    const run = this.quick.scan(chunk, start);
    if (run === null || run.lines === 0) return run;
    this.counts.records += run.records;
    this.counts.otherLines += run.otherLines;
    this.fallbackDateLines += run.fallbackDateRecords;
    if (run.firstShape !== null) this.format ??= run.firstShape;
    return run;
  }

  /** `ascii`: the line's chunk holds only ASCII bytes (LineText checked it). */
  private quickLine(buf: Buffer, start: number, end: number, lineNo: number, ascii: boolean): void {
    switch (this.quick.classify(buf, start, end)) {
      case Quick.Other:
        this.counts.otherLines++;
        return;
      case Quick.SyslogRecordFallbackDate:
        this.fallbackDateLines++;
        this.counts.records++;
        this.format ??= 'syslog';
        return;
      case Quick.SyslogRecord:
        this.counts.records++;
        this.format ??= 'syslog';
        return;
      case Quick.AuditRecord:
        this.counts.records++;
        this.format ??= 'audit-file';
        return;
      case Quick.Kept: {
        this.context.lineNo = lineNo;
        const kept = this.quick.kept;
        const problem = this.problem;
        if (this.sink.deferred !== undefined && this.keptLines.defer(buf, end, kept, this.context, ascii, problem)) {
          problem.text = buf;
          problem.start = start;
          problem.end = end;
          problem.line = lineNo;
          if (this.sink.deferred!(problem)) {
            this.counts.records++;
            this.format ??= kept.shape;
            if (kept.fallbackDate) this.fallbackDateLines++;
            return;
          }
        }
        const result = this.keptLines.read(buf, end, kept, this.context, ascii);
        if (result) this.take(result, lineNo);
        else this.line(buf.toString('utf8', start, end), lineNo);
        return;
      }
      default:
        this.line(buf.toString('utf8', start, end), lineNo);
    }
  }

  private line(text: string, lineNo: number): void {
    this.context.lineNo = lineNo;
    this.take(parseAmLine(text, this.context), lineNo);
  }

  private take(result: LineResult, lineNo: number): void {
    switch (result.type) {
      case 'other':
        this.counts.otherLines++;
        return;
      case 'malformed':
        this.malformed(lineNo, result.reason);
        return;
      case 'record':
        this.counts.records++;
        this.format ??= result.shape;
        if (result.usedFallbackDate) this.fallbackDateLines++;
        if (result.record.kind !== null) this.sink.record(result.record);
    }
  }

  private malformed(lineNo: number, reason: string): void {
    this.counts.malformed++;
    this.sink.malformed({ source: { file: this.options.file, line: lineNo }, reason });
  }
}

/**
 * Reads a deferred problem's line again, as the fast path read it the first time (its code
 * is warm; the careful parser's, rarely run, is not). It holds its own classifier and the
 * file's name and day, not the parser: kept problems outlive their input's reading.
 */
function lineRecordBuilder(file: string, fallbackDate: LineContext['fallbackDate'], hasFallbackDate: boolean): BuildRecord {
  const quick = new QuickClassifier(hasFallbackDate);
  const keptLines = new KeptLineReader();
  return (text: Buffer, line: number): AmRecord & { kind: EventKind } => {
    const ctx: LineContext = { file, lineNo: line, fallbackDate };
    // The fast path reads again what it deferred, which it vouched for through the user's
    // field only: the careful parser reads what it cannot (a stray quote after that field).
    const result =
      (quick.classify(text, 0, text.length) === Quick.Kept ? keptLines.read(text, text.length, quick.kept, ctx, false) : null) ??
      parseAmLine(text.toString('utf8'), ctx);
    if (result.type !== 'record' || result.record.kind === null) {
      throw new Error(`${file}:${line}: no kept record in a line the fast path deferred`);
    }
    return result.record as AmRecord & { kind: EventKind };
  };
}
