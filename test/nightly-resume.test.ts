/** Reading on from a checkpoint: line numbers of the whole input, a report's header kept, a half line left. */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestInput, type ReadPosition } from '../src/ingest.js';
import type { AmRecord, Malformed } from '../src/model.js';
import { CSV_HEADER, csvRow, syslogLine } from './nightly-support.js';
import { tempDir } from './support/temp.js';

async function read(path: string, from: ReadPosition) {
  const records: AmRecord[] = [];
  const malformed: Malformed[] = [];
  const result = await ingestInput(
    { kind: 'file', path },
    { record: (r) => records.push(r), malformed: (m) => malformed.push(m) },
    { zone: 'UTC', date: null, stdin: new PassThrough(), resume: { startAt: () => from } },
  );
  return { ...result, records, malformed };
}

const failure = (minute: number) => ({ minute, user: 'jdoe', agent: 'ws-1', token: '000123456789' });

describe('ingest with resume', () => {
  it('reads a report export on from a checkpoint with its header and its line numbers', async () => {
    const path = join(tempDir('aamlog-resume-'), 'export.csv');
    writeFileSync(path, CSV_HEADER + csvRow(failure(1)) + csvRow(failure(2)));
    const first = await read(path, { bytes: 0, lines: 0 });
    expect(first.records).toHaveLength(2);
    expect(first.position).toMatchObject({ bytes: Buffer.byteLength(CSV_HEADER + csvRow(failure(1)) + csvRow(failure(2))), lines: 3 });
    appendFileSync(path, `not a date,${csvRow(failure(3)).split(',').slice(1).join(',')}${csvRow(failure(4))}`);
    const second = await read(path, first.position!);
    expect(second.summary.format).toBe('report-csv');
    expect(second.records.map((r) => r.source.line)).toEqual([5]);
    expect(second.malformed.map((m) => [m.source.line, m.reason])).toEqual([[4, "unreadable Date & Time 'not a date'"]]);
    expect(second.summary).toMatchObject({ lines: 2, records: 1, otherLines: 0, malformed: 1 });
    expect(second.position!.lines).toBe(5);
  });

  it('leaves a last line without its newline for the next read', async () => {
    const path = join(tempDir('aamlog-resume-'), 'am.log');
    const line = syslogLine(failure(5));
    writeFileSync(path, syslogLine(failure(4)) + line.slice(0, 100));
    const first = await read(path, { bytes: 0, lines: 0 });
    expect(first.records).toHaveLength(1);
    expect(first.summary).toMatchObject({ lines: 1, malformed: 0 });
    expect(first.position).toMatchObject({ bytes: Buffer.byteLength(syslogLine(failure(4))), lines: 1 });
    appendFileSync(path, line.slice(100));
    const second = await read(path, first.position!);
    expect(second.records.map((r) => [r.source.line, r.userId])).toEqual([[2, 'jdoe']]);
    expect(second.position!.head.toString()).toBe((syslogLine(failure(4)) + line).slice(0, 1024));
  });
});
