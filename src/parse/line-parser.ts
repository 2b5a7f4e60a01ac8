/** The parser for line-shaped inputs: syslog streams and appliance audit files. */
import type { InputFormat } from '../model.js';
import { LineSplitter } from '../read/lines.js';
import { parseAmLine, type LineContext } from './am-line.js';
import { Quick, quickClassify } from './quick-line.js';
import { MAX_RECORD_BYTES, type ParseCounts, type RecordParser, type RecordSink } from './types.js';

export interface LineParserOptions {
  file: string;
  fallbackDate: LineContext['fallbackDate'];
  /** Where `fallbackDate` came from, for the input's notes (e.g. "--date 2026-11-27"). */
  fallbackDateOrigin: string;
  /** Parse every line in full instead of vouching for counted-only records on their bytes. */
  careful?: boolean;
}

export class AmLineParser implements RecordParser {
  readonly counts: ParseCounts = { lines: 0, records: 0, otherLines: 0, malformed: 0 };
  readonly notes: string[] = [];
  readonly errors: string[] = [];
  /** The shape of the first record read; null until one is. */
  format: InputFormat | null = null;
  private readonly splitter: LineSplitter;
  private readonly context: LineContext;
  private fallbackDateLines = 0;

  constructor(
    private readonly options: LineParserOptions,
    private readonly sink: RecordSink,
  ) {
    this.context = { file: options.file, lineNo: 0, fallbackDate: options.fallbackDate };
    this.splitter = new LineSplitter(
      {
        line: options.careful
          ? (buf, start, end, lineNo) => this.line(buf.toString('utf8', start, end), lineNo)
          : (buf, start, end, lineNo) => this.quickLine(buf, start, end, lineNo),
        overlong: (lineNo) => this.malformed(lineNo, `line longer than ${MAX_RECORD_BYTES} bytes`),
      },
      MAX_RECORD_BYTES,
    );
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    this.counts.lines = this.splitter.lineNo;
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

  private quickLine(buf: Buffer, start: number, end: number, lineNo: number): void {
    switch (quickClassify(buf, start, end, this.context.fallbackDate !== null)) {
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
      default:
        this.line(buf.toString('utf8', start, end), lineNo);
    }
  }

  private line(text: string, lineNo: number): void {
    this.context.lineNo = lineNo;
    const result = parseAmLine(text, this.context);
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
