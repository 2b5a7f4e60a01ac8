import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, splitCsvFields, type UnreadableRecord } from '../src/parse/csv-records.js';
import { parseCsv } from './parse-csv-helpers.js';

const csvText = (alphabet: string[], maxLength = 30) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((parts) => parts.join(''));

describe('splitCsvFields', () => {
  it('splits every record as csv-parse does where csv-parse reads it as one record', () => {
    fc.assert(
      fc.property(csvText(['a', 'é', ' ', ',', '"', '""', '\n', '\t']), (text) => {
        // The record splitter hands over records without their line end.
        fc.pre(!text.endsWith('\n'));
        let expected: string[][];
        try {
          expected = parse(text, { relax_column_count: true });
        } catch {
          return true; // csv-parse refuses it; splitCsvFields may be more liberal
        }
        fc.pre(expected.length === 1);
        expect(splitCsvFields(text)).toEqual(expected[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts blanks around a quoted field and a quote inside an unquoted one', () => {
    expect(splitCsvFields(' "a,b" ,5" floppy,"c"')).toEqual(['a,b', '5" floppy', 'c']);
  });

  it('says which field is broken', () => {
    expect(splitCsvFields('a,"b"c,d')).toEqual({ error: 'text follows the closing quote of field 2' });
    expect(splitCsvFields('a,b,"c')).toEqual({ error: 'the quote that opens field 3 is never closed' });
  });

  it('returns one empty field for an empty record and keeps trailing empty fields', () => {
    expect(splitCsvFields('')).toEqual(['']);
    expect(splitCsvFields('a,,')).toEqual(['a', '', '']);
  });
});

describe('CsvRecordSplitter', () => {
  const split = (input: string) => {
    const seen: Array<[number, number, string] | UnreadableRecord> = [];
    const splitter = new CsvRecordSplitter({
      record: (text, first, last) => {
        seen.push([first, last, text]);
        return 'read';
      },
      unreadable: (problem) => seen.push(problem),
    });
    splitter.push(Buffer.from(input));
    splitter.end();
    return { seen, lines: splitter.lineNo };
  };

  it('ends a record at a line end with balanced quotes and joins its lines with \\n', () => {
    expect(split('a,"b\r\nc"\r\nd\n"e""\nf"')).toEqual({
      seen: [
        [1, 2, 'a,"b\nc"'],
        [3, 3, 'd'],
        [4, 5, '"e""\nf"'],
      ],
      lines: 5,
    });
  });

  it('reads the lines after an unclosed quote again as records of their own', () => {
    expect(split('a\n"b\nc\nd\n')).toEqual({
      seen: [
        [1, 1, 'a'],
        { line: 2, cause: 'quote', reason: 'a quote opened in this record is never closed', reread: { first: 3, last: 4 } },
        [3, 3, 'c'],
        [4, 4, 'd'],
      ],
      lines: 4,
    });
  });
});

describe('report-csv on any input', () => {
  const header = 'Date & Time,Activity Key,User ID,Description\n';
  const pieces = [
    'a', ' ', ',', '"', '""', '\n', '\r\n', '\uFEFF', '\u0000', 'é', '=',
    '2026-11-27 10:00:00.000', 'Principal lockout', 'Offline Authentication Data Download Failed',
    'Offline Authentication data download requested by user u from agent a using token 1 failed with error message "x"',
  ];

  it('never throws, and reports each line at most once as a record, a malformed record or a blank line', () => {
    fc.assert(
      fc.property(csvText(pieces, 60), fc.integer({ min: 1, max: 16 }), fc.boolean(), (body, chunk, withHeader) => {
        const input = (withHeader ? header : '') + body;
        const parsed = parseCsv(input, 'any.csv', chunk);
        const physical = input === '' ? 0 : input.split('\n').length - (input.endsWith('\n') ? 1 : 0);
        expect(parsed.counts.lines).toBe(physical);
        expect(parsed.counts.malformed).toBe(parsed.malformed.length);
        const starts = [...parsed.records, ...parsed.malformed].map((r) => r.source.line);
        expect(new Set(starts).size).toBe(starts.length);
        for (const line of starts) expect(line >= 1 && line <= physical).toBe(true);
        expect(parsed.counts.records + parsed.counts.malformed + parsed.counts.otherLines).toBeLessThanOrEqual(physical);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        const parsed = parseCsv(Buffer.concat([Buffer.from(header), Buffer.from(bytes)]), 'bytes.csv', chunk);
        expect(parsed.counts.lines).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  const userIds = fc.array(csvText(['a', 'Z', ' ', ',', '"', '\n', '\r\n', '=', '@', 'ü'], 12), { minLength: 1, maxLength: 12 });
  const asRows = (ids: string[]) => ids.map((id, i) => [`2026-11-27 10:00:${String(i % 60).padStart(2, '0')}.000`, 'Principal lockout', id]);
  const expectedId = (id: string) => (id.trim() === '' ? null : id.trim().replace(/\r\n/g, '\n'));

  it('reads back every row a CSV writer wrote, whatever the values hold', () => {
    fc.assert(
      fc.property(userIds, fc.integer({ min: 1, max: 40 }), (ids, chunk) => {
        const input = stringify([['Date & Time', 'Activity Key', 'User ID'], ...asRows(ids)], {
          record_delimiter: 'windows',
          quoted_match: /\n/, // csv-stringify quotes only a whole \r\n by itself
        });
        const parsed = parseCsv(input, 'written.csv', chunk);
        expect(parsed.malformed).toEqual([]);
        expect(parsed.records.map((r) => r.userId)).toEqual(ids.map(expectedId));
      }),
      { numRuns: 300 },
    );
  });

  it('loses only the row with an unclosed quote among single-line rows', () => {
    const singleLineIds = fc.array(csvText(['a', ' ', ',', '"', 'ü'], 12), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(singleLineIds, fc.nat(), (ids, at) => {
        const lines = stringify(asRows(ids)).split('\n').slice(0, -1);
        const broken = Math.min(at % (lines.length + 1), lines.length);
        lines.splice(broken, 0, '2026-11-27 11:00:00.000,Principal lockout,"unclosed');
        const parsed = parseCsv(['Date & Time,Activity Key,User ID', ...lines].join('\n'), 'broken.csv');
        expect(parsed.malformed.map((m) => m.source.line)).toEqual([broken + 2]);
        expect(parsed.records.map((r) => r.userId)).toEqual(ids.map(expectedId));
      }),
      { numRuns: 300 },
    );
  });
});
