/**
 * From an analysis to its report: the diagnosis judges every group, then the report is
 * assembled. `aamlog analyze` and the nightly job share this step, so they cannot differ.
 */
import type { Aggregator, HourlyFailures } from './aggregate.js';
import { buildReport } from './build-report.js';
import { diagnose } from './diagnose/index.js';
import type { Cause } from './model.js';
import type { Report, ReportInput, ReportTimelinePoint } from './report.js';
import type { LoadedSnapshot } from './snapshots/types.js';
import type { ZonePlacer } from './time.js';
import { toolVersion } from './version.js';

export interface AnalysisReportParts {
  aggregator: Aggregator;
  placer: ZonePlacer;
  inputs: ReportInput[];
  snapshots: LoadedSnapshot[];
  generatedAtMs: number;
  /** Explicit window bounds (`--since`/`--until`); where absent, the events' own span. */
  sinceMs?: number;
  untilMs?: number;
}

export function reportFromAnalysis(parts: AnalysisReportParts): Report {
  const { aggregator, placer, generatedAtMs, sinceMs, untilMs } = parts;
  const groups = aggregator.groups();
  const span = aggregator.span();
  const causes = diagnose({ groups, events: aggregator.contextEvents(), snapshots: parts.snapshots, zone: placer });
  const report = buildReport({
    version: toolVersion(),
    generatedAtMs,
    placer,
    window:
      sinceMs !== undefined || untilMs !== undefined
        ? { fromMs: sinceMs ?? span?.fromMs ?? generatedAtMs, toMs: untilMs ?? span?.toMs ?? generatedAtMs }
        : span,
    inputs: parts.inputs,
    snapshots: parts.snapshots.map((s) => ({ path: s.path, capturedAt: s.capturedAt })),
    groups,
    causes,
  });
  return { ...report, timeline: timeline(aggregator.hourlyFailures(), causes) };
}

/**
 * Failures per hour and primary cause of their group. Hours are ordered as instants: where
 * a clock is set back, the same wall-clock hour comes twice, with two offsets.
 */
function timeline(hourly: HourlyFailures[], causes: Map<string, Cause[]>): ReportTimelinePoint[] {
  const points = new Map<string, ReportTimelinePoint>();
  for (const { groupKey, hour, failures } of hourly) {
    // The diagnosis judges every group and never leaves one without a cause.
    const cause = causes.get(groupKey)![0].id;
    const key = `${hour} ${cause}`;
    const point = points.get(key);
    if (point) point.failures += failures;
    else points.set(key, { hour, cause, failures });
  }
  return [...points.values()].sort(
    (a, b) => Date.parse(a.hour) - Date.parse(b.hour) || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0),
  );
}
