/**
 * One line of a syslog stream or an appliance audit file: its envelope, its AM timestamp
 * and its record body (LOG-FORMATS.md sections 1 to 3).
 */
import type { AmRecord, LocalTime } from '../model.js';
import { isValidLocalTime } from '../time.js';
import { eventKind } from './actions.js';
import { parseDownloadDescription } from './description.js';
import { splitBody } from './body.js';

export interface LineContext {
  file: string;
  lineNo: number;
  /** The day for header-stripped lines that start at `HH:MM:SS,mmm,`; null when unknown. */
  fallbackDate: { year: number; month: number; day: number } | null;
}

export type LineShape = 'syslog' | 'audit-file';

/** A record body's fields, trimmed and unquoted, read by index (0 <= i < length). */
export interface BodyFields {
  readonly length: number;
  field(i: number): string;
}

/** The careful parser's fields: every one split off as a string. */
class SplitFields implements BodyFields {
  constructor(private readonly fields: string[]) {}
  get length(): number {
    return this.fields.length;
  }
  field(i: number): string {
    return this.fields[i];
  }
}

export type LineResult =
  | { type: 'other' }
  | { type: 'malformed'; reason: string }
  | { type: 'record'; shape: LineShape; record: AmRecord; usedFallbackDate: boolean };

const OTHER: LineResult = { type: 'other' };

// The AM time: the milliseconds follow a comma. One public line has "02: 40:45"; the
// date may follow a syslog header, or a host name with no space between them.
const AM_STAMP = /(\d{4})-(\d{2})-(\d{2}) (\d{2}): ?(\d{2}):(\d{2}),(\d{3}),/;
const STRIPPED_STAMP = /^(\d{2}):(\d{2}):(\d{2}),(\d{3}),/;
const SYSLOG_HEAD = /^([^,]*),\s*((?:audit\.(?:runtime|admin)|system)\.[^,\s]*)\s*,\s*([A-Za-z]+)\s*,/;
const PRI = /^<\d{1,3}>/;
const ACTION_KEY = /^[A-Z][A-Z0-9_]*$/;
const ACTION_ID = /^\d{5}$/;
const AGENT_TYPE = /^\d{0,3}$/;
const HEX_ID_START = /^\s*[0-9a-fA-F]{16}/;

export function parseAmLine(line: string, ctx: LineContext): LineResult {
  const text = line.replace(PRI, '');
  const stamp = AM_STAMP.exec(text);
  if (stamp) {
    const time: LocalTime = {
      year: Number(stamp[1]),
      month: Number(stamp[2]),
      day: Number(stamp[3]),
      hour: Number(stamp[4]),
      minute: Number(stamp[5]),
      second: Number(stamp[6]),
      millisecond: Number(stamp[7]),
    };
    const rest = text.slice(stamp.index + stamp[0].length);
    const head = SYSLOG_HEAD.exec(rest);
    if (head) {
      return readBody(rest.slice(head[0].length), time, head[1].trim() || null, head[2], 'syslog', ctx, false);
    }
    // An audit-file line starts with the AM time and goes straight to the body.
    if (stamp.index === 0 && text === line) {
      const body = new SplitFields(splitBody(rest));
      if (findActionKey(body) >= 0 || HEX_ID_START.test(rest)) {
        return readFields(body, time, null, null, 'audit-file', ctx, false);
      }
    }
    return OTHER;
  }
  const stripped = STRIPPED_STAMP.exec(text);
  if (stripped) {
    const rest = text.slice(stripped[0].length);
    const head = SYSLOG_HEAD.exec(rest);
    if (!head) return OTHER;
    if (!ctx.fallbackDate) {
      return { type: 'malformed', reason: 'the line starts at the time and has no date: give --date YYYY-MM-DD' };
    }
    const time: LocalTime = {
      ...ctx.fallbackDate,
      hour: Number(stripped[1]),
      minute: Number(stripped[2]),
      second: Number(stripped[3]),
      millisecond: Number(stripped[4]),
    };
    return readBody(rest.slice(head[0].length), time, head[1].trim() || null, head[2], 'syslog', ctx, true);
  }
  return OTHER;
}

function readBody(
  body: string,
  time: LocalTime,
  serverNode: string | null,
  category: string,
  shape: LineShape,
  ctx: LineContext,
  usedFallbackDate: boolean,
): LineResult {
  return readFields(new SplitFields(splitBody(body)), time, serverNode, category, shape, ctx, usedFallbackDate);
}

/** The action key is found by its shape (KEY followed by a 5-digit id), not by column. */
function findActionKey(fields: BodyFields): number {
  const last = Math.min(fields.length - 1, 12);
  for (let i = 0; i < last; i++) {
    if (ACTION_KEY.test(fields.field(i)) && ACTION_ID.test(fields.field(i + 1))) return i;
  }
  return -1;
}

export type RecordClass = 'runtime' | 'admin' | 'system';

export function recordClass(category: RecordClass | string | null, actionId: string): RecordClass {
  if (category === 'runtime' || category === 'admin' || category === 'system') return category;
  if (category) {
    if (category.startsWith('audit.runtime.')) return 'runtime';
    if (category.startsWith('audit.admin.')) return 'admin';
    return 'system';
  }
  // Audit files carry no category: AM numbers runtime actions 13xxx/23xxx, admin 10xxx/20xxx.
  if (actionId.startsWith('13') || actionId.startsWith('23')) return 'runtime';
  if (actionId.startsWith('10') || actionId.startsWith('20')) return 'admin';
  return 'system';
}

/** The field holding a record's user ID, given its action key's field (-1: system records have none). */
export function userIdField(cls: RecordClass, keyAt: number): number {
  // After the session id (keyAt + 5): runtime records name the user in their 4th field, admin records in their 5th.
  return cls === 'runtime' ? keyAt + 8 : cls === 'admin' ? keyAt + 9 : -1;
}

/**
 * A record from its body's fields. `category` is the syslog category, or its class where
 * the fast path (quick-record.ts) has it; `keyAt` the action key's field where it is known.
 */
export function readFields(
  fields: BodyFields,
  time: LocalTime,
  serverNode: string | null,
  category: string | null,
  shape: LineShape,
  ctx: LineContext,
  usedFallbackDate: boolean,
  keyAt?: number,
): LineResult {
  if (!isValidLocalTime(time)) {
    return { type: 'malformed', reason: `impossible AM time ${formatLocal(time)}` };
  }
  const k = keyAt ?? findActionKey(fields);
  if (k < 0) return { type: 'malformed', reason: 'no action key and id (KEY,NNNNN) in the record body' };
  const get = (i: number): string | null => {
    if (i < 0 || i >= fields.length) return null;
    const value = fields.field(i);
    return value !== '' ? value : null;
  };
  const actionKey = fields.field(k);
  const actionId = fields.field(k + 1);
  const result = get(k + 2);
  const kind = eventKind(actionKey, actionId, result);
  const record: AmRecord = {
    kind,
    localTime: time,
    serverNode: serverNode ?? get(k - 1),
    userId: null,
    userDomain: null,
    agentName: null,
    agentIp: null,
    clientIp: get(k - 2),
    tokenSerial: null,
    errorMessage: null,
    actionKey,
    actionId,
    result,
    reason: get(k + 3),
    targets: [],
    source: { file: ctx.file, line: ctx.lineNo },
  };
  const after = k + 5; // the field after the session id
  const cls = recordClass(category, actionId);
  record.userId = get(userIdField(cls, k));
  if (cls === 'runtime') {
    record.agentIp = get(after + 8);
    record.agentName = get(after + 9);
    // Hand-edited public samples miss the agent-type field: a GUID stands where it should be.
    const agentType = after + 10 < fields.length ? fields.field(after + 10) : undefined;
    const shift = agentType !== undefined && !AGENT_TYPE.test(agentType) ? -1 : 0;
    const argument = (n: number) => get(after + 15 + shift + n - 1);
    // Login and offline-download records carry the user's domain in Argument5, the serial in Argument9.
    if (actionKey === 'AUTHN_LOGIN_EVENT' || actionId === '13002' || kind === 'offline-download-failed' ||
        kind === 'offline-download-succeeded') {
      record.userDomain = argument(5);
      record.tokenSerial = argument(9);
    }
    if (kind === 'offline-download-failed') record.errorMessage = argument(10) ?? record.reason;
  } else if (cls === 'admin') {
    record.targets = [get(after + 11), get(after + 16)].filter((t): t is string => t !== null);
  }
  applyDescription(record, fields);
  return { type: 'record', shape, record, usedFallbackDate };
}

/** The Description-style text, wherever it appears, wins for the error and fills gaps. */
function applyDescription(record: AmRecord, fields: BodyFields): void {
  if (record.kind !== 'offline-download-failed' && record.kind !== 'offline-download-succeeded') return;
  for (let i = 0; i < fields.length; i++) {
    const description = parseDownloadDescription(fields.field(i));
    if (!description) continue;
    record.userId ??= description.userId;
    record.agentName ??= description.agentName;
    record.tokenSerial ??= description.tokenSerial;
    if (description.errorMessage) record.errorMessage = description.errorMessage;
    return;
  }
}

function formatLocal(t: LocalTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.year, 4)}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}:${p(t.second)}`;
}
