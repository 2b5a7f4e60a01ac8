/** ByteFinder: the next place of a byte in a chunk, one native search serving many lines. */
import { describe, expect, it } from 'vitest';
import { ByteFinder } from '../src/read/byte-finder.js';

describe('ByteFinder', () => {
  it('finds each quote in order, and the buffer length past the last', () => {
    const quotes = new ByteFinder(34);
    const chunk = Buffer.from('a,"b",c\nd,e\n"f"\n');
    expect([0, 2, 3, 5, 8, 12, 13, 15, 16].map((from) => quotes.next(chunk, from))).toEqual([2, 2, 4, 12, 12, 12, 14, 16, 16]);
  });

  it('searches again after reset, when a reader has refilled the same buffer', () => {
    const colons = new ByteFinder(58);
    const buffer = Buffer.from('ab:cd');
    expect(colons.next(buffer, 0)).toBe(2);
    buffer.write('abcd:');
    expect(colons.next(buffer, 1)).toBe(2); // the same buffer: the earlier search still serves
    colons.reset();
    expect(colons.next(buffer, 1)).toBe(4);
  });
});
