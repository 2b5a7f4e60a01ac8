/**
 * The fast paths (byte-level classification of line records, the CSV row prefilter) must
 * give exactly what the careful parsers give: the same records, counts, malformed
 * reports, notes and errors. They run here side by side over every fixture input, the
 * sample exports, generated benchmark inputs and mutated copies of real lines.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInputs, parseSize } from '../bench/generate.mjs';
import { firstNonEmptyLine, looksLikeReportCsvHeader } from '../src/detect.js';
import { createReportCsvParser } from '../src/parse/csv.js';
import { AmLineParser } from '../src/parse/line-parser.js';
import { MAX_RECORD_BYTES, type RecordParser, type RecordSink } from '../src/parse/types.js';
import { inflate, toUtf8, type DecodeInfo } from '../src/read/decode.js';
import { parseInPieces, type ParseOutcome } from './support/parse-run.js';

const ROOT = new URL('..', import.meta.url).pathname;
const FALLBACK = { year: 2026, month: 11, day: 27 };

interface Outcome extends ParseOutcome {
  format: string | null;
}

type Shape = 'lines' | 'csv';

function makeParser(shape: Shape, careful: boolean, fallback: typeof FALLBACK | null, sink: RecordSink): RecordParser {
  if (shape === 'csv') return createReportCsvParser('input', sink, { careful });
  return new AmLineParser({ file: 'input', fallbackDate: fallback, fallbackDateOrigin: 'the test', careful }, sink);
}

/**
 * Parses `text` fed in pieces of the given sizes, taken in turn; `deferring`: online
 * problems come to the sink unbuilt, and it builds them, or ('some declined') declines
 * every other one for the parser to build (see parseInPieces).
 */
function run(
  shape: Shape,
  careful: boolean,
  text: Buffer,
  fallback: typeof FALLBACK | null,
  pieces: number[],
  deferring: boolean | 'some declined' = false,
): Outcome {
  const cuts: number[] = [];
  for (let at = 0, i = 0; at < text.length; i++) cuts.push((at += pieces[i % pieces.length]));
  const { parser, ...outcome } = parseInPieces(
    (sink) => makeParser(shape, careful, fallback, sink),
    text,
    cuts.filter((c) => c < text.length),
    { deferring: deferring !== false, declineEvery: deferring === 'some declined' ? 2 : 0 },
  );
  return { ...outcome, format: parser instanceof AmLineParser ? parser.format : 'report-csv' };
}

/** The UTF-8 text of an input as the pipeline decodes it (gzip, BOM, UTF-16); damage ends it. */
async function decoded(path: string): Promise<Buffer> {
  const info: DecodeInfo = { gzip: false, encoding: 'utf-8', encodingNote: null };
  const chunks: Buffer[] = [];
  async function* raw() {
    yield readFileSync(path);
  }
  try {
    for await (const chunk of toUtf8(inflate(raw(), info, raw), info)) chunks.push(Buffer.from(chunk));
  } catch {
    // A truncated or corrupt gzip member: what came before the damage is compared.
  }
  return Buffer.concat(chunks);
}

function shapeOf(text: Buffer): Shape {
  const first = firstNonEmptyLine(text, true);
  return first !== null && looksLikeReportCsvHeader(first) ? 'csv' : 'lines';
}

const PIECES = [[65536], [1, 7, 64, 3, 1000, 2], [4096, 17]];

/** Compares the fast and careful paths on one input; returns what the careful path found. */
function expectSamePaths(text: Buffer, fallback: typeof FALLBACK | null = FALLBACK): Outcome {
  const shape = shapeOf(text);
  const careful = run(shape, true, text, fallback, [65536]);
  const variants = [...PIECES.flatMap((pieces) => [[pieces, false], [pieces, true]] as const), [PIECES[0], 'some declined'] as const];
  for (const [pieces, deferring] of variants) {
    const fast = run(shape, false, text, fallback, pieces, deferring);
    expect(fast.counts).toEqual(careful.counts);
    expect(fast.format).toEqual(careful.format);
    expect(fast.malformed).toEqual(careful.malformed);
    expect(fast.records).toEqual(careful.records);
    expect(fast.notes).toEqual(careful.notes);
    expect(fast.errors).toEqual(careful.errors);
  }
  return careful;
}

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Syslog, audit and CSV inputs: policy snapshots (JSON, YAML) are another parser's. */
const isLogInput = (path: string) => !/\.(json|ya?ml|md)$/i.test(path);
const inputs = [...filesUnder(join(ROOT, 'test/fixtures')), ...filesUnder(join(ROOT, 'samples/exports'))].filter(isLogInput);

describe('fast and careful paths agree', () => {
  it('finds the fixture inputs', () => {
    expect(inputs.some((path) => path.endsWith('test/fixtures/public/rsa-am-public-lines.txt'))).toBe(true);
    expect(inputs.filter((path) => path.includes('/fixtures/syslog/')).length).toBeGreaterThan(5);
    expect(inputs.filter((path) => path.includes('/fixtures/csv/')).length).toBeGreaterThan(5);
  });

  it.each(inputs.map((path) => [path.slice(ROOT.length), path]))('on %s', async (_name, path) => {
    const text = await decoded(path);
    expectSamePaths(text, FALLBACK);
    if (shapeOf(text) === 'lines') expectSamePaths(text, null);
  });

  it('on the public sample lines, which hold records the fast path passes on and records it counts', async () => {
    const outcome = expectSamePaths(await decoded(join(ROOT, 'test/fixtures/public/rsa-am-public-lines.txt')));
    expect(outcome.counts.records).toBeGreaterThan(20);
    expect(outcome.counts.otherLines).toBeGreaterThan(0);
    expect(outcome.counts.malformed).toBe(1);
  });
});

describe('fast and careful paths agree on generated benchmark inputs', () => {
  // Made in beforeAll: a run that skips these tests (-t) must leave no folder behind.
  let dir = '';
  let files: { kind: string; path: string; records: number; offlineFailures: number }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aamlog-fast-path-'));
    const manifest = await generateInputs({ dir, size: parseSize('400KB'), seed: 7, kinds: ['syslog', 'audit', 'csv'] });
    files = Object.values(manifest.files).map((f) => ({ kind: f!.kind, path: f!.path, records: f!.records, offlineFailures: f!.offlineFailures }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the generator\'s counts on both paths', async () => {
    expect(files.map((f) => f.kind).sort()).toEqual(['audit', 'csv', 'syslog']);
    for (const file of files) {
      const outcome = expectSamePaths(await decoded(file.path));
      expect(outcome.counts.records).toBe(file.records);
      expect(outcome.records.filter((r) => r.kind === 'offline-download-failed').length).toBe(file.offlineFailures);
    }
  });
});

/** A small deterministic generator (mulberry32), so a failing mutation can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes that change what a line is: separators, blanks the careful parser trims, digits, quotes, non-ASCII. */
const MUTATIONS = [',', '"', '\t', ' ', '0', '5', '9', 'A', 'a', '_', ':', '-', '.', '<', '>', '\r', '\u00a0', 'é', '\u2003', '\v'];

/** Whole fields that look like what the parsers search for, or nearly. */
const FIELDS = [
  '', ' ', '12345', ' 12345', '12345\t', 'ABC', 'AUTHN_LOGIN_EVENT', ' AUTHN_LOGIN_EVENT ', 'AUTHN_LOGIN_EVENT\t', '13002',
  '13002 ', '23017', '23016', '20051', 'OA_DATA_DOWNLOAD_FAILED', 'TOKEN_EXPIRED', 'FAIL', ' fail', 'FAIL\t', 'Fail ',
  'SUCCESS', '"a,b"', '"', 'audit.runtime.x', ' audit.admin.y ', 'system.\tz', 'audit.other.x', '\tsystem.x', 'INFO',
  ' INFO\t', '1NFO', '2026-11-27 10:00:00', '2026-11-27 10:00:00,000', ' 10:00:00', '000', '\u00a0FAIL',
];

function pick<T>(list: T[], next: () => number): T {
  return list[Math.floor(next() * list.length)];
}

function mutate(line: string, next: () => number): string {
  if (next() < 0.4) {
    const fields = line.split(',');
    fields[Math.floor(next() * fields.length)] = pick(FIELDS, next);
    return fields.join(',');
  }
  const at = Math.floor(next() * (line.length + 1));
  const piece = pick(MUTATIONS, next);
  switch (Math.floor(next() * 3)) {
    case 0:
      return line.slice(0, at) + piece + line.slice(at + 1);
    case 1:
      return line.slice(0, at) + piece + line.slice(at);
    default:
      return line.slice(0, at) + line.slice(at + 1);
  }
}

/** Report-export fields near what the CSV reader decides on: times, activities, results, quotes. */
const CSV_FIELDS = [
  '', ' ', '"', '""', '"a,b"', ' "x" ', '"x" y', 'a"b', '"multi\nline"', '2026-11-27 10:00:00', '2026-11-27T10:00:00.1',
  '2026-11-27 10:00:00,123456789', '2026-11-27 10:00:00.', '2026-02-29 10:00:00.000', '2024-02-29 23:59:60.000',
  '2026-11-27 24:00:00.000', ' 2026-11-27 10:00:00.000 ', '\t2026-11-27 10:00:00.000', '"2026-11-27 10:00:00.000"',
  'Principal authentication', ' principal AUTHENTICATION. ', 'Principal lockout', 'AUTHN_LOGIN_EVENT', '"Principal authentication"',
  'Offline Authentication Data Download Failed', 'Offline Authentication Data Download', 'Update Offline Authentication Policy',
  'FAIL', ' Failure', 'fail\t', 'Success', 'SUCCESS', 'WARN', 'AUTHN_METHOD_FAILED', '"FAIL"', '\u00a0FAIL', 'é',
];

describe('fast and careful paths agree on damaged report rows', () => {
  const csvInputs = inputs.filter((path) => /\.csv$/.test(path));

  it.each(csvInputs.map((path) => [path.slice(ROOT.length), path]))('every field of the rows of %s replaced', async (_name, path) => {
    const [header, ...rows] = (await decoded(path)).toString('utf8').split('\n');
    const variants = [header];
    for (const row of rows.slice(0, 6)) {
      const fields = row.split(',');
      for (let j = 0; j < Math.min(fields.length, 26); j++) {
        for (const token of CSV_FIELDS) variants.push(fields.map((field, i) => (i === j ? token : field)).join(','));
      }
      variants.push(row, `${row},extra`, fields.slice(1).join(','), '', ' ', row.replace(/,/g, ', '));
    }
    expectSamePaths(Buffer.from(variants.join('\n')));
    const next = random(rows.length);
    expectSamePaths(Buffer.from([header, ...variants.slice(1).map((row) => mutate(row, next))].join('\n')));
  });
});

describe('fast and careful paths agree on report records that span lines', () => {
  const header = 'Date & Time,Activity Key,Description,User ID,Agent Name';
  /** A record whose quoted Description holds `lines` lines and makes the record `bytes` long in all. */
  const spanning = (activity: string, lines: number, bytes: number) => {
    const head = `2026-11-27 10:00:01.000,${activity},"`;
    const tail = '",adams,ws-1';
    const body = Array.from({ length: lines }, (_, i) => `part ${i}`).join('\n');
    return `${head}${body}${'x'.repeat(bytes - head.length - body.length - tail.length)}${tail}`;
  };

  it('up to and past the record size limit, kept and counted, with damage inside', () => {
    const failed = 'Offline Authentication Data Download Failed';
    const rows = [
      spanning('Principal authentication', 3, MAX_RECORD_BYTES),
      spanning(failed, 2, MAX_RECORD_BYTES),
      spanning('Principal authentication', 3, MAX_RECORD_BYTES + 1),
      spanning(failed, 4, 300),
      '2026-11-27 10:00:02.000,Principal authentication,"two\nlines with a NUL \0 inside",adams,ws-1',
      '2026-11-27 10:00:03.000,Principal authentication,"two\nlines, the second \xe9 not UTF-8",adams,ws-1',
      '2026-11-27 10:00:04.000,Principal authentication,"a quote that never closes',
      '2026-11-27 10:00:05.000,Principal authentication,done,adams,ws-1',
    ];
    const text = Buffer.from([header, ...rows].join('\n'), 'latin1');
    const careful = expectSamePaths(text);
    expect(careful.records.map((r) => [r.source.line, r.kind])).toEqual([
      [5, 'offline-download-failed'],
      [10, 'offline-download-failed'],
    ]);
    // Exactly the limit is read; one byte past it is reported, and its later lines read again.
    expect(careful.malformed.map((m) => [m.source.line, m.reason])).toEqual([
      [7, `a quote opened in this record is not closed within ${MAX_RECORD_BYTES} bytes; lines 8-9 read again`],
      [8, '1 fields where the header has 5'],
      [9, `a quote opened in this record is not closed within ${MAX_RECORD_BYTES} bytes; line 10 read again`],
      [14, 'a NUL byte inside the record (line 15)'],
      [18, 'a quote opened in this record is never closed; line 19 read again'],
    ]);
    expect(careful.counts).toEqual({ lines: 19, records: 5, otherLines: 0, malformed: 5 });
  });
});

describe('fast and careful paths agree on damaged lines', () => {
  const lineInputs = inputs.filter((path) => /\/(syslog|audit|public)\/[^/]+\.(log|txt)$/.test(path));

  it.each(lineInputs.map((path) => [path.slice(ROOT.length), path]))('mutations of %s', async (_name, path) => {
    const lines = (await decoded(path)).toString('utf8').split('\n');
    const next = random(lines.length);
    const mutated: string[] = [];
    for (const line of lines) {
      mutated.push(line);
      for (let n = 0; n < 60; n++) mutated.push(mutate(n < 30 ? line : mutate(line, next), next));
    }
    const text = Buffer.from(mutated.join('\n'));
    expectSamePaths(text, FALLBACK);
    expectSamePaths(text, null);
    expectSamePaths(text, { year: 2026, month: 2, day: 30 }); // a --date that names no day
  });

  it.each(lineInputs.map((path) => [path.slice(ROOT.length), path]))('every field of record lines of %s replaced', async (_name, path) => {
    const records = (await decoded(path))
      .toString('utf8')
      .split('\n')
      .filter((line) => /\d,\d{3},/.test(line))
      .slice(0, 4);
    const variants: string[] = [];
    for (const line of records) {
      const fields = line.split(',');
      for (let j = 0; j < Math.min(fields.length, 20); j++) {
        const replaced = (values: Record<number, string>) =>
          fields.map((field, i) => values[i] ?? field).join(',');
        for (const token of FIELDS) variants.push(replaced({ [j]: token }));
        // An earlier KEY,NNNNN pair wins in the careful parser: one that names a kept action.
        variants.push(replaced({ [j]: 'ABC', [j + 1]: '23017' }), replaced({ [j]: 'TOKEN_EXPIRED', [j + 1]: ' 12345\t' }));
      }
    }
    const text = Buffer.from(variants.join('\n'));
    expectSamePaths(text, FALLBACK);
    expectSamePaths(text, null);
  });

  it('on dates and times at the edges of the calendar', () => {
    const body = 'id,inst,10.0.0.1,10.0.0.2,AUTHN_LOGOUT_EVENT,13001,SUCCESS,,';
    const stamps = [
      '2024-02-29 23:59:60,999', '2023-02-29 00:00:00,000', '2000-02-29 12:00:00,000', '1900-02-29 12:00:00,000',
      '0000-02-29 12:00:00,000', '2026-04-31 12:00:00,000', '2026-13-01 12:00:00,000', '2026-00-10 12:00:00,000',
      '2026-11-00 12:00:00,000', '2026-11-27 24:00:00,000', '2026-11-27 12:60:00,000', '2026-11-27 12:00:61,000',
      '2026-11-27 12: 00:00,000', '2026-11-27  12:00:00,000',
    ];
    const lines = stamps.flatMap((stamp) => [
      `${stamp},${body}`,
      `<14>${stamp}, node, audit.runtime.x, INFO, ${body}`,
      `${stamp.slice(11)}, node, audit.runtime.x, INFO, ${body}`,
      `${stamp.slice(11)}, node, system.x, INFO, ${body} ${stamp},001,`,
    ]);
    // A syslog head with a tab before its category (the careful parser's \s), read as syslog.
    lines.unshift('2026-11-27 10:00:00,000, node,\tsystem.x, INFO, a, AUTHN_LOGOUT_EVENT,13001,SUCCESS,,');
    const outcome = expectSamePaths(Buffer.from(lines.join('\n')));
    expect(outcome.format).toBe('syslog');
    expect(outcome.counts.records).toBeGreaterThan(10);
    expect(outcome.counts.malformed).toBeGreaterThan(10);
  });

  it('on lines whose first comma ends no AM time, with one later in the line or none', () => {
    const body = 'id,inst,10.0.0.1,10.0.0.2,AUTHN_LOGOUT_EVENT,13001,SUCCESS,,';
    const lines = [
      'Caused by: java.sql.SQLTransientConnectionException: Connection is not available, request timed out after 30000ms.',
      '\tat com.rsa.Foo.bar(Foo.java:12), 10:00:00,000, x',
      `host, with a comma 2026-11-27 10:00:00,000, node, audit.runtime.x, INFO, ${body}`,
      `host, with a comma 2026-11-27 10: 00:00,000, node, audit.runtime.x, INFO, ${body}`,
      `<14>Nov 27 10:00:00 am1 sshd[42]: a, b 2026-11-27 10:00:00,000,${body}`,
      `a,b 2026-11-27 25:00:00,000, node, audit.runtime.x, INFO, ${body}`,
      'x, 12:00:00,000, node, audit.runtime.x, INFO, a,b',
    ];
    const outcome = expectSamePaths(Buffer.from(lines.join('\n')));
    // Records at lines 3 and 4; line 5's AM time is not where a record's is; line 6's hour is 25.
    expect(outcome.counts).toEqual({ lines: 7, records: 2, otherLines: 4, malformed: 1 });
  });

  it('on online problems with damage after the user field, which deferring splits only that far', () => {
    // Failed logins of a runtime syslog record and of an audit file: the user is the 13th body field.
    const body =
      'rid,iid,10.0.0.1,10.0.0.2,AUTHN_LOGIN_EVENT,13002,FAIL,AUTHN_METHOD_FAILED,sid-1,sess,0001,0002,jdoe,John,Doe,' +
      'agent-id,0003,10.20.4.42,ws-042.corp.example.com,7,0004,SecurID_Native,,,AUTHN_LOGIN_EVENT,5,1,0005,Sales,,';
    const heads = ['2026-11-27 10:00:00,000, node, audit.runtime.x, ERROR, ', '2026-11-27 10:00:00,000,'];
    const damage = ['"', 'a"b', '"a"b', '"a""b"', ' "a" ', '"a,b"', '"a', 'é', '\u00a0x'];
    const fields = body.split(',');
    const lines = heads.flatMap((head) => [
      head + body,
      ...fields.flatMap((_, j) => damage.map((token) => head + fields.map((field, i) => (i === j ? token : field)).join(','))),
    ]);
    // In chunks of ASCII only, where deferring stops splitting at the user's field, and in one with the rest.
    const ascii = lines.filter((line) => /^[\x00-\x7f]*$/.test(line));
    // Damage the careful parser reads as no record (other) or a broken one (malformed) among them.
    expect(expectSamePaths(Buffer.from(ascii.join('\n'))).counts).toEqual({ lines: 436, records: 392, otherLines: 22, malformed: 22 });
    expectSamePaths(Buffer.from(lines.join('\n')));
  });
});
