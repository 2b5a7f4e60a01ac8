/**
 * The fast path for line inputs. Most lines are AM records aamlog only counts (logins
 * that succeeded, admin and system work): this checks their structure on the raw bytes
 * and reads only their action key, id and result, without decoding or splitting the
 * line and without allocating. Whatever it cannot vouch for goes to the careful parser
 * (`parseAmLine`), so both give the same counts and events (test/fast-path.test.ts holds
 * them to it): every test here is at least as strict as the careful parser's.
 *
 * The byte checks run in WebAssembly (quick-line.wat), on a copy of the chunk in the
 * module's memory: its 16-byte searches find a line's dozen commas without a call into
 * C++ for each, and its cache holds the kind of each action seen (the careful parser's
 * `eventKind`, which this side computes the first time). `scan` takes whole runs of lines
 * that are only counted without a call per line.
 */
import type { EventKind } from '../model.js';
import { eventKind } from './actions.js';
import type { LineShape, RecordClass } from './am-line.js';
import { QUICK_LINE_WASM } from './quick-line-wasm.js';
import { instantiate, ModuleInput } from './wasm-input.js';

export const enum Quick {
  /** Not an AM record: the line has no comma, so no AM time can end in one. */
  Other,
  /** A syslog record that is only counted. */
  SyslogRecord,
  /** The same, its date taken from the fallback (a header-stripped line). */
  SyslogRecordFallbackDate,
  /** An audit-file record that is only counted. */
  AuditRecord,
  /** A record aamlog keeps, its head read: `QuickClassifier.kept` says where its parts are. */
  Kept,
  /** Needs the careful parser: anything unusual. */
  Parse,
}

/** Where the parts of a `Quick.Kept` line are, as the careful parser would find them. */
export interface KeptLine {
  shape: LineShape;
  /** The line starts at the time of day and takes the fallback date. */
  fallbackDate: boolean;
  /** `HH:MM:SS` of the AM time; its date (unless `fallbackDate`) is the 11 bytes before. */
  clock: number;
  /** The syslog server node field, `[nodeFrom, nodeTo)` untrimmed (audit files have none). */
  nodeFrom: number;
  nodeTo: number;
  /** The syslog category's class (null for audit files). */
  recordClass: RecordClass | null;
  /** Where the body starts; its action key is the fifth field. */
  body: number;
  /** The record's kind, as the careful parser reads it. */
  kind: EventKind;
}

/** Where quick-line.wat keeps the chunk and a single line, and how many bytes each holds. */
const CHUNK_AT = 1_310_720;
const CHUNK_BYTES = 262_144;
const LINE_AT = 131_072;
const LINE_BYTES = 65_472;
/** Where quick-line.wat puts a body's field bounds, and how many fields it splits at most. */
const FIELD_STARTS_AT = 1_277_952;
const FIELD_ENDS_AT = 1_280_000;
export const MAX_BODY_FIELDS = 512;

/** quick-line.wat's results, by index (of i32 from address 0). */
const enum Result {
  KeyField = 0,
  ResultEnd = 1,
  Hash = 2,
  KeyFrom = 3,
  KeyTo = 4,
  Id = 5,
  Clock = 6,
  NodeTo = 7,
  RecordClass = 8,
  Body = 9,
  KindCode = 10,
  RunLines = 11,
  RunRecords = 12,
  RunOtherLines = 13,
  RunFallbackDateRecords = 14,
  RunFirstShape = 15,
}

/** quick-line.wat's category classes, by number. */
const RECORD_CLASSES: readonly RecordClass[] = ['runtime', 'admin', 'system'];

/** The kinds the module's cache holds, by code: 0 only counted. */
const KINDS: (EventKind | null)[] = [null];

function kindCode(kind: EventKind | null): number {
  const code = KINDS.indexOf(kind);
  return code >= 0 ? code : KINDS.push(kind) - 1;
}

/** What `QuickClassifier.scan` took. */
export interface LineRun {
  /** Where it stopped: the start of a line left to `classify`, or of the chunk's unfinished last line. */
  to: number;
  lines: number;
  records: number;
  otherLines: number;
  /** Records whose date came from the fallback. */
  fallbackDateRecords: number;
  /** The shape of the first record taken, if any. */
  firstShape: LineShape | null;
}

interface QuickLineModule {
  /** quick-line.wat's verdict on the line at `[start, end)` of `memory`: a `Quick` other than Kept. */
  classify(start: number, end: number, hasFallbackDate: number): Quick;
  /** Caches a kind code for the action the last `classify` found. */
  remember(code: number): void;
  /** Takes lines from `start` while they are only counted: where it stopped. */
  scan(start: number, end: number, hasFallbackDate: number): number;
  /** Splits a body into fields (their bounds less `base` in `fieldStarts`, `fieldEnds`): how many, or -1. */
  splitBody(from: number, to: number, ascii: number, limit: number, base: number): number;
  fieldStarts: Int32Array;
  fieldEnds: Int32Array;
  /** What `classify` found in a record (its action's parts and kind code, time, node field, class and body) and what `scan` took. */
  results: Int32Array;
  input: ModuleInput;
}

/**
 * One instance for the process: inputs are read one after another, and a line not in the
 * chunk copied last is copied on its own, so a classifier never reads another's chunk;
 * the kinds it caches are the careful parser's, the same for every input.
 */
let shared: QuickLineModule | null | undefined;

/** The module, or null where WebAssembly cannot run it (see `instantiate`). */
function quickLineModule(): QuickLineModule | null {
  if (shared === undefined) {
    const exports = instantiate<Pick<QuickLineModule, 'classify' | 'remember' | 'scan' | 'splitBody'>>(QUICK_LINE_WASM);
    shared =
      exports &&
      {
        classify: exports.classify,
        remember: exports.remember,
        scan: exports.scan,
        splitBody: exports.splitBody,
        fieldStarts: new Int32Array(exports.memory.buffer, FIELD_STARTS_AT, MAX_BODY_FIELDS),
        fieldEnds: new Int32Array(exports.memory.buffer, FIELD_ENDS_AT, MAX_BODY_FIELDS),
        results: new Int32Array(exports.memory.buffer, 0, 16),
        input: new ModuleInput(Buffer.from(exports.memory.buffer), CHUNK_AT, CHUNK_BYTES, LINE_AT, LINE_BYTES),
      };
  }
  return shared;
}

/**
 * Splits the body `buf[from, to)` of a kept line into fields, as the careful parser's
 * `splitBody` would where it can (see quick-line.wat), stopping after `limit` fields: how
 * many, their bounds in `starts` and `ends`; -1 when the careful parser must read the body
 * (or WebAssembly cannot run here).
 */
export function splitBody(buf: Buffer, from: number, to: number, ascii: boolean, limit: number, starts: Int32Array, ends: Int32Array): number {
  const module = quickLineModule();
  if (module === null) return -1;
  const base = module.input.place(buf, from, to);
  if (base === null) return -1;
  const fields = module.splitBody(base + from, base + to, ascii ? 1 : 0, Math.min(limit, MAX_BODY_FIELDS + 1), base);
  for (let i = 0; i < fields; i++) {
    starts[i] = module.fieldStarts[i];
    ends[i] = module.fieldEnds[i];
  }
  return fields;
}

export class QuickClassifier {
  private readonly module = quickLineModule();
  /** What the last `scan` took (one object, refilled). */
  private readonly run: LineRun = { to: 0, lines: 0, records: 0, otherLines: 0, fallbackDateRecords: 0, firstShape: null };
  /** `hasFallbackDate` as quick-line.wat takes it. */
  private readonly fallbackDay: number;
  /** The parts of the last line classified `Quick.Kept`. */
  readonly kept: KeptLine = {
    shape: 'syslog', fallbackDate: false, clock: 0, nodeFrom: 0, nodeTo: 0, recordClass: null, body: 0, kind: 'login-failed',
  };

  /**
   * `hasFallbackDate`: header-stripped lines have a real day to take (the careful parser
   * reports them malformed otherwise, or when the day does not exist).
   */
  constructor(hasFallbackDate: boolean) {
    this.fallbackDay = hasFallbackDate ? 1 : 0;
  }

  /** Called with each chunk before it is split into lines: its bytes are copied into the module once. */
  startChunk(chunk: Buffer): void {
    this.module?.input.takeChunk(chunk);
  }

  classify(buf: Buffer, start: number, end: number): Quick {
    const module = this.module;
    if (module === null) return Quick.Parse;
    const base = module.input.place(buf, start, end);
    if (base === null) return Quick.Parse;
    const verdict = module.classify(base + start, base + end, this.fallbackDay);
    if (verdict === Quick.Other || verdict === Quick.Parse) return verdict;
    const r = module.results;
    let code = r[Result.KindCode];
    if (code < 0) {
      // An action not seen before: the careful parser's kind of its key, id and result.
      const id = r[Result.Id] - base;
      const result = buf.toString('latin1', id + 6, r[Result.ResultEnd] - base).trim();
      const key = buf.toString('latin1', r[Result.KeyFrom] - base, r[Result.KeyTo] - base);
      code = kindCode(eventKind(key, buf.toString('latin1', id, id + 5), result === '' ? null : result));
      module.remember(code);
    }
    const kind = KINDS[code];
    if (kind === null) return verdict;
    // The AM time's first comma is 8 bytes after the time of day; the node field starts 5 after it.
    const clock = r[Result.Clock] - base;
    const audit = verdict === Quick.AuditRecord;
    const kept = this.kept;
    kept.shape = audit ? 'audit-file' : 'syslog';
    kept.fallbackDate = verdict === Quick.SyslogRecordFallbackDate;
    kept.clock = clock;
    kept.nodeFrom = clock + 13;
    kept.nodeTo = audit ? clock + 13 : r[Result.NodeTo] - base;
    kept.recordClass = audit ? null : RECORD_CLASSES[r[Result.RecordClass]];
    kept.body = r[Result.Body] - base;
    kept.kind = kind;
    return Quick.Kept;
  }

  /**
   * Takes the whole lines of `chunk` (the one last given to `startChunk`) from `start` on,
   * while `classify` would only count each: null when the chunk is not in the module.
   */
  scan(chunk: Buffer, start: number): LineRun | null {
    const module = this.module;
    if (module === null) return null;
    const base = module.input.chunkBase(chunk);
    if (base < 0) return null;
    const run = this.run;
    const r = module.results;
    run.to = module.scan(base + start, base + chunk.length, this.fallbackDay) - base;
    run.lines = r[Result.RunLines];
    run.records = r[Result.RunRecords];
    run.otherLines = r[Result.RunOtherLines];
    run.fallbackDateRecords = r[Result.RunFallbackDateRecords];
    const shape = r[Result.RunFirstShape];
    run.firstShape = shape === 0 ? null : shape === Quick.AuditRecord ? 'audit-file' : 'syslog';
    return run;
  }
}
