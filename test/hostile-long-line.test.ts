/**
 * Issue 6, hostile input: a 50 MB line. A record longer than 1 MiB is malformed, never
 * held in memory: the line is reported by number, the record after it is read, and the
 * process stays small.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLongLineLog } from './fixtures/hostile/make.mjs';
import { analyzeHostile, countsOf, hostile, usersOf } from './hostile-support.js';

describe('a 50 MB single line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aamlog-long-line-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one malformed record at line 1; the failure on line 2 is used; peak memory stays far below the line', async () => {
    const file = join(dir, 'long-line.log');
    writeLongLineLog(file, 50);
    const baseline = await analyzeHostile([hostile('empty.log')]);
    const { code, stderr, report, peakMb } = await analyzeHostile([file]);
    expect(code).toBe(0);
    expect(stderr).toBe(`aamlog: ${file}:1: malformed record: line longer than 1048576 bytes\n`);
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'audit-file', lines: 2, records: 1, otherLines: 0, malformed: 1, offlineFailures: 1, errors: [], notes: [],
    });
    expect(report.totals.malformed).toBe(1);
    expect(usersOf(report)).toEqual([['survivor', 1, 'open']]);
    // Holding the line would cost 50 MB as bytes and 100 MB as a string; aamlog's baseline is
    // what it needs to read nothing at all.
    expect(baseline.peakMb).toBeGreaterThan(10);
    expect(peakMb - baseline.peakMb).toBeLessThan(25);
  });
});
