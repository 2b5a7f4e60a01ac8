/**
 * The report fast path's WebAssembly module holds one header's layout and decisions at a
 * time: readers of reports with other columns, taking turns row by row, each classify as
 * they do alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QuickCsvRows, QuickRow, type QuickCsvColumns } from '../src/parse/csv-quick.js';
import { fixture } from './support/cli.js';

const rows = readFileSync(fixture('csv/authentication-activity.csv'), 'utf8').split('\n').slice(1).filter((row) => row !== '');
const count = rows[0].split(',').length;
/**
 * The report's own layout, and one deciding by other columns (the Result first): rows the
 * first counts, the second keeps, so the module's decisions for one are wrong for the other.
 */
const layouts: QuickCsvColumns[] = [
  { time: 0, deciding: [2, 5, 6, 4], userId: 7, count },
  { time: 0, deciding: [6, -1, 2, -1], userId: -1, count },
];
const kindOf = (fields: (string | null)[]) => (fields[0] === 'Failure' || fields[0]?.includes('Failed') ? 'login-failed' : null);

/** What a reader says of each row: its verdict, and a kept row's kind and first fields. */
function verdicts(reader: QuickCsvRows, row: string) {
  const buf = Buffer.from(row);
  const verdict = reader.classify(buf, 0, buf.length);
  return verdict === QuickRow.Kept ? [verdict, reader.keptKind, reader.field(buf, 0), reader.field(buf, 7)] : [verdict];
}

describe('report readers of two layouts', () => {
  it('classify each row as they do alone when they take turns', () => {
    const alone = layouts.map((layout) => {
      const reader = new QuickCsvRows(layout, kindOf);
      return rows.map((row) => verdicts(reader, row));
    });
    expect(alone[0]).not.toEqual(alone[1]);
    const readers = layouts.map((layout) => new QuickCsvRows(layout, kindOf));
    const together: unknown[][][] = [[], []];
    for (const row of rows) for (const i of [0, 1]) together[i].push(verdicts(readers[i], row));
    expect(together).toEqual(alone);
  });
});
