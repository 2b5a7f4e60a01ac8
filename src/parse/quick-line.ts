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
 * C++ for each. This side decides the action's kind, with a cache of the careful
 * parser's answers.
 */
import type { EventKind } from '../model.js';
import { eventKind } from './actions.js';
import type { LineShape, RecordClass } from './am-line.js';
import { QUICK_LINE_WASM } from './quick-line-wasm.js';

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

/**
 * The kind of an action (null: only counted): the careful parser's `eventKind` of the key,
 * id and result, cached by their raw bytes (a log repeats a few dozen combinations).
 */
class ActionCache {
  /** Entry `hash & (CACHED_ACTIONS - 1)`: the last action of that hash (a table, not a Map: no hashing of the hash). */
  private readonly entries: ({ bytes: Buffer; kind: EventKind | null } | undefined)[] = new Array(CACHED_ACTIONS).fill(undefined);

  /**
   * `[from, to)`: the key field through the result; `hash`: of its key, id and result;
   * the key at `[keyFrom, keyTo)`, the id at `id`, the result from `id + 6` to `to`.
   */
  kind(buf: Buffer, from: number, to: number, hash: number, keyFrom: number, keyTo: number, id: number): EventKind | null {
    const at = hash & (CACHED_ACTIONS - 1);
    const entry = this.entries[at];
    if (entry !== undefined && sameBytes(entry.bytes, buf, from, to)) return entry.kind;
    const result = buf.toString('latin1', id + 6, to).trim();
    const kind = eventKind(buf.toString('latin1', keyFrom, keyTo), buf.toString('latin1', id, id + 5), result === '' ? null : result);
    // A key and result of hundreds of bytes is no action AM logs: not kept, for memory's sake.
    if (to - from <= MAX_CACHED_BYTES) this.entries[at] = { bytes: Buffer.from(buf.subarray(from, to)), kind };
    return kind;
  }
}

/** Entries of the action cache: a power of two, since the hash's low bits index it. */
const CACHED_ACTIONS = 4096;
/** The longest key-to-result run the action cache keeps. */
const MAX_CACHED_BYTES = 256;

/** `buf[from, to)` equals `bytes` (a short run: a loop beats a call into C++). */
function sameBytes(bytes: Buffer, buf: Buffer, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[from + i]) return false;
  return true;
}

/** Where quick-line.wat keeps the chunk and a single line, and how many bytes each holds. */
const CHUNK_AT = 64;
const CHUNK_BYTES = 65_536;
const LINE_AT = 131_072;
const LINE_BYTES = 65_472;

/** quick-line.wat's category classes, by number. */
const RECORD_CLASSES: readonly RecordClass[] = ['runtime', 'admin', 'system'];

interface QuickLineModule {
  /** quick-line.wat's verdict on the line at `[start, end)` of `memory`: a `Quick` other than Kept. */
  classify(start: number, end: number, hasFallbackDate: number): Quick;
  memory: Buffer;
  /** What `classify` found in a record: its action's parts, time, node field, class and body. */
  results: Int32Array;
  /** The chunk whose copy is at CHUNK_AT. */
  chunk: Buffer | null;
}

/**
 * One instance for the process: inputs are read one after another, and a line not in the
 * chunk copied last is copied on its own, so a classifier never reads another's chunk.
 */
let shared: QuickLineModule | null = null;

// Node has WebAssembly; TypeScript declares it only with the DOM library.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown) => { exports: { classify: QuickLineModule['classify']; memory: { buffer: ArrayBuffer } } };
};

function quickLineModule(): QuickLineModule {
  if (shared === null) {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(QUICK_LINE_WASM, 'base64')));
    shared = {
      classify: exports.classify,
      memory: Buffer.from(exports.memory.buffer),
      results: new Int32Array(exports.memory.buffer, 0, 10),
      chunk: null,
    };
  }
  return shared;
}

export class QuickClassifier {
  private readonly actions = new ActionCache();
  private readonly module = quickLineModule();
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
    const module = this.module;
    if (chunk.length <= CHUNK_BYTES) {
      chunk.copy(module.memory, CHUNK_AT);
      module.chunk = chunk;
    } else {
      module.chunk = null;
    }
  }

  classify(buf: Buffer, start: number, end: number): Quick {
    const module = this.module;
    // Where buf[0] is in the module's memory: in the chunk's copy, or a copy of this line.
    let base: number;
    if (buf === module.chunk) {
      base = CHUNK_AT;
    } else if (end - start <= LINE_BYTES) {
      buf.copy(module.memory, LINE_AT, start, end);
      base = LINE_AT - start;
    } else {
      return Quick.Parse;
    }
    const verdict = module.classify(base + start, base + end, this.fallbackDay);
    if (verdict === Quick.Other || verdict === Quick.Parse) return verdict;
    const r = module.results;
    const kind = this.actions.kind(buf, r[0] - base, r[1] - base, r[2], r[3] - base, r[4] - base, r[5] - base);
    if (kind === null) return verdict;
    // The AM time's first comma is 8 bytes after the time of day; the node field starts 5 after it.
    const clock = r[6] - base;
    const audit = verdict === Quick.AuditRecord;
    const kept = this.kept;
    kept.shape = audit ? 'audit-file' : 'syslog';
    kept.fallbackDate = verdict === Quick.SyslogRecordFallbackDate;
    kept.clock = clock;
    kept.nodeFrom = clock + 13;
    kept.nodeTo = audit ? clock + 13 : r[7] - base;
    kept.recordClass = audit ? null : RECORD_CLASSES[r[8]];
    kept.body = r[9] - base;
    kept.kind = kind;
    return Quick.Kept;
  }
}
