/**
 * test/fixtures/timeline/spring-forward.log: 7 failures around the night Europe/Berlin moved
 * its clocks from 02:00 to 03:00 (2026-03-29). jdoe's ("Failed to send day data.", so
 * insufficient-data without snapshots) at 23:40, 00:10, 01:05 and 03:20; tnguyen's
 * ("Invalid proof", so agent-invalid-proof) at 01:59:30, 03:00:10 and 03:45.
 */
import type { ReportTimelinePoint } from '../src/report.js';

/** The timeline of the whole fixture in Europe/Berlin; its first four points are those of the first four lines. */
export const BERLIN_TIMELINE: ReportTimelinePoint[] = [
  { hour: '2026-03-28T23:00:00+01:00', cause: 'insufficient-data', failures: 1 },
  { hour: '2026-03-29T00:00:00+01:00', cause: 'insufficient-data', failures: 1 },
  { hour: '2026-03-29T01:00:00+01:00', cause: 'agent-invalid-proof', failures: 1 },
  { hour: '2026-03-29T01:00:00+01:00', cause: 'insufficient-data', failures: 1 },
  { hour: '2026-03-29T03:00:00+02:00', cause: 'agent-invalid-proof', failures: 2 },
  { hour: '2026-03-29T03:00:00+02:00', cause: 'insufficient-data', failures: 1 },
];
