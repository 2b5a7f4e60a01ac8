/**
 * From an analysis to its report: the diagnosis judges every group, then the report is
 * assembled. `aamlog analyze` and the nightly job share this step, so they cannot differ.
 */
import type { Aggregator } from './aggregate.js';
import { buildReport } from './build-report.js';
import { diagnose } from './diagnose/index.js';
import type { Report, ReportInput } from './report.js';
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
  return buildReport({
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
    causes: diagnose({ groups, events: aggregator.contextEvents(), snapshots: parts.snapshots, zone: placer }),
  });
}
