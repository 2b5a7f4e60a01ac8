/**
 * Failures over time for the chart. The report's groups hold only first and last times, so
 * the counts come from an optional `timeline` field: failures per hour of the AM zone and
 * primary cause of their group. The chart shows days, or hours when the failures span less
 * than two days. Bucket labels are the AM zone's wall clock: the ISO times carry its offset,
 * so a day is the first 10 characters and an hour the first 13.
 */
import { z } from 'zod';
import type { Report } from '../report.js';
import { compareCauses } from './html-causes.js';

/** A point of `report.timeline` as the chart reads it: any cause id, known to this version or not. */
export interface HtmlTimelinePoint {
  /** Start of the hour in the AM zone, e.g. `2026-11-27T08:00:00+01:00`. */
  hour: string;
  cause: string;
  failures: number;
}

const timelineSchema = z.array(
  z.object({
    hour: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d/),
    cause: z.string(),
    failures: z.number().int().nonnegative(),
  }),
);

/**
 * The report's timeline where it has a readable one, else null (the chart then says so). It
 * is checked because a report may come from a summary.json of another version, or by hand.
 */
export function readTimeline(report: Report): HtmlTimelinePoint[] | null {
  const parsed = timelineSchema.safeParse(report.timeline);
  return parsed.success ? parsed.data : null;
}

export type BucketUnit = 'day' | 'hour';

export interface Bucket {
  /** `2026-11-27` for a day, `2026-11-27T08` for an hour. */
  key: string;
  total: number;
  /** Failures by cause, in cause precedence order; causes with none are left out. */
  causes: { cause: string; failures: number }[];
}

const TWO_DAYS_MS = 2 * 24 * 3600_000;

/** Hours when the first and last failure lie less than two days apart, else days. */
export function bucketUnit(report: Report): BucketUnit {
  const times = report.users.flatMap((u) => [Date.parse(u.firstFailure), Date.parse(u.lastFailure)]).filter(Number.isFinite);
  if (times.length === 0) return 'day';
  return Math.max(...times) - Math.min(...times) < TWO_DAYS_MS ? 'hour' : 'day';
}

/** Beyond a year of days, empty days are left out rather than drawn as thousands of bars. */
export const MAX_BUCKETS = 366;

/**
 * Every bucket from the first point's to the last point's, empty ones included. A span of
 * more than MAX_BUCKETS (say from a log line with a year far off), or labels that are no
 * calendar date, keep only the buckets that have failures.
 */
export function bucketTimeline(points: HtmlTimelinePoint[], unit: BucketUnit): Bucket[] {
  const width = unit === 'day' ? 10 : 13;
  const sums = new Map<string, Map<string, number>>();
  for (const point of points) {
    if (point.failures === 0) continue;
    const key = point.hour.slice(0, width);
    const byCause = sums.get(key) ?? new Map<string, number>();
    byCause.set(point.cause, (byCause.get(point.cause) ?? 0) + point.failures);
    sums.set(key, byCause);
  }
  const keys = [...sums.keys()].sort();
  if (keys.length === 0) return [];
  const range = labelRange(keys[0], keys[keys.length - 1], unit);
  return (range.length > 0 && range.length <= MAX_BUCKETS ? range : keys).map((key) => {
    const causes = [...(sums.get(key) ?? new Map<string, number>())]
      .map(([cause, failures]) => ({ cause, failures }))
      .sort((a, b) => compareCauses(a.cause, b.cause));
    return { key, total: causes.reduce((sum, c) => sum + c.failures, 0), causes };
  });
}

/**
 * The wall-clock labels from `first` to `last`, stepping on the calendar (UTC arithmetic on
 * the labels themselves, so no zone's transitions come into it).
 */
function labelRange(first: string, last: string, unit: BucketUnit): string[] {
  const step = unit === 'day' ? 24 * 3600_000 : 3600_000;
  const toMs = (label: string) => Date.parse(unit === 'day' ? `${label}T00:00:00Z` : `${label}:00:00Z`);
  const labels: string[] = [];
  for (let ms = toMs(first); ms <= toMs(last) && labels.length <= MAX_BUCKETS; ms += step) {
    labels.push(new Date(ms).toISOString().slice(0, unit === 'day' ? 10 : 13));
  }
  return labels;
}
