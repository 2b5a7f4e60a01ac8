/**
 * The report's timeline, through the real CLI: failures per hour of the AM zone and primary
 * cause of their group, on the spring-forward fixture (see timeline-support.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { fixture, runCli } from './support/cli.js';
import { tempDir } from './support/temp.js';
import { BERLIN_TIMELINE } from './timeline-support.js';

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
    expect(report.timeline).toEqual(BERLIN_TIMELINE);
    expect(report.totals.offlineFailures).toBe(7);
  });

  it('starts the hours of a +05:30 zone at the wall clock, half past the UTC hour', async () => {
    const report = await reportIn('Asia/Kolkata');
    // The log's wall-clock times are the same: only the offset differs, and no hour is skipped.
    expect(report.timeline).toEqual(BERLIN_TIMELINE.map((p) => ({ ...p, hour: p.hour.replace(/\+0[12]:00$/, '+05:30') })));
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
