/**
 * The benchmark's input generator: the same seed and size give the same bytes, and the
 * files hold what the generator reports (the benchmark checks aamlog's counts against it).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  FAILURE_ACTIVITY_TEXT,
  FILE_NAMES,
  INPUT_KINDS,
  generateInputs,
  parseSize,
  type Manifest,
} from '../bench/generate.mjs';

const SIZE = parseSize('1MB');
const dirs = [mkdtempSync(join(tmpdir(), 'aamlog-gen-a-')), mkdtempSync(join(tmpdir(), 'aamlog-gen-b-'))];
let manifest: Manifest;
const read = (kind: keyof typeof FILE_NAMES, dir = dirs[0]) => readFileSync(join(dir, FILE_NAMES[kind]));
const linesOf = (kind: 'syslog' | 'audit') => read(kind).toString('utf8').split('\n').slice(0, -1);
const summary = (kind: keyof typeof FILE_NAMES) => manifest.files[kind]!;

beforeAll(async () => {
  manifest = await generateInputs({ dir: dirs[0], size: SIZE, seed: 1 });
  await generateInputs({ dir: dirs[1], size: SIZE, seed: 1 });
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('parseSize', () => {
  it('reads decimal and binary units', () => {
    expect(parseSize('200KB')).toBe(200_000);
    expect(parseSize('50 MB')).toBe(50_000_000);
    expect(parseSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseSize('1234')).toBe(1234);
  });

  it('rejects what is not a size', () => {
    expect(() => parseSize('fast')).toThrow(/not a size/);
  });
});

describe('generateInputs', () => {
  it('writes byte-identical files for the same seed and size', () => {
    for (const kind of INPUT_KINDS) expect(read(kind, dirs[1]).equals(read(kind)), kind).toBe(true);
  });

  it('writes about the requested size', () => {
    for (const kind of ['syslog', 'audit', 'csv'] as const) {
      expect(summary(kind).bytes).toBe(read(kind).length);
      expect(summary(kind).bytes).toBeGreaterThanOrEqual(SIZE);
      expect(summary(kind).bytes).toBeLessThan(SIZE + 10_000);
    }
  });

  it('reports exactly the offline failures and successes each file holds', () => {
    for (const kind of ['syslog', 'audit'] as const) {
      const lines = linesOf(kind);
      expect(lines.filter((l) => l.includes(',OA_DATA_DOWNLOAD_FAILED,23017,')).length, kind).toBe(summary(kind).offlineFailures);
      expect(lines.filter((l) => l.includes(',OA_DATA_DOWNLOAD,23016,')).length, kind).toBe(summary(kind).offlineSuccesses);
      expect(lines.length, kind).toBe(summary(kind).lines);
      expect(summary(kind).offlineFailures, kind).toBeGreaterThan(0);
    }
  });

  it('keeps offline downloads near 0.5% of records, mostly failures', () => {
    const files = (['syslog', 'audit', 'csv'] as const).map(summary);
    const records = files.reduce((sum, f) => sum + f.records, 0);
    const failures = files.reduce((sum, f) => sum + f.offlineFailures, 0);
    const successes = files.reduce((sum, f) => sum + f.offlineSuccesses, 0);
    expect((failures + successes) / records).toBeGreaterThan(0.003);
    expect((failures + successes) / records).toBeLessThan(0.008);
    expect(failures).toBeGreaterThan(2 * successes);
  });

  it('mixes every syslog envelope, OS noise and stack traces in the stream', () => {
    const lines = linesOf('syslog');
    const shapes: Record<string, RegExp> = {
      'PRI + BSD header': /^<1[124]>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ \d{4}-\d\d-\d\d /,
      'BSD header': /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [a-z]\S* \d{4}-\d\d-\d\d /,
      'RFC 3339 header': /^(<\d+>)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 \S+ \d{4}-\d\d-\d\d /,
      'PRI, no header': /^<1[124]>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}, /,
      'no PRI, no header': /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}, /,
      'host runs into the date': /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d ip-10-0-20-76\d{4}-\d\d-\d\d /,
      'header and date stripped': /^\d\d:\d\d:\d\d,\d{3}, \S+, (audit|system)\./,
      'sudo noise': /sudo: rsaadmin : TTY=unknown/,
      'systemd noise': /systemd\[1\]: Started Session/,
      'stack frame': /^ {4}at com\.rsa\./,
      'cause': /^Caused by: /,
    };
    for (const [name, shape] of Object.entries(shapes)) expect(lines.some((l) => shape.test(l)), name).toBe(true);
    expect(lines.filter((l) => !/(audit\.(runtime|admin)|system)\.com\.rsa\./.test(l)).length).toBe(summary('syslog').otherLines);
  });

  it('gzips a copy of the syslog stream', () => {
    expect(gunzipSync(read('gzip')).equals(read('syslog'))).toBe(true);
    expect(summary('gzip').uncompressedBytes).toBe(summary('syslog').bytes);
    expect(summary('gzip').offlineFailures).toBe(summary('syslog').offlineFailures);
  });

  it('writes audit-file lines that start at the AM time, with tab-indented stack traces', () => {
    const lines = linesOf('audit');
    const records = lines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}, [0-9a-f]{32},/.test(l));
    expect(records.length).toBe(summary('audit').records);
    expect(lines.some((l) => l.startsWith('\tat com.rsa.'))).toBe(true);
  });

  describe('the report CSV', () => {
    const text = () => read('csv').toString('utf8');
    const rows = () => parse(read('csv'), { bom: true, columns: true }) as Record<string, string>[];

    it('has a BOM, the documented header row and CRLF line ends', () => {
      expect(text().startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
      expect(text().replaceAll('\r\n', '').includes('\r')).toBe(false);
    });

    it('holds as many rows and failure rows as reported', () => {
      expect(rows().length).toBe(summary('csv').records);
      const failures = rows().filter((r) => r['Activity Key'] === FAILURE_ACTIVITY_TEXT);
      expect(failures.length).toBe(summary('csv').offlineFailures);
      expect(new Set(failures.map((r) => r['User ID'])).size).toBeGreaterThan(3);
    });

    it('uses the three published failure descriptions', () => {
      const descriptions = rows()
        .filter((r) => r['Activity Key'] === FAILURE_ACTIVITY_TEXT)
        .map((r) => r.Description);
      expect(descriptions.some((d) => / failed with error message "(Failed to send day data\.|Invalid proof)"$/.test(d))).toBe(true);
      expect(descriptions.some((d) => / failed with error message: “(Failed to send day data\.|Invalid proof)”$/.test(d))).toBe(true);
      expect(descriptions.some((d) => /' using token \S+ failed with error message '(Failed to send day data\.|Invalid proof)'$/.test(d))).toBe(true);
      expect(descriptions.every((d) => d.startsWith('Offline Authentication data download requested by user '))).toBe(true);
    });

    it('quotes multi-line descriptions and guards formula-like fields with one space', () => {
      expect(rows().some((r) => r.Description.includes('\nChanged attributes:\n'))).toBe(true);
      const settings = rows().filter((r) => r['Activity Key'] === 'Configuration value updated');
      expect(settings.length).toBeGreaterThan(0);
      expect(settings.every((r) => r.Argument2 === ' -1' && r.Argument3 === ' +01:00')).toBe(true);
    });
  });
});
