/**
 * The fast path's verdict on a line does not depend on the chunk it arrives in: in a
 * chunk copied into the WebAssembly module (up to 256 KiB, what the gzip reader hands
 * over) or one too large for it, whose lines are copied one by one, at any offset.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Quick, QuickClassifier } from '../src/parse/quick-line.js';
import { QuickCsvRows, QuickRow } from '../src/parse/csv-quick.js';
import { fixture } from './support/cli.js';

/** A fixture's lines over and over, as one buffer of at least `bytes`, and where each line is. */
function chunkOf(path: string, bytes: number, skipHeader = false) {
  const lines = readFileSync(fixture(path), 'utf8').split('\n').slice(skipHeader ? 1 : 0).filter((line) => line !== '');
  const text: string[] = [];
  let size = 0;
  while (size < bytes) for (const line of lines) (text.push(line), (size += Buffer.byteLength(line) + 1));
  const chunk = Buffer.from(text.join('\n') + '\n');
  const places: [number, number][] = [];
  for (let start = 0, nl = chunk.indexOf(10); nl !== -1; start = nl + 1, nl = chunk.indexOf(10, start)) places.push([start, nl]);
  return { chunk, places };
}

describe('the line classifier', () => {
  for (const bytes of [16 * 1024, 256 * 1024 - 1024, 1024 * 1024]) {
    it(`gives each line of a ${bytes >> 10} KiB chunk the verdict it gives the line alone`, () => {
      const { chunk, places } = chunkOf('syslog/pri-bsd-header.log', bytes);
      const inChunk = new QuickClassifier(true);
      const alone = new QuickClassifier(true);
      inChunk.startChunk(chunk);
      const verdicts = places.map(([start, end]) => inChunk.classify(chunk, start, end));
      expect(verdicts).toEqual(places.map(([start, end]) => alone.classify(Buffer.from(chunk.subarray(start, end)), 0, end - start)));
      // The fast path vouches for them (were WebAssembly off, every line would go to the careful parser).
      expect(new Set(verdicts)).toEqual(new Set([Quick.SyslogRecord, Quick.Kept]));
    });
  }
});

describe('the report row classifier', () => {
  const columns = { time: 0, deciding: [2, 5, 6, 4], userId: 7, count: 25 };
  const kindOf = (fields: (string | null)[]) => (fields[2] === 'Failure' ? 'login-failed' : null);
  for (const bytes of [16 * 1024, 256 * 1024 - 1024, 1024 * 1024]) {
    it(`gives each row of a ${bytes >> 10} KiB chunk the verdict it gives the row alone`, () => {
      const { chunk, places } = chunkOf('csv/authentication-activity.csv', bytes, true);
      const inChunk = new QuickCsvRows(columns, kindOf);
      inChunk.startChunk(chunk);
      const verdicts = places.map(([start, end]) => inChunk.classify(chunk, start, end));
      const alone = new QuickCsvRows(columns, kindOf);
      expect(verdicts).toEqual(places.map(([start, end]) => alone.classify(Buffer.from(chunk.subarray(start, end)), 0, end - start)));
      expect(verdicts).toContain(QuickRow.Counted);
    });
  }
});
