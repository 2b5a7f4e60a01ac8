/**
 * Issue 6, hostile input: damaged gzip files. The damage is reported for the file and
 * the run exits 2 after the report, with every record inflated before the damage used.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHostile, countsOf, hostile, usersOf } from './hostile-support.js';

describe('a truncated gzip file', () => {
  it('keeps the records before the cut, reports the cut, exits 2', async () => {
    const file = hostile('truncated.log.gz');
    const reason = 'gzip data ends early (truncated file); the records before the damage were read';
    const { code, stderr, report } = await analyzeHostile([file, hostile('nul-bytes.log')]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`aamlog: ${file}: ${reason}`);
    // 40 records were compressed; 2 of 5 parts of the file are left, which hold the first whole line.
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'syslog', lines: 1, records: 1, otherLines: 0, malformed: 0, offlineFailures: 1, errors: [reason], notes: ['gzip-compressed'],
    });
    expect(usersOf(report)).toEqual([['after', 1, 'open'], ['early', 1, 'open'], ['padded', 1, 'open']]);
  });
});

describe('a corrupt gzip file', () => {
  it('reports the corruption and exits 2; the other inputs are still read', async () => {
    const file = hostile('corrupt.log.gz');
    const reason = 'corrupt gzip data (invalid code -- missing end-of-block); the records before the damage were read';
    const { code, stderr, report } = await analyzeHostile([file, hostile('nul-bytes.log')]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`aamlog: ${file}: ${reason}`);
    // The intact first member is read whole although zlib meets the damage in the same step.
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'syslog', lines: 2, records: 2, otherLines: 0, malformed: 0, offlineFailures: 1, errors: [reason], notes: ['gzip-compressed'],
    });
    expect(usersOf(report)).toEqual([['after', 1, 'open'], ['intact', 1, 'open'], ['padded', 1, 'open']]);
  });
});
