import { describe, expect, it } from 'vitest';
import { amRecord, parseCsv, parseCsvFixture } from './parse-csv-helpers.js';

describe('report-csv: agent, token and error from the Description', () => {
  it('reads the three published variants and tells the success event from the failure', () => {
    const file = 'description-variants.csv';
    const { records, counts } = parseCsvFixture(file);
    const failed = { kind: 'offline-download-failed', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017' } as const;
    expect(records).toEqual([
      // straight quotes
      amRecord({
        ...failed, file, line: 2, time: '2026-11-27 13:00:00.000', userId: 'jdoe', agentName: 'ws-042.corp.example.com',
        clientIp: '10.1.2.42', tokenSerial: '000123456789', errorMessage: 'Failed to send day data.',
      }),
      // colon and curly quotes; Activity Key with a trailing period; the user only in the Description
      amRecord({
        ...failed, file, line: 3, time: '2026-11-27 13:00:01.000', userId: 'CORP\\asmith', agentName: 'LT-0815',
        clientIp: '10.1.7.15', tokenSerial: 'xxxxxxxx2776', errorMessage: 'Failed to send day data.',
      }),
      // stray ' after the agent name, single quotes; Activity Key as the machine key
      amRecord({
        ...failed, file, line: 4, time: '2026-11-27 13:00:02.000', userId: 'bwayne', agentName: 'ws-007.corp.example.com',
        clientIp: '10.1.9.7', tokenSerial: '000987654321', errorMessage: 'Invalid proof',
      }),
      // the success text, lower case, is a prefix of the failure text and still the success event
      amRecord({
        file, line: 5, time: '2026-11-27 13:00:03.000', kind: 'offline-download-succeeded', actionKey: 'OA_DATA_DOWNLOAD',
        actionId: '23016', userId: 'jdoe', agentName: 'ws-042.corp.example.com', clientIp: '10.1.2.42', tokenSerial: '000123456789',
      }),
      // a failure without an error message, a fully masked serial
      amRecord({
        ...failed, file, line: 6, time: '2026-11-27 13:00:04.000', userId: 'jdoe', agentName: 'ws-042.corp.example.com',
        clientIp: '10.1.2.42', tokenSerial: 'xxxxxxxxxxxx',
      }),
    ]);
    expect(counts).toEqual({ lines: 6, records: 5, otherLines: 0, malformed: 0 });
  });

  it("prefers the Description's error to Argument10 and the result key, which stand in when it has none", () => {
    const header = 'Date & Time,Activity Key,Description,Action Result Key,Argument9,Argument10\n';
    const description = 'Offline Authentication data download requested by user u1 from agent a1 using token 000000000111';
    const { records } = parseCsv(
      header +
        `2026-11-27 13:00:00.000,Offline Authentication Data Download Failed,"${description} failed with error message ""Invalid proof""",OA_FAILED,,Arg error\n` +
        `2026-11-27 13:00:01.000,Offline Authentication Data Download Failed,${description} failed,OA_FAILED,,Arg error\n` +
        `2026-11-27 13:00:02.000,Offline Authentication Data Download Failed,,OA_FAILED,000000000222,\n`,
    );
    expect(records.map((r) => [r.errorMessage, r.tokenSerial, r.agentName])).toEqual([
      ['Invalid proof', '000000000111', 'a1'],
      ['Arg error', '000000000111', 'a1'],
      ['OA_FAILED', '000000000222', null],
    ]);
  });
});
