import { TZDate } from '@date-fns/tz';
// Subpath imports: the package index loads every date-fns function (150 ms at start-up).
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { subDays } from 'date-fns/subDays';
import { AamlogError } from './errors.js';
import type { LocalTime } from './model.js';

/** The machine's IANA zone, the default for AM's zone-less timestamps. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * UTC itself needs no time-zone database: loading ICU's, on first use of a zone, costs
 * 20-30 ms of every run. Intl accepts zone names in any case.
 */
function isUtc(zone: string): boolean {
  const name = zone.toLowerCase();
  return name === 'utc' || name === 'etc/utc';
}

export function assertTimeZone(zone: string): string {
  if (isUtc(zone)) return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new AamlogError(`unknown time zone '${zone}': give an IANA name such as Europe/Berlin or UTC`);
  }
}

const QUARTER_HOUR_MS = 900_000;

interface QuarterHour {
  startMs: number;
  /** `2026-11-27T08:` in the zone. */
  hourPrefix: string;
  /** The zone's minute at `startMs` (0, 15, 30 or 45). */
  minute: number;
  /** `+01:00`. */
  offset: string;
  /** `2026-11-27T08:00:00+01:00`: the start of the zone's hour, see `hour`. */
  hourStart: string;
}

/**
 * Places AM wall-clock times in one zone. The zone's offset is cached per local hour,
 * since a log holds millions of records but few distinct hours.
 */
export class ZonePlacer {
  private readonly hourStart = new Map<number, number>();
  /** The last hour placed, and its start: a log's records come hour after hour. */
  private lastHourKey = -1;
  private lastHourStart = 0;
  private readonly quarters = new Map<number, QuarterHour>();
  private readonly utc: boolean;

  constructor(readonly zone: string) {
    this.utc = isUtc(zone);
  }

  epochMs(t: LocalTime): number {
    const hourKey = ((t.year * 16 + t.month) * 32 + t.day) * 24 + t.hour;
    if (hourKey !== this.lastHourKey) {
      let base = this.hourStart.get(hourKey);
      if (base === undefined) {
        base = this.utc ? Date.UTC(t.year, t.month - 1, t.day, t.hour) : new TZDate(t.year, t.month - 1, t.day, t.hour, 0, 0, 0, this.zone).getTime();
        this.hourStart.set(hourKey, base);
      }
      this.lastHourKey = hourKey;
      this.lastHourStart = base;
    }
    return this.lastHourStart + t.minute * 60_000 + t.second * 1000 + t.millisecond;
  }

  /** ISO 8601 to the second with the zone's offset, e.g. 2026-11-27T08:00:01+01:00. */
  iso(epochMs: number): string {
    const quarter = this.quarterOf(epochMs);
    const seconds = Math.floor((epochMs - quarter.startMs) / 1000);
    const minute = quarter.minute + Math.floor(seconds / 60);
    const second = seconds % 60;
    return `${quarter.hourPrefix}${minute < 10 ? '0' : ''}${minute}:${second < 10 ? '0' : ''}${second}${quarter.offset}`;
  }

  /**
   * The start of the zone's hour that holds an instant, e.g. 2026-11-27T08:00:00+01:00. The
   * hour starts at wall-clock HH:00, which in a zone such as Asia/Kolkata (+05:30) is half
   * past a UTC hour, so the label comes from the wall clock, not from rounding the instant down
   * to a UTC hour. It carries the instant's offset: zones change offset on the hour, so the
   * hour's start has the same one (a half-hour shift such as Lord Howe's aside).
   */
  hour(epochMs: number): string {
    return this.quarterOf(epochMs).hourStart;
  }

  private quarterOf(epochMs: number): QuarterHour {
    const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
    let quarter = this.quarters.get(bucket);
    if (quarter === undefined) {
      quarter = this.quarterHour(bucket);
      this.quarters.set(bucket, quarter);
    }
    return quarter;
  }

  /**
   * What the ISO times of one quarter hour share: every zone's offsets and transitions fall
   * on quarter hours, and formatting through date-fns for each of a million events would
   * cost more than reading them.
   */
  private quarterHour(bucket: number): QuarterHour {
    const startMs = bucket * QUARTER_HOUR_MS;
    const offset = this.utc ? 0 : -new TZDate(startMs, this.zone).getTimezoneOffset();
    const local = new Date(startMs + offset * 60_000);
    const p = (n: number) => (n < 10 ? `0${n}` : String(n));
    const abs = Math.abs(offset);
    const hourPrefix = `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}T${p(local.getUTCHours())}:`;
    const offsetText = `${offset < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
    return { startMs, hourPrefix, minute: local.getUTCMinutes(), offset: offsetText, hourStart: `${hourPrefix}00:00${offsetText}` };
  }

  /** The calendar day (YYYY-MM-DD) of an instant in this zone. */
  day(epochMs: number): string {
    return this.iso(epochMs).slice(0, 10);
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/** Checks that a LocalTime names a real calendar time (no 2026-02-30 or 25:00). */
export function isValidLocalTime(t: LocalTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59 || t.second > 60) return false;
  return t.day <= daysInMonth(t.year, t.month);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const RELATIVE_DAYS = /^(\d+)d$/;

/**
 * Parses a `--since`/`--until` bound to epoch ms. Dates and times without an offset are
 * AM-zone wall-clock; a bare date as an upper bound means the end of that day, so
 * `--since 2026-11-27 --until 2026-11-27` is that whole day.
 */
export function parseTimeBound(text: string, zone: string, bound: 'since' | 'until', now = Date.now()): number {
  const value = text.trim().toLowerCase();
  const today = startOfDay(new TZDate(now, zone));
  const dayBound = (day: Date) => (bound === 'since' ? day.getTime() : addDays(day, 1).getTime() - 1);
  if (value === 'today') return dayBound(today);
  if (value === 'yesterday') return dayBound(subDays(today, 1));
  const relative = RELATIVE_DAYS.exec(value);
  if (relative) return now - Number(relative[1]) * 86_400_000;
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isValidLocalTime({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0, millisecond: 0 })) {
      throw badBound(text, bound);
    }
    return dayBound(new TZDate(y, m - 1, d, zone));
  }
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const t: LocalTime = {
      year: Number(local[1]),
      month: Number(local[2]),
      day: Number(local[3]),
      hour: Number(local[4]),
      minute: Number(local[5]),
      second: Number(local[6] ?? 0),
      millisecond: 0,
    };
    if (!isValidLocalTime(t)) throw badBound(text, bound);
    return new ZonePlacer(zone).epochMs(t);
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const ms = Date.parse(text.trim());
    if (!Number.isNaN(ms)) return ms;
  }
  throw badBound(text, bound);
}

function badBound(text: string, bound: string): AamlogError {
  return new AamlogError(
    `--${bound} '${text}' is not a time: use YYYY-MM-DD, YYYY-MM-DDTHH:MM, an ISO time with offset, today, yesterday or Nd (e.g. 7d)`,
  );
}
