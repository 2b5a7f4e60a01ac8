import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../src/parse/types.js';
import { parseCsv, parseCsvFixture } from './parse-csv-helpers.js';

const at = (file: string, line: number, reason: string) => ({ source: { file, line }, reason });

describe('report-csv: damaged exports lose only the damaged records', () => {
  it('skips the record whose quote never closes, reports its line, and reads every row after it', () => {
    const file = 'unclosed-quote.csv';
    const { records, malformed, counts, notes, errors } = parseCsvFixture(file);
    expect(malformed).toEqual([at(file, 4, 'a quote opened in this record is never closed; lines 5-8 read again')]);
    expect(records.map((r) => [r.source.line, r.kind, r.userId])).toEqual([
      [2, 'offline-download-failed', 'adams'],
      [5, 'offline-download-failed', 'carter'],
      [7, 'lockout', 'carter'],
      [8, 'offline-download-succeeded', 'carter'],
    ]);
    // line 3 (a successful login) is counted, line 6 is blank
    expect(counts).toEqual({ lines: 8, records: 5, otherLines: 1, malformed: 1 });
    expect(notes).toEqual([
      '1 record(s) with a quote that does not close (the first at line 4): each was skipped and the rows after it were read again',
    ]);
    expect(errors).toEqual([]);
  });

  it('reads the rows between an unclosed quote and a later stray quote that seems to close it', () => {
    const file = 'unclosed-quote-closed-later.csv';
    const { records, malformed, counts } = parseCsvFixture(file);
    expect(malformed).toEqual([
      at(file, 3, 'text follows the closing quote of field 3 in a record that a quote stretches to line 5; lines 4-5 read again'),
      // a lone quote inside an unquoted field cannot be told from an unclosed one
      at(file, 5, 'a quote opened in this record is never closed; lines 6-7 read again'),
    ]);
    expect(records.map((r) => [r.source.line, r.userId])).toEqual([
      [2, 'adams'],
      [4, 'carter'],
      [6, 'evans'],
      [7, 'fox'],
    ]);
    expect(counts).toEqual({ lines: 7, records: 4, otherLines: 0, malformed: 2 });
  });

  it('reports rows with too many or too few fields, an unreadable time and text after a closing quote', () => {
    const file = 'column-count.csv';
    const { records, malformed, counts, notes } = parseCsvFixture(file);
    expect(malformed).toEqual([
      at(file, 3, '6 fields where the header has 5'),
      at(file, 4, '4 fields where the header has 5'),
      at(file, 5, "unreadable Date & Time '27/11/2026 16:00'"),
      at(file, 6, "unreadable Date & Time '2026-02-30 16:00:05.000'"),
      at(file, 7, 'text follows the closing quote of field 3'),
    ]);
    expect(records.map((r) => [r.source.line, r.userId])).toEqual([
      [2, 'adams'],
      [8, 'gray'],
    ]);
    expect(counts).toEqual({ lines: 8, records: 2, otherLines: 0, malformed: 5 });
    expect(notes).toEqual([]);
  });

  it('reports a line longer than MAX_RECORD_BYTES without holding it, and reads on', () => {
    const input =
      'Date & Time,Activity Key,User ID\n' +
      `2026-11-27 16:00:01.000,Principal lockout,${'x'.repeat(MAX_RECORD_BYTES)}\n` +
      '2026-11-27 16:00:02.000,Principal lockout,bell\n';
    const { records, malformed, counts } = parseCsv(input, 'long.csv', 64 * 1024);
    expect(malformed).toEqual([at('long.csv', 2, `line longer than ${MAX_RECORD_BYTES} bytes`)]);
    expect(records.map((r) => [r.source.line, r.userId])).toEqual([[3, 'bell']]);
    expect(counts).toEqual({ lines: 3, records: 1, otherLines: 0, malformed: 1 });
  });

  it('gives up on a quote still open after MAX_RECORD_BYTES and reads the rows it had swallowed', () => {
    const opener = '2026-11-27 16:00:00.000,Principal lockout,"never closed';
    const row = '2026-11-27 16:00:01.000,Principal lockout,bell'; // no quotes: balanced
    const rows = 30_000; // about 1.4 MB
    const input = `Date & Time,Activity Key,User ID\n${opener}\n${`${row}\n`.repeat(rows)}`;
    // The cap is passed on the first line that takes the open record beyond it.
    const rowsHeld = Math.floor((MAX_RECORD_BYTES - opener.length) / (row.length + 1)) + 1;
    const { records, malformed, counts } = parseCsv(input, 'open.csv', 64 * 1024);
    expect(malformed).toEqual([
      at('open.csv', 2, `a quote opened in this record is not closed within ${MAX_RECORD_BYTES} bytes; lines 3-${2 + rowsHeld} read again`),
    ]);
    expect(records).toHaveLength(rows);
    expect(records[0].source.line).toBe(3);
    expect(records[rows - 1].source.line).toBe(rows + 2);
    expect(counts).toEqual({ lines: rows + 2, records: rows, otherLines: 0, malformed: 1 });
  });
});
