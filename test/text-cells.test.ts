/**
 * The store of deferred records' texts: each text kept whole in a cell of the smallest size
 * it fits, a freed cell reused by the next text of its size, new cells cut only within the
 * room the caller gives.
 */
import { describe, expect, it } from 'vitest';
import { cellBytes, MAX_DEFERRED_BYTES, TextCells } from '../src/online-problems.js';

const text = (bytes: number, fill: string) => Buffer.from(fill.repeat(bytes));
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

describe('text cells', () => {
  it('keep each text whole, from one byte to MAX_DEFERRED_BYTES, in a cell it fits', () => {
    const cells = new TextCells();
    const lengths = [1, 255, 256, 257, 511, 700, 1024, 1025, 3000, MAX_DEFERRED_BYTES];
    const kept = lengths.map((bytes, i) => {
      const source = Buffer.concat([Buffer.from('<<'), text(bytes, String.fromCharCode(97 + i)), Buffer.from('>>')]);
      return { bytes, cell: cells.put(source, 2, 2 + bytes, NO_LIMIT) };
    });
    kept.forEach(({ bytes, cell }, i) => expect(cells.text(cell, bytes).toString()).toBe(String.fromCharCode(97 + i).repeat(bytes)));
    expect(lengths.map(cellBytes)).toEqual([256, 256, 256, 512, 512, 1024, 1024, 2048, 4096, 4096]);
  });

  it('reuse a freed cell for the next text of its size, and cut a new one for another size', () => {
    const cells = new TextCells();
    const first = cells.put(text(700, 'a'), 0, 700, NO_LIMIT);
    const second = cells.put(text(800, 'b'), 0, 800, NO_LIMIT);
    cells.free(first);
    const third = cells.put(text(900, 'c'), 0, 900, NO_LIMIT);
    expect(third).toBe(first);
    expect(cells.text(third, 900).toString()).toBe('c'.repeat(900));
    expect(cells.text(second, 800).toString()).toBe('b'.repeat(800));
    cells.free(third);
    expect(cells.put(text(300, 'd'), 0, 300, NO_LIMIT)).not.toBe(first);
  });

  it('cut new cells only within the room given, and still reuse freed ones past it', () => {
    const cells = new TextCells();
    const room = 3 * 1024;
    const taken = [0, 1, 2].map(() => cells.put(text(1000, 'a'), 0, 1000, room));
    expect(taken.every((cell) => cell >= 0)).toBe(true);
    expect(cells.put(text(1000, 'b'), 0, 1000, room)).toBe(-1);
    // A larger room lets one more cell be cut; a smaller one none, but a freed cell is reused.
    expect(cells.put(text(1000, 'c'), 0, 1000, room + 1024)).toBeGreaterThanOrEqual(0);
    cells.free(taken[1]);
    expect(cells.put(text(1000, 'd'), 0, 1000, 0)).toBe(taken[1]);
    expect(cells.text(taken[1], 1000).toString()).toBe('d'.repeat(1000));
  });

  it('keep texts apart across many cells of every size', () => {
    const cells = new TextCells();
    const kept: { cell: number; bytes: number; fill: string }[] = [];
    for (let i = 0; i < 3000; i++) {
      const bytes = 1 + ((i * 7919) % MAX_DEFERRED_BYTES);
      const fill = String.fromCharCode(65 + (i % 26));
      kept.push({ cell: cells.put(text(bytes, fill), 0, bytes, NO_LIMIT), bytes, fill });
      if (i % 3 === 0) cells.free(kept.splice((i * 31) % kept.length, 1)[0].cell);
    }
    for (const { cell, bytes, fill } of kept) expect(cells.text(cell, bytes).toString()).toBe(fill.repeat(bytes));
  });
});
