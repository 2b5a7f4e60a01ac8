/**
 * The Security Console report export ("report-csv", LOG-FORMATS.md section 4): a header
 * row, then one AM record per CSV record. Columns are found by header name, never by
 * position; agent, token and error come from the Description where no column has them.
 */
import { isOnlineProblem, type AmRecord, type EventKind, type LocalTime, type SourceRef } from '../model.js';
import { isValidLocalTime } from '../time.js';
import { actionForText, eventKind } from './actions.js';
import {
  CsvRecordSplitter,
  lineRange,
  splitCsvFields,
  type QuickRecord,
  type RecordVerdict,
  type UnreadableRecord,
} from './csv-records.js';
import { QuickCsvRows, QuickRow } from './csv-quick.js';
import { parseDownloadDescription } from './description.js';
import { reusableProblem, type BuildRecord, type DeferredProblem, type ParseCounts, type RecordParser, type RecordSink } from './types.js';

/** Header names per field, compared lower-cased with blanks trimmed and collapsed. */
const COLUMN_NAMES = {
  time: ['date & time'],
  activity: ['activity key'],
  description: ['description'],
  actionResultKey: ['action result key'],
  resultKey: ['result key'],
  result: ['result'],
  userId: ['user id'],
  userDomain: ['user security domain'],
  clientIp: ['client ip'],
  serverNode: ['instance name'],
  agentName: ['agent name', 'agent'],
  agentIp: ['agent ip', 'agent address'],
  tokenSerial: ['token serial number', 'token serial', 'serial number'],
} as const;

type ColumnName = keyof typeof COLUMN_NAMES;

/** Where each known column sits in a row (-1: absent), and how many fields a row has. */
interface ReportColumns {
  index: Record<ColumnName, number>;
  /** Argument1 .. Argument10, -1 where absent. */
  argument: number[];
  count: number;
}

export interface ReportCsvOptions {
  /** Read every row in full instead of passing over counted-only rows on their bytes. */
  careful?: boolean;
}

export function createReportCsvParser(file: string, sink: RecordSink, options: ReportCsvOptions = {}): RecordParser {
  return new ReportCsvParser(file, sink, options);
}

class ReportCsvParser implements RecordParser {
  readonly counts: ParseCounts = { lines: 0, records: 0, otherLines: 0, malformed: 0 };
  readonly notes: string[] = [];
  readonly errors: string[] = [];
  private readonly splitter: CsvRecordSplitter;
  /** null until the header is read; 'rejected' when the first record was no header. */
  private rows: ReportRowReader | 'rejected' | null = null;
  /** The fast path for counted-only rows, once the header is read (unless careful). */
  private quick: QuickCsvRows | null = null;
  /** Handed to the sink for every deferred online problem, refilled each time (once the header is read). */
  private problem: DeferredProblem | null = null;
  private unclosedQuotes = 0;
  private firstUnclosedQuote = 0;

  constructor(
    private readonly file: string,
    private readonly sink: RecordSink,
    private readonly options: ReportCsvOptions,
  ) {
    this.splitter = new CsvRecordSplitter({
      record: (text, firstLine, lastLine) => this.record(text, firstLine, lastLine),
      unreadable: (problem) => this.unreadable(problem),
      quick: (buf, start, end, lineNo) => this.quickRow(buf, start, end, lineNo),
      run: (chunk, start) => this.quickRun(chunk, start),
    });
  }

  push(chunk: Buffer): void {
    this.quick?.startChunk(chunk);
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    this.counts.lines = this.splitter.lineNo;
    this.notes.push(...this.splitter.text.notes());
    if (this.unclosedQuotes > 0) {
      this.notes.push(
        `${this.unclosedQuotes} record(s) with a quote that does not close (the first at line ${this.firstUnclosedQuote}): ` +
          'each was skipped and the rows after it were read again',
      );
    }
  }

  /** Counts the rows the fast path takes whole from `start` on. */
  private quickRun(chunk: Buffer, start: number): { to: number; rows: number } | null {
    const run = this.quick?.scan(chunk, start) ?? null;
    if (run !== null) this.counts.records += run.rows;
    return run;
  }

  private quickRow(buf: Buffer, start: number, end: number, lineNo: number): QuickRecord {
    const quick = this.quick;
    const verdict = quick ? quick.classify(buf, start, end) : QuickRow.Unsure;
    switch (verdict) {
      case QuickRow.Unsure:
        return 'declined';
      case QuickRow.Open:
        return 'open';
      case QuickRow.Kept: {
        const field = (i: number) => quick!.field(buf, i);
        const kind = quick!.keptKind;
        const problem = this.problem;
        if (this.sink.deferred && problem && isOnlineProblem(kind)) {
          problem.localTime = quick!.keptTime(buf);
          problem.userId = (this.rows as ReportRowReader).userId(field);
          problem.text = buf;
          problem.start = start;
          problem.end = end;
          problem.line = lineNo;
          if (this.sink.deferred(problem)) {
            this.counts.records++;
            return 'taken';
          }
        }
        this.row(field, lineNo);
        return 'taken';
      }
      default:
        this.counts.records++;
        return 'taken';
    }
  }

  private record(text: string, firstLine: number, lastLine: number): RecordVerdict {
    if (this.rows === 'rejected') return 'read';
    if (firstLine === lastLine && isBlankLine(text)) {
      this.counts.otherLines++;
      return 'read';
    }
    if (this.rows === null) {
      // The reader removes a byte-order mark; one left over would hide a quoted first name.
      this.readHeader(splitCsvFields(text.replace(/^\uFEFF/, '')), firstLine);
      return 'read';
    }
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      this.malformed(firstLine, `a NUL byte inside the record (line ${firstLine + countNewlines(text, nul)})`);
      return 'read';
    }
    const fields = splitCsvFields(text);
    if (!Array.isArray(fields)) return this.misdelimited(fields.error, firstLine, lastLine);
    if (fields.length !== this.rows.fieldCount) {
      return this.misdelimited(`${fields.length} fields where the header has ${this.rows.fieldCount}`, firstLine, lastLine);
    }
    this.row((i) => fields[i], firstLine);
    return 'read';
  }

  /** A row whose fields are split: `field(i)` is field i unquoted and untrimmed. */
  private row(field: (i: number) => string, line: number): void {
    const row = (this.rows as ReportRowReader).read(field, { file: this.file, line });
    if (typeof row === 'string') {
      this.malformed(line, row);
      return;
    }
    this.counts.records++;
    if (row) this.sink.record(row);
  }

  /** A record whose fields cannot be told apart; when it spans lines, a quote probably ran on. */
  private misdelimited(problem: string, firstLine: number, lastLine: number): RecordVerdict {
    if (firstLine === lastLine) {
      this.malformed(firstLine, problem);
    } else {
      this.quoteDamage(firstLine);
      this.malformed(
        firstLine,
        `${problem} in a record that a quote stretches to line ${lastLine}; ${lineRange(firstLine + 1, lastLine)} read again`,
      );
    }
    return 'misdelimited';
  }

  private readHeader(fields: string[] | { error: string }, line: number): void {
    if (!Array.isArray(fields)) {
      this.reject(`line ${line}: the header row cannot be read: ${fields.error}`);
      return;
    }
    const columns = reportColumns(fields);
    if (!columns) {
      this.reject(`line ${line} is not a report header: it must name the columns 'Date & Time' and 'Activity Key'`);
      return;
    }
    const rows = new ReportRowReader(columns);
    this.rows = rows;
    if (!this.options.careful) {
      const { index } = columns;
      this.quick = new QuickCsvRows(
        {
          time: index.time,
          deciding: [index.activity, index.resultKey, index.result, index.actionResultKey],
          userId: index.userId,
          count: columns.count,
        },
        (fields) => rows.kindOf(fields),
      );
      this.problem = reusableProblem(rowRecordBuilder(this.file, rows));
    }
  }

  private unreadable({ line, cause, reason, reread }: UnreadableRecord): void {
    if (this.rows === 'rejected') return;
    if (this.rows === null) {
      this.reject(`line ${line}: the header row cannot be read: ${reason}`);
      return;
    }
    if (cause === 'quote') this.quoteDamage(line);
    this.malformed(line, reread ? `${reason}; ${lineRange(reread.first, reread.last)} read again` : reason);
  }

  private quoteDamage(line: number): void {
    if (this.unclosedQuotes === 0) this.firstUnclosedQuote = line;
    this.unclosedQuotes++;
  }

  private reject(reason: string): void {
    this.rows = 'rejected';
    this.quick = null;
    this.errors.push(reason);
  }

  private malformed(line: number, reason: string): void {
    this.counts.malformed++;
    this.sink.malformed({ source: { file: this.file, line }, reason });
  }
}

/** The column positions a header names, or null when it is no report header. */
function reportColumns(header: string[]): ReportColumns | null {
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!position.has(key)) position.set(key, i);
  });
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const i = position.get(name);
      if (i !== undefined) return i;
    }
    return -1;
  };
  const index = Object.fromEntries(
    (Object.keys(COLUMN_NAMES) as ColumnName[]).map((column) => [column, find(COLUMN_NAMES[column])]),
  ) as Record<ColumnName, number>;
  if (index.time < 0 || index.activity < 0) return null;
  const argument = Array.from({ length: 10 }, (_, n) => find([`argument${n + 1}`]));
  return { index, argument, count: header.length };
}

/** Bounds the per-parser cache of Activity Key texts (an export holds a few dozen). */
const MAX_CACHED_ACTIVITIES = 1024;

/**
 * Reads the data rows of one export. Rows repeat a few activities and days, so their
 * lookups are cached: most rows are only counted and should cost little.
 */
class ReportRowReader {
  private readonly actions = new Map<string, { key: string; id: string } | null>();
  private day = '';
  private dayIsReal = false;

  constructor(private readonly columns: ReportColumns) {}

  get fieldCount(): number {
    return this.columns.count;
  }

  /** The record (null when aamlog only counts its action), or why the row cannot be read. */
  read(field: (i: number) => string, source: SourceRef): AmRecord | null | string {
    const { index } = this.columns;
    const at = (i: number): string | null => (i < 0 ? null : cleanField(field(i)));
    const rawTime = field(index.time);
    const localTime = this.time(rawTime.trim());
    if (!localTime) return `unreadable Date & Time '${rawTime.trim().slice(0, 40)}'`;

    const activity = at(index.activity);
    const action = activity === null ? null : this.action(activity);
    if (!action) return null;
    const resultKey = at(index.resultKey);
    const resultText = at(index.result);
    const actionResultKey = at(index.actionResultKey);
    const result = rowResult(resultKey, resultText, actionResultKey);
    const kind = eventKind(action.key, action.id, result);
    if (!kind) return null;

    const argument = (n: number) => at(this.columns.argument[n - 1]);
    const reason = [actionResultKey, resultKey].find((v) => v !== null && outcome(v) === null) ?? null;
    const record: AmRecord = {
      kind,
      localTime,
      serverNode: at(index.serverNode),
      userId: at(index.userId),
      userDomain: at(index.userDomain),
      agentName: at(index.agentName),
      agentIp: at(index.agentIp),
      clientIp: at(index.clientIp),
      tokenSerial: at(index.tokenSerial),
      errorMessage: null,
      actionKey: action.key,
      actionId: action.id,
      result,
      reason,
      targets: [],
      source,
    };
    if (isDownload(kind) || kind === 'login-failed') {
      // As in the syslog body: Argument5 is the user's domain, Argument9 the serial.
      record.userDomain ??= argument(5);
    }
    if (isDownload(kind)) {
      // The console may wrap a long Description; the text is read as one line.
      const description = parseDownloadDescription((at(index.description) ?? '').replace(/\s+/g, ' '));
      record.userId ??= description?.userId ?? null;
      record.agentName ??= description?.agentName ?? null;
      record.tokenSerial ??= description?.tokenSerial ?? argument(9);
      if (kind === 'offline-download-failed') {
        record.errorMessage = description?.errorMessage ?? argument(10) ?? reason;
      }
    } else if (kind === 'offline-policy-change') {
      record.targets = this.columns.argument.map((i) => at(i)).filter((v): v is string => v !== null);
    }
    return record;
  }

  /**
   * The kind `read` gives a row with these raw Activity Key, Result Key, Result and Action
   * Result Key fields (null where the column is absent), given its time is readable; null
   * when it only counts the row.
   */
  kindOf([activity, resultKey, resultText, actionResultKey]: (string | null)[]): EventKind | null {
    const clean = (raw: string | null) => (raw === null ? null : cleanField(raw));
    const cleanActivity = clean(activity);
    const action = cleanActivity === null ? null : this.action(cleanActivity);
    if (!action) return null;
    return eventKind(action.key, action.id, rowResult(clean(resultKey), clean(resultText), clean(actionResultKey)));
  }

  /** The `userId` `read` gives a row (an online problem's: a download's may come from its Description). */
  userId(field: (i: number) => string): string | null {
    const i = this.columns.index.userId;
    return i < 0 ? null : cleanField(field(i));
  }

  private action(activity: string): { key: string; id: string } | null {
    let action = this.actions.get(activity);
    if (action === undefined) {
      action = actionForText(activity);
      if (this.actions.size < MAX_CACHED_ACTIVITIES) this.actions.set(activity, action);
    }
    return action;
  }

  /** `2015-09-22 12:50:58.397`; a comma before the milliseconds, or none, is accepted too. */
  private time(text: string): LocalTime | null {
    const time = reportTime(text);
    if (!time) return null;
    if (time.hour > 23 || time.minute > 59 || time.second > 60) return null;
    const day = text.slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.dayIsReal = isValidLocalTime({ ...time, hour: 0, minute: 0, second: 0 });
    }
    return this.dayIsReal ? time : null;
  }
}

/**
 * Reads a deferred problem's row again as the careful reader does. It holds only the
 * file's name and its row reader: kept problems outlive their input's reading.
 */
function rowRecordBuilder(file: string, rows: ReportRowReader): BuildRecord {
  return (text: Buffer, line: number): AmRecord & { kind: EventKind } => {
    const fields = splitCsvFields(text.toString('utf8'));
    const record = Array.isArray(fields) ? rows.read((i) => fields[i], { file, line }) : null;
    if (record === null || typeof record === 'string' || record.kind === null) {
      throw new Error(`${file}:${line}: the careful reader keeps no record in a row the fast path deferred`);
    }
    return record as AmRecord & { kind: EventKind };
  };
}

function countNewlines(text: string, before: number): number {
  let lines = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < before; nl = text.indexOf('\n', nl + 1)) lines++;
  return lines;
}

/** An empty or blank line; cheap for the usual row, which starts with a printable ASCII character. */
function isBlankLine(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first > 32 && first < 127) && text.trim() === '';
}

function isDownload(kind: EventKind): boolean {
  return kind === 'offline-download-failed' || kind === 'offline-download-succeeded';
}

/**
 * A field as the user means it: trimmed, empty as null. Trimming also removes the one
 * space RSA puts before a field starting with `=`, `+`, `-` or `@` (its formula guard).
 */
function cleanField(raw: string): string | null {
  const value = raw.trim();
  return value === '' ? null : value;
}

const RESULT_WORDS = new Map([
  ['success', 'SUCCESS'],
  ['successful', 'SUCCESS'],
  ['succeeded', 'SUCCESS'],
  ['fail', 'FAIL'],
  ['failed', 'FAIL'],
  ['failure', 'FAIL'],
  ['warn', 'WARN'],
  ['warning', 'WARN'],
]);

/** A row's result: the first of its result fields that names an outcome, else the raw key or text. */
function rowResult(resultKey: string | null, resultText: string | null, actionResultKey: string | null): string | null {
  return outcome(resultKey) ?? outcome(resultText) ?? outcome(actionResultKey) ?? resultKey ?? resultText;
}

/** SUCCESS, FAIL or WARN for a result key or its console wording, else null. */
function outcome(value: string | null): string | null {
  return value === null ? null : (RESULT_WORDS.get(value.toLowerCase()) ?? null);
}

/**
 * `YYYY-MM-DD[ T]HH:MM:SS[.,fraction of 1 to 9 digits]`, read character by character (a
 * regular expression per kept row cost more than the rest of reading it); the fraction is
 * cut to milliseconds. Null when the text has another shape.
 */
export function reportTime(text: string): LocalTime | null {
  const n = text.length;
  if (n < 19 || n === 20 || n > 29) return null;
  const sep = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || (sep !== SPACE_CODE && sep !== T_CODE) ||
    text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON
  ) {
    return null;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if ((year | month | day | hour | minute | second) < 0) return null;
  let millisecond = 0;
  if (n > 19) {
    const mark = text.charCodeAt(19);
    if ((mark !== DOT && mark !== COMMA_CODE) || digitsAt(text, 20, n - 20) < 0) return null;
    millisecond = digitsAt(text, 20, Math.min(3, n - 20)) * 10 ** Math.max(0, 23 - n);
  }
  return { year, month, day, hour, minute, second, millisecond };
}

const DASH = 45;
const COLON = 58;
const SPACE_CODE = 32;
const T_CODE = 84;
const DOT = 46;
const COMMA_CODE = 44;

/** The number written by `count` ASCII digits at `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
