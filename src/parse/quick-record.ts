/**
 * The fast path for the lines aamlog keeps (failed logins, downloads, lockouts, policy
 * changes: about a tenth of a busy log). The classifier has read the line's head; here the
 * body is split on its bytes and only the fields the record needs become strings. The
 * record itself is built by the careful parser's `readFields`, so both paths read the
 * same fields the same way; whatever this splitter cannot vouch for (non-ASCII bytes,
 * doubled or unclosed quotes, text after a closing quote) goes to the careful parser.
 */
import { isOnlineProblem, type LocalTime } from '../model.js';
import { isValidLocalTime } from '../time.js';
import { readFields, recordClass, userIdField, type BodyFields, type LineContext, type LineResult } from './am-line.js';
import { MAX_BODY_FIELDS, splitBody, type KeptLine } from './quick-line.js';
import type { DeferredProblem } from './types.js';

const SPACE = 32;

/** What JavaScript's `trim` removes in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
const isTrimmed = (b: number) => b === SPACE || (b >= 9 && b <= 13);

const digits = (buf: Buffer, at: number, count: number) => {
  let n = 0;
  for (let i = 0; i < count; i++) n = n * 10 + buf[at + i] - 48;
  return n;
};

/** A body's field bounds, found on its bytes; reused from line to line. */
class ByteFields implements BodyFields {
  length = 0;
  private buf: Buffer = Buffer.alloc(0);
  private readonly starts = new Int32Array(MAX_BODY_FIELDS);
  private readonly ends = new Int32Array(MAX_BODY_FIELDS);

  field(i: number): string {
    // ASCII only (see split): Latin-1 decoding gives what UTF-8 decoding would, faster.
    return this.buf.toString('latin1', this.starts[i], this.ends[i]);
  }

  /**
   * Splits `buf[from, to)` as the careful `splitBody` does: on commas outside quotes, each
   * field trimmed, a quoted field unquoted (in WebAssembly: `splitBody` of quick-line.ts).
   * False when the body is not plain enough. `limit`: stop after that many fields.
   */
  split(buf: Buffer, from: number, to: number, ascii: boolean, limit = Infinity): boolean {
    this.buf = buf;
    const fields = splitBody(buf, from, to, ascii, limit, this.starts, this.ends);
    this.length = Math.max(fields, 0);
    return fields >= 0;
  }
}

/** The fields `defer` reads: through the user's (`userIdField`: at most the 14th, an admin record's). */
const DEFER_FIELDS = userIdField('admin', 4) + 1;

export class KeptLineReader {
  private readonly fields = new ByteFields();

  /**
   * The record of a `Quick.Kept` line, or null when the careful parser must read it. It
   * splits the body whole, also after `defer` split it as far as the user's field.
   */
  read(buf: Buffer, end: number, kept: KeptLine, ctx: LineContext, ascii: boolean): LineResult | null {
    if (!this.split(buf, end, kept, ascii)) return null;
    let serverNode: string | null = null;
    if (kept.shape === 'syslog') {
      let from = kept.nodeFrom;
      let to = kept.nodeTo;
      while (from < to && isTrimmed(buf[from])) from++;
      while (to > from && isTrimmed(buf[to - 1])) to--;
      serverNode = to > from ? buf.toString('latin1', from, to) : null;
    }
    return readFields(this.fields, localTime(buf, kept, ctx), serverNode, kept.recordClass, kept.shape, ctx, kept.fallbackDate, 4);
  }

  /**
   * Fills the time and user of `problem` for a `Quick.Kept` online problem, as `read` would
   * give them. False when the record's time is impossible, or its fields through the user's
   * are not plain enough for this splitter: the careful parser then decides now.
   */
  defer(buf: Buffer, end: number, kept: KeptLine, ctx: LineContext, ascii: boolean, problem: DeferredProblem): boolean {
    // The fields after the user's are split only if the record is built: nothing in them
    // changes the time, kind or user, and where this splitter cannot read them (a stray
    // quote, a non-ASCII byte), the build falls back to the careful parser, which reads
    // every body as fields.
    if (!isOnlineProblem(kept.kind) || !this.split(buf, end, kept, ascii, DEFER_FIELDS)) return false;
    const time = localTime(buf, kept, ctx);
    if (!isValidLocalTime(time)) return false;
    const fields = this.fields;
    // Audit files name no category: the class comes from the action id.
    const cls = kept.recordClass ?? recordClass(null, fields.field(5));
    const user = userIdField(cls, 4);
    problem.localTime = time;
    problem.userId = user >= 0 && user < fields.length ? fields.field(user) || null : null;
    return true;
  }

  /** Splits the body (its first `limit` fields); false when the careful parser must read the line. */
  private split(buf: Buffer, end: number, kept: KeptLine, ascii: boolean, limit = Infinity): boolean {
    if (!this.fields.split(buf, kept.body, end, ascii, limit)) return false;
    if (kept.shape === 'syslog' && !ascii) for (let b = kept.nodeFrom; b < kept.nodeTo; b++) if (buf[b] >= 128) return false;
    return true;
  }
}

/** The AM time of a `Quick.Kept` line. */
function localTime(buf: Buffer, kept: KeptLine, ctx: LineContext): LocalTime {
  const clock = kept.clock;
  const day = kept.fallbackDate ? ctx.fallbackDate : null;
  return {
    year: day ? day.year : digits(buf, clock - 11, 4),
    month: day ? day.month : digits(buf, clock - 6, 2),
    day: day ? day.day : digits(buf, clock - 3, 2),
    hour: digits(buf, clock, 2),
    minute: digits(buf, clock + 3, 2),
    second: digits(buf, clock + 6, 2),
    millisecond: digits(buf, clock + 9, 3),
  };
}
