import { describe, expect, it } from 'vitest';
import { amRecord, parseCsv, parseCsvFixture } from './parse-csv-helpers.js';

describe('report-csv: columns by header name', () => {
  it('finds shuffled, oddly spelled columns, ignores unknown ones, and prefers agent and token columns to the Description', () => {
    const file = 'shuffled-columns.csv';
    const { records, counts, malformed } = parseCsvFixture(file);
    expect(records).toEqual([
      // The Description names agent ws-042.corp.example.com and token 999999999999: the columns win,
      // its error message is the only one there is.
      amRecord({
        file, line: 2, time: '2026-11-27 14:00:00.000', kind: 'offline-download-failed',
        serverNode: 'am-primary', userId: 'jdoe', agentName: 'ws-042', agentIp: '10.9.9.42', tokenSerial: '000123456789',
        errorMessage: 'Invalid proof', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017', result: 'FAIL',
      }),
      // Empty agent and token cells: the Description fills them.
      amRecord({
        file, line: 3, time: '2026-11-27 14:00:01.000', kind: 'offline-download-failed',
        serverNode: 'am-primary', userId: 'asmith', agentName: 'LT-0815', tokenSerial: 'xxxxxxxx2776',
        errorMessage: 'Failed to send day data.', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017', result: 'FAIL',
      }),
      // `Result` says Failure: a failed login
      amRecord({
        file, line: 4, time: '2026-11-27 14:00:02.000', kind: 'login-failed',
        serverNode: 'am-replica-1', userId: 'bob', agentIp: '10.1.2.9',
        actionKey: 'AUTHN_LOGIN_EVENT', actionId: '13002', result: 'FAIL',
      }),
    ]);
    expect(counts).toEqual({ lines: 4, records: 3, otherLines: 0, malformed: 0 });
    expect(malformed).toEqual([]);
  });

  it('reads a quoted first header name behind a leftover byte-order mark', () => {
    const file = 'bom-header.csv';
    const { records, counts, errors } = parseCsvFixture(file);
    expect(records).toEqual([
      amRecord({
        file, line: 2, time: '2026-11-27 15:00:00.000', kind: 'lockout', userId: 'jdoe',
        actionKey: 'AUTHN_LOCKOUT_EVENT', actionId: '13003',
      }),
    ]);
    expect(counts).toEqual({ lines: 2, records: 1, otherLines: 0, malformed: 0 });
    expect(errors).toEqual([]);
  });

  it('reads nothing, and says why, when the first line is no report header', () => {
    const { records, malformed, counts, errors } = parseCsvFixture('not-a-header.csv');
    expect(errors).toEqual(["line 1 is not a report header: it must name the columns 'Date & Time' and 'Activity Key'"]);
    expect(counts).toEqual({ lines: 3, records: 0, otherLines: 0, malformed: 0 });
    expect(records).toEqual([]);
    expect(malformed).toEqual([]);
  });

  it('reads a header-only export as zero records without an error', () => {
    expect(parseCsvFixture('header-only.csv')).toEqual({
      records: [], malformed: [], counts: { lines: 1, records: 0, otherLines: 0, malformed: 0 }, notes: [], errors: [],
    });
  });

  it('reads an empty export as zero records without an error', () => {
    expect(parseCsvFixture('empty.csv')).toEqual({
      records: [], malformed: [], counts: { lines: 0, records: 0, otherLines: 0, malformed: 0 }, notes: [], errors: [],
    });
  });

  it('counts blank lines before the header and between rows as other lines', () => {
    const { records, counts } = parseCsv('\n\r\nDate & Time,Activity Key\n2026-11-27 15:00:00.000,Principal lockout\n  \n');
    expect(records.map((r) => r.source.line)).toEqual([4]);
    expect(counts).toEqual({ lines: 5, records: 1, otherLines: 3, malformed: 0 });
  });

  it('reports a header row whose quote never closes as an error, not as rows', () => {
    const { counts, errors } = parseCsv('"Date & Time,Activity Key\n2026-11-27 15:00:00.000,Principal lockout\n');
    expect(errors).toEqual(['line 1: the header row cannot be read: a quote opened in this record is never closed']);
    expect(counts).toEqual({ lines: 2, records: 0, otherLines: 0, malformed: 0 });
  });
});
