/**
 * Issue 6, hostile input: damaged report exports and empty inputs. A broken row costs
 * that row, reported with its line; the rows after it are read; an input with nothing in
 * it says so without failing the run.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHostile, countsOf, hostile, usersOf } from './hostile-support.js';
import { parseCsv } from './parse-csv-helpers.js';

describe('a report export with a quote that never closes, halfway down', () => {
  it('loses only the row that opens it, reads the six rows after it, and names the lines', async () => {
    const file = hostile('unclosed-quote-halfway.csv');
    const { code, stderr, report } = await analyzeHostile([file]);
    expect(code).toBe(0);
    expect(stderr).toBe(`aamlog: ${file}:7: malformed record: a quote opened in this record is never closed; lines 8-13 read again\n`);
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'report-csv', lines: 13, records: 11, otherLines: 0, malformed: 1, offlineFailures: 5, errors: [],
      notes: ['1 record(s) with a quote that does not close (the first at line 7): each was skipped and the rows after it were read again'],
    });
    // broken (line 7) is lost; carter, dunn and evans fail after it and are all there.
    expect(usersOf(report)).toEqual([['adams', 1, 'open'], ['bell', 1, 'open'], ['carter', 1, 'open'], ['dunn', 1, 'open'], ['evans', 1, 'open']]);
    expect(report.users.find((u) => u.userId === 'dunn')?.groups[0].errors).toEqual([{ message: 'Invalid proof', count: 1 }]);
  });
});

describe('rows with too many and too few columns', () => {
  it('reports each such row with its field count and reads the rows around them', async () => {
    const file = hostile('column-counts.csv');
    const { code, stderr, report } = await analyzeHostile([file]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      [
        `aamlog: ${file}:3: malformed record: 6 fields where the header has 5`,
        `aamlog: ${file}:4: malformed record: 4 fields where the header has 5`,
        `aamlog: ${file}:5: malformed record: 2 fields where the header has 5`,
        `aamlog: ${file}:6: malformed record: 9 fields where the header has 5`,
        '',
      ].join('\n'),
    );
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'report-csv', lines: 7, records: 2, otherLines: 0, malformed: 4, offlineFailures: 2, errors: [], notes: [],
    });
    expect(report.totals.malformed).toBe(4);
    expect(usersOf(report)).toEqual([['adams', 1, 'open'], ['last', 1, 'open']]);
  });
});

describe('inputs with nothing to read', () => {
  it('an empty file: a warning, no format, exit 0', async () => {
    const file = hostile('empty.log');
    const { code, stderr, report } = await analyzeHostile([file]);
    expect([code, stderr]).toEqual([0, `aamlog: ${file}: warning: the input is empty\n`]);
    expect(countsOf(report.inputs[0])).toEqual({
      format: null, lines: 0, records: 0, otherLines: 0, malformed: 0, offlineFailures: 0, errors: [], notes: ['warning: the input is empty'],
    });
  });

  it('a header-only export: read as a report with no rows, a warning, exit 0', async () => {
    const file = hostile('header-only.csv');
    const { code, stderr, report } = await analyzeHostile([file]);
    expect([code, stderr]).toEqual([0, `aamlog: ${file}: warning: the report has a header row and no rows\n`]);
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'report-csv', lines: 1, records: 0, otherLines: 0, malformed: 0, offlineFailures: 0, errors: [],
      notes: ['warning: the report has a header row and no rows'],
    });
    expect(report.users).toEqual([]);
  });
});

describe('result fields named like object properties', () => {
  it('reads them as text: a failed login is kept with its result and reason', () => {
    const header = 'Date & Time,Activity Key,Result Key,Result,User ID';
    const rows = ['constructor', '__proto__', 'toString'].map(
      (key, i) => `2026-11-27 10:00:0${i}.000,Principal authentication,${key},Failure,jdoe`,
    );
    const { records, malformed } = parseCsv([header, ...rows].join('\n'));
    expect(malformed).toEqual([]);
    expect(records.map((r) => [r.kind, r.result, r.reason])).toEqual([
      ['login-failed', 'FAIL', 'constructor'],
      ['login-failed', 'FAIL', '__proto__'],
      ['login-failed', 'FAIL', 'toString'],
    ]);
  });
});
