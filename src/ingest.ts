/**
 * Reads one input from bytes to records: gzip and encoding, shape detection, then the
 * shape's parser. Damage ends the input, never the run: what was read before it counts.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import { firstNonEmptyLine, looksLikeReportCsvHeader } from './detect.js';
import { AamlogError, describeSystemError } from './errors.js';
import { createReportCsvParser } from './parse/csv.js';
import { AmLineParser } from './parse/line-parser.js';
import type { RecordParser, RecordSink } from './parse/types.js';
import { inflate, toUtf8, type DecodeInfo } from './read/decode.js';
import type { InputRef } from './read/inputs.js';
import type { ReportInput } from './report.js';

/** Bytes of text read before the shape is decided when no line has ended yet. */
const DETECT_LIMIT = 64 * 1024;

export interface IngestOptions {
  zone: string;
  /** `--date`: the day of header-stripped syslog lines. */
  date: { year: number; month: number; day: number } | null;
  stdin: Readable;
  /** Called as raw bytes are read, for progress displays. */
  onBytes?: (bytes: number) => void;
}

export interface IngestedInput {
  summary: ReportInput;
  /** Raw bytes read from the file (compressed size for gzip). */
  bytesRead: number;
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
  const makeParser = (firstLine: string | null): RecordParser => {
    if (firstLine !== null && looksLikeReportCsvHeader(firstLine)) {
      summary.format = 'report-csv';
      return createReportCsvParser(ref.path, sink);
    }
    return new AmLineParser({ file: ref.path, fallbackDate: fallback.date, fallbackDateOrigin: fallback.origin }, sink);
  };

  let parser: RecordParser | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  try {
    const raw = ref.kind === 'stdin' ? options.stdin : createReadStream(ref.path);
    const counted = (async function* () {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        options.onBytes?.(chunk.length);
        yield chunk;
      }
    })();
    for await (const chunk of toUtf8(inflate(counted, info), info)) {
      if (parser) {
        parser.push(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      const headBuffer = Buffer.concat(head);
      const firstLine = firstNonEmptyLine(headBuffer, false);
      if (firstLine !== null || headBytes >= DETECT_LIMIT) {
        parser = makeParser(firstLine);
        parser.push(headBuffer);
        head = [];
      }
    }
  } catch (error) {
    if (error instanceof AamlogError) throw error; // --strict: a malformed record ends the run
    const kept = parser || headBytes > 0 ? '; the records before the damage were read' : '';
    summary.errors.push(`${describeSystemError(error)}${kept}`);
  }
  if (!parser) {
    const headBuffer = Buffer.concat(head);
    parser = makeParser(firstNonEmptyLine(headBuffer, true));
    if (headBuffer.length > 0) parser.push(headBuffer);
  }
  parser.end();
  summary.lines = parser.counts.lines;
  summary.records = parser.counts.records;
  summary.otherLines = parser.counts.otherLines;
  summary.malformed = parser.counts.malformed;
  if (parser instanceof AmLineParser) summary.format = parser.format ?? (summary.lines > 0 ? 'syslog' : null);
  if (info.gzip) summary.notes.push('gzip-compressed');
  if (info.encodingNote) summary.notes.push(`read as ${info.encodingNote}`);
  summary.notes.push(...parser.notes);
  summary.errors.push(...parser.errors);
  return { summary, bytesRead };
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
      const mtime = new TZDate(info.mtimeMs, options.zone);
      return {
        date: { year: mtime.getFullYear(), month: mtime.getMonth() + 1, day: mtime.getDate() },
        origin: "the file's modification day",
      };
    }
  }
  return { date: null, origin: 'nowhere' };
}

