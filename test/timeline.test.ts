/**
 * The report's timeline, through the real CLI: failures per hour of the AM zone and primary
 * cause of their group. The fixture holds 7 failures around the night Europe/Berlin moved its
 * clocks from 02:00 to 03:00 (2026-03-29): jdoe's ("Failed to send day data.", so
 * insufficient-data without snapshots) at 23:40, 00:10, 01:05 and 03:20, and tnguyen's
 * ("Invalid proof", so agent-invalid-proof) at 01:59:30, 03:00:10 and 03:45.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { fixture, runCli } from './support/cli.js';
import { tempDir } from './support/temp.js';

const SPRING_FORWARD = fixture('timeline/spring-forward.log');

async function reportIn(zone: string, extra: string[] = []): Promise<Report> {
  const result = await runCli(['analyze', SPRING_FORWARD, '--timezone', zone, '--format', 'json', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('the report timeline', () => {
  it('counts failures per hour and primary cause, with the offset of each hour across a clock change', async () => {
    const report = await reportIn('Europe/Berlin');
    expect(report.timeline).toEqual([
      { hour: '2026-03-28T23:00:00+01:00', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T00:00:00+01:00', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T01:00:00+01:00', cause: 'agent-invalid-proof', failures: 1 },
      { hour: '2026-03-29T01:00:00+01:00', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T03:00:00+02:00', cause: 'agent-invalid-proof', failures: 2 },
      { hour: '2026-03-29T03:00:00+02:00', cause: 'insufficient-data', failures: 1 },
    ]);
    expect(report.totals.offlineFailures).toBe(7);
  });

  it('starts the hours of a +05:30 zone at the wall clock, half past the UTC hour', async () => {
    const report = await reportIn('Asia/Kolkata');
    expect(report.timeline).toEqual([
      { hour: '2026-03-28T23:00:00+05:30', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T00:00:00+05:30', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T01:00:00+05:30', cause: 'agent-invalid-proof', failures: 1 },
      { hour: '2026-03-29T01:00:00+05:30', cause: 'insufficient-data', failures: 1 },
      { hour: '2026-03-29T03:00:00+05:30', cause: 'agent-invalid-proof', failures: 2 },
      { hour: '2026-03-29T03:00:00+05:30', cause: 'insufficient-data', failures: 1 },
    ]);
  });

  it('writes the same timeline into summary.json of --out, and index.html draws it per hour', async () => {
    const out = join(tempDir('aamlog-timeline-'), 'report');
    const report = await reportIn('Europe/Berlin', ['--out', out]);
    const summary: Report = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.timeline).toEqual(report.timeline);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    const bars = [...page.matchAll(/<g class="bar" data-hour="([^"]+)" data-failures="(\d+)">/g)].map((m) => [m[1], Number(m[2])]);
    // The wall clock skips 02:00 to 03:00; the chart still gives that hour its (empty) place.
    expect(bars).toEqual([
      ['2026-03-28T23', 1],
      ['2026-03-29T00', 1],
      ['2026-03-29T01', 2],
      ['2026-03-29T02', 0],
      ['2026-03-29T03', 3],
    ]);
    expect(page).not.toContain('carries no per-');
  });
});
