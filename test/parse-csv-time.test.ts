/**
 * The report's Date & Time, read character by character: exactly the texts of the form
 * `YYYY-MM-DD[ T]HH:MM:SS[.,fraction]` (1 to 9 fraction digits, cut to milliseconds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportTime } from '../src/parse/csv.js';

/** The format as a regular expression: the oracle. */
const FORMAT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

function byFormat(text: string) {
  const m = FORMAT.exec(text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    millisecond: m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0,
  };
}

describe('reportTime', () => {
  it('reads the console\'s times, with a dot, a comma or no fraction', () => {
    expect(reportTime('2015-09-22 12:50:58.397')).toEqual({ year: 2015, month: 9, day: 22, hour: 12, minute: 50, second: 58, millisecond: 397 });
    expect(reportTime('2015-09-22T12:50:58,4')).toEqual({ year: 2015, month: 9, day: 22, hour: 12, minute: 50, second: 58, millisecond: 400 });
    expect(reportTime('2015-09-22 12:50:58.123456789')?.millisecond).toBe(123);
    expect(reportTime('2015-09-22 12:50:58')?.millisecond).toBe(0);
  });

  it('refuses other shapes', () => {
    for (const text of ['2015-09-22 12:50:58.', '2015-09-22 12:50:58.1234567890', '2015-9-22 12:50:58', '2015-09-22 12:50', '2015-09-22_12:50:58', '２015-09-22 12:50:58', '2015-09-22 12:50:5x']) {
      expect(reportTime(text)).toBeNull();
    }
  });

  it('agrees with the format on texts built from its pieces', () => {
    const piece = fc.constantFrom('0', '1', '9', '2015', '09', '-', ':', ' ', 'T', '.', ',', 'x', '١', '');
    const text = fc.oneof(
      fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join('')),
      fc.tuple(fc.constantFrom('2015-09-22 12:50:58', '2015-09-22T23:59:60'), fc.array(piece, { maxLength: 12 })).map(([head, tail]) => head + tail.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(reportTime(t)).toEqual(byFormat(t));
      }),
      { numRuns: 5000 },
    );
  });
});
