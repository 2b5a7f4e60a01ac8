/**
 * Issue 6, property-based: for any input the record parsers return records, other lines or
 * malformed counts, never throw, do not depend on how the input is cut into chunks, and
 * finish in bounded time. The byte classifier of the fast path never contradicts the
 * careful line parser on mutations of real lines.
 */
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmLine, type LineContext } from '../src/parse/am-line.js';
import { createReportCsvParser } from '../src/parse/csv.js';
import { AmLineParser } from '../src/parse/line-parser.js';
import { Quick, QuickClassifier } from '../src/parse/quick-line.js';
import { KeptLineReader } from '../src/parse/quick-record.js';
import type { RecordParser, RecordSink } from '../src/parse/types.js';
import { fixture } from './support/cli.js';
import { parseInPieces, type ParseOutcome } from './support/parse-run.js';

const DAY = { year: 2026, month: 11, day: 27 };
/** Generous for 2 shared cores; a regular expression that backtracks takes seconds, not this. */
const BOUND_MS = 250;

const linesOf = (folder: string) =>
  readdirSync(fixture(folder))
    .filter((name) => name.endsWith('.log'))
    .flatMap((name) => readFileSync(join(fixture(folder), name), 'utf8').split(/\r?\n/))
    .filter((line) => line.trim() !== '');
const REAL_LINES = [
  ...linesOf('syslog'),
  ...linesOf('audit'),
  ...readFileSync(fixture('public/rsa-am-public-lines.txt'), 'utf8').split('\n').filter((line) => /\d,\d{3},/.test(line)),
];
const CSV_TEXT = readFileSync(fixture('csv/authentication-activity.csv'), 'utf8');

/** Pieces that change what a line is: separators, quotes, digits, blanks, NUL, non-ASCII, parts of keys. */
const PIECES = [',', '"', '""', ' ', '\t', '\r', '\0', '0', '9', ':', '-', '<14>', 'é', '\uFFFD', '\u2028', 'AUTHN_LOGIN_EVENT', '23017', '13002', 'FAIL', 'SUCCESS', 'audit.runtime.x', '2026-11-27 10:00:00,000,', '10:00:00,000,'];

interface Edit {
  at: number;
  op: 'insert' | 'replace' | 'delete' | 'field';
  piece: string;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'replace', 'delete', 'field'),
  piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
});

function applyEdit(line: string, { at, op, piece }: Edit): string {
  if (op === 'field') {
    const fields = line.split(',');
    fields[at % fields.length] = piece;
    return fields.join(',');
  }
  const i = at % (line.length + 1);
  if (op === 'insert') return line.slice(0, i) + piece + line.slice(i);
  if (op === 'replace') return line.slice(0, i) + piece + line.slice(i + 1);
  return line.slice(0, i) + line.slice(i + 1);
}

/** A real line with a few edits, or anything at all. */
const lineArb = fc.oneof(
  fc.tuple(fc.constantFrom(...REAL_LINES), fc.array(editArb, { maxLength: 4 })).map(([line, edits]) => edits.reduce(applyEdit, line)),
  fc.string({ unit: 'binary', maxLength: 400 }),
);

function timed<T>(run: () => T): T {
  const start = performance.now();
  const result = run();
  expect(performance.now() - start).toBeLessThan(BOUND_MS);
  return result;
}

describe('parseAmLine', () => {
  const context = (fallback: boolean): LineContext => ({ file: 'in', lineNo: 1, fallbackDate: fallback ? DAY : null });

  it('returns a record, other or malformed for any line, quickly', () => {
    fc.assert(
      fc.property(lineArb, fc.boolean(), (line, fallback) => {
        const result = timed(() => parseAmLine(line, context(fallback)));
        expect(['record', 'other', 'malformed']).toContain(result.type);
        if (result.type === 'malformed') expect(result.reason.length).toBeGreaterThan(0);
        if (result.type === 'record') expect(result.record.actionKey).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }),
      { numRuns: 1500 },
    );
  });

  it('stays fast on long lines built to make a regular expression backtrack', () => {
    for (const piece of ['2026-11-27 10: ', '1111-11-11 11:11:11,111', ', audit.runtime.', '<1>', '"', ',', ' ']) {
      const line = piece.repeat(Math.ceil(200_000 / piece.length));
      timed(() => parseAmLine(line, context(true)));
      timed(() => parseAmLine(`2026-11-27 10:00:00,000, n, audit.runtime.x, INFO, ${line}`, context(true)));
    }
  });
});

describe('the byte classifier agrees with parseAmLine', () => {
  it('on mutated real lines: what it vouches for is what the careful parser finds, and a kept line reads the same record', () => {
    const seen = new Map<Quick, number>();
    let keptReadOnBytes = 0;
    fc.assert(
      fc.property(lineArb, fc.boolean(), (line, fallback) => {
        const quick = new QuickClassifier(fallback);
        const bytes = Buffer.from(`#${line}#`); // the line sits inside a larger buffer, as in a chunk
        const verdict = quick.classify(bytes, 1, bytes.length - 1);
        seen.set(verdict, (seen.get(verdict) ?? 0) + 1);
        if (verdict === Quick.Parse) return;
        // The reader decodes exactly these bytes; a lone surrogate in `line` becomes U+FFFD.
        const text = bytes.toString('utf8', 1, bytes.length - 1);
        const ctx = { file: 'in', lineNo: 1, fallbackDate: fallback ? DAY : null };
        const careful = parseAmLine(text, ctx);
        if (verdict === Quick.Kept) {
          expect(careful.type === 'record' && careful.record.kind).toBeTruthy();
          // Null: the byte reader hands the line to the careful parser.
          // The line parser tells the reader whether the chunk is ASCII, as LineText found it.
          const fast = new KeptLineReader().read(bytes, bytes.length - 1, quick.kept, ctx, isAscii(bytes));
          if (fast !== null) {
            keptReadOnBytes++;
            expect(fast).toEqual(careful);
          }
          return;
        }
        if (verdict === Quick.Other) {
          expect(careful.type).toBe('other');
          return;
        }
        expect(careful.type).toBe('record');
        if (careful.type !== 'record') return;
        expect(careful.record.kind).toBeNull();
        expect(careful.shape).toBe(verdict === Quick.AuditRecord ? 'audit-file' : 'syslog');
        expect(careful.usedFallbackDate).toBe(verdict === Quick.SyslogRecordFallbackDate);
      }),
      { numRuns: 3000 },
    );
    // The property holds for something: every verdict but the fallback-date one comes up often.
    for (const verdict of [Quick.Other, Quick.SyslogRecord, Quick.AuditRecord, Quick.Kept, Quick.Parse]) {
      expect(seen.get(verdict) ?? 0).toBeGreaterThan(100);
    }
    expect(keptReadOnBytes).toBeGreaterThan(50);
  });
});

/** parseInPieces without the parser, so outcomes compare as plain data. */
function feed(make: (sink: RecordSink) => RecordParser, text: Buffer, cuts: number[]): ParseOutcome {
  const { parser: _parser, ...outcome } = parseInPieces(make, text, cuts);
  return outcome;
}

const physicalLines = (text: Buffer) => {
  let lines = 0;
  for (let nl = text.indexOf(10); nl !== -1; nl = text.indexOf(10, nl + 1)) lines++;
  return lines + (text.length > 0 && text[text.length - 1] !== 10 ? 1 : 0);
};

describe('AmLineParser fed random chunks', () => {
  const lineParser = (careful: boolean) => (sink: RecordSink) =>
    new AmLineParser({ file: 'in', fallbackDate: DAY, fallbackDateOrigin: 'the test', careful }, sink);
  const textArb = fc
    .tuple(fc.array(lineArb, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, last]) => Buffer.from(lines.join(eol) + (last ? eol : '')));

  it('gives the same records, counts and messages however the input is cut, on both paths', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const whole = timed(() => feed(lineParser(true), text, []));
        const cut = timed(() => feed(lineParser(false), text, cuts));
        expect(cut).toEqual(whole);
        const { lines, records, otherLines, malformed } = whole.counts;
        expect(lines).toBe(physicalLines(text));
        expect(records + otherLines + malformed).toBe(lines);
        expect(whole.malformed.length).toBe(malformed);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the report CSV path', () => {
  const csvParser = (careful: boolean) => (sink: RecordSink) =>
    createReportCsvParser('in', sink, { careful });
  const [header, ...rows] = CSV_TEXT.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rowArb = fc.oneof(
    fc.tuple(fc.constantFrom(...rows), fc.array(editArb, { maxLength: 3 })).map(([row, edits]) => edits.reduce(applyEdit, row)),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const csvArb = fc
    .tuple(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
    .map(([body, eol]) => Buffer.from([header, ...body].join(eol) + eol));

  it('returns records or malformed counts for any rows, never throws, whatever the chunks', () => {
    fc.assert(
      fc.property(csvArb, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const whole = timed(() => feed(csvParser(true), text, []));
        const cut = timed(() => feed(csvParser(false), text, cuts));
        expect(cut).toEqual(whole);
        expect(whole.errors).toEqual([]);
        expect(whole.counts.lines).toBe(physicalLines(text));
        expect(whole.malformed.length).toBe(whole.counts.malformed);
        // Every line is the header, a row read, a malformed record's first line, a blank, or a line of a multi-line record.
        expect(1 + whole.counts.records + whole.counts.malformed + whole.counts.otherLines).toBeLessThanOrEqual(whole.counts.lines);
      }),
      { numRuns: 400 },
    );
  });

  it('finishes in bounded time on a quote that never closes in front of 5 000 rows', () => {
    const body = Array.from({ length: 5000 }, (_, i) => rows[i % rows.length]).join('\n');
    const text = Buffer.from(`${header}\n2026-11-27 10:00:00.000,Principal lockout,"never closed,x,y\n${body}\n`);
    const start = performance.now();
    const outcome = feed(csvParser(false), text, [4096, 70000]);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(outcome.counts.malformed).toBeGreaterThanOrEqual(1);
    expect(outcome.malformed[0].source.line).toBe(2);
  });
});
