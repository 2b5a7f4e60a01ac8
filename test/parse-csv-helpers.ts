/** Runs the report-csv parser over a fixture or a string, in chunks of any size. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AmRecord, LocalTime, Malformed } from '../src/model.js';
import { createReportCsvParser } from '../src/parse/csv.js';
import type { ParseCounts } from '../src/parse/types.js';

export interface ParsedCsv {
  records: AmRecord[];
  malformed: Malformed[];
  counts: ParseCounts;
  notes: string[];
  errors: string[];
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/csv/${name}`, import.meta.url));
}

export function parseCsvFixture(name: string, chunkSize = Infinity): ParsedCsv {
  return parseCsv(readFileSync(fixturePath(name)), name, chunkSize);
}

export function parseCsv(input: Buffer | string, file = 'export.csv', chunkSize = Infinity): ParsedCsv {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const records: AmRecord[] = [];
  const malformed: Malformed[] = [];
  const parser = createReportCsvParser(file, { record: (r) => records.push(r), malformed: (m) => malformed.push(m) });
  const step = Math.min(chunkSize, Math.max(bytes.length, 1));
  for (let i = 0; i < bytes.length; i += step) parser.push(bytes.subarray(i, i + step));
  parser.end();
  return { records, malformed, counts: { ...parser.counts }, notes: [...parser.notes], errors: [...parser.errors] };
}

export function localTime(text: string): LocalTime {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/.exec(text);
  if (!m) throw new Error(`test time ${text}`);
  const [year, month, day, hour, minute, second, millisecond] = m.slice(1).map(Number);
  return { year, month, day, hour, minute, second, millisecond };
}

/** An AmRecord with every field not given set to null (targets empty). */
export function amRecord(
  fields: Partial<Omit<AmRecord, 'localTime' | 'source'>> & { time: string; file: string; line: number },
): AmRecord {
  const { time, file, line, ...rest } = fields;
  return {
    kind: null,
    localTime: localTime(time),
    serverNode: null,
    userId: null,
    userDomain: null,
    agentName: null,
    agentIp: null,
    clientIp: null,
    tokenSerial: null,
    errorMessage: null,
    actionKey: null,
    actionId: null,
    result: null,
    reason: null,
    targets: [],
    ...rest,
    source: { file, line },
  };
}
