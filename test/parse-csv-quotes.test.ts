import { describe, expect, it } from 'vitest';
import { amRecord, parseCsvFixture } from './parse-csv-helpers.js';

describe('report-csv: quoting and line ends', () => {
  it('reads quoted commas, doubled quotes and line breaks, and numbers records by the line they start on', () => {
    const file = 'quoted-fields.csv';
    const { records, counts, malformed } = parseCsvFixture(file);
    expect(records).toEqual([
      amRecord({
        file, line: 2, time: '2026-11-27 11:00:00.000', kind: 'offline-download-failed',
        serverNode: 'am-primary', userId: 'Doe, John', userDomain: 'R&D, Lab', agentName: 'ws-1, lab', clientIp: '10.0.0.1',
        tokenSerial: '000000000001', errorMessage: 'Failed to send day data.', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
      // line 3 is a successful login whose Description runs over lines 3 to 5
      amRecord({
        file, line: 6, time: '2026-11-27 11:00:02.000', kind: 'offline-download-failed',
        serverNode: 'node "B"', userId: 'quote"man', userDomain: 'Sales', agentName: 'ws-2', clientIp: '10.0.0.3',
        tokenSerial: '000000000002', errorMessage: 'Invalid proof', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
    ]);
    expect(counts).toEqual({ lines: 6, records: 3, otherLines: 0, malformed: 0 });
    expect(malformed).toEqual([]);
  });

  it('reads CRLF line ends, also inside a quoted Description', () => {
    const file = 'crlf.csv';
    const { records, counts, malformed } = parseCsvFixture(file);
    expect(records).toEqual([
      amRecord({
        file, line: 2, time: '2026-11-27 08:00:00.100', kind: 'offline-download-failed',
        serverNode: 'am-primary', userId: 'asmith', userDomain: 'Finance', agentName: 'LT-0815', clientIp: '10.1.7.15',
        tokenSerial: 'xxxxxxxx2776', errorMessage: 'Invalid proof', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
      amRecord({
        file, line: 6, time: '2026-11-27 08:00:02.300', kind: 'offline-download-failed',
        serverNode: 'am-replica-1', userId: 'bob', userDomain: 'Sales', agentName: 'ws-9', clientIp: '10.1.2.9',
        tokenSerial: '000111222333', errorMessage: 'Failed to send day data.', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
    ]);
    expect(counts).toEqual({ lines: 6, records: 3, otherLines: 0, malformed: 0 });
    expect(malformed).toEqual([]);
  });

  it("removes RSA's formula-guard space before = + - @, quoted or not, and keeps inner spaces", () => {
    const file = 'formula-guard.csv';
    const { records, counts } = parseCsvFixture(file);
    expect(records).toEqual([
      amRecord({
        file, line: 2, time: '2026-11-27 12:00:00.000', kind: 'offline-download-failed',
        serverNode: '+node', userId: '=cmd|x', userDomain: '@Sales', agentName: '+agent', clientIp: '-10.0.0.4',
        tokenSerial: '-000000000003', errorMessage: 'Invalid proof', actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
      amRecord({
        file, line: 3, time: '2026-11-27 12:00:01.000', kind: 'offline-download-failed',
        serverNode: '- spaced value', userId: '@admin', userDomain: '=HYPERLINK("http://x","y")', agentName: 'ws-3',
        clientIp: '10.0.0.5', tokenSerial: '000000000004', errorMessage: 'Invalid proof',
        actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017',
      }),
    ]);
    expect(counts).toEqual({ lines: 3, records: 2, otherLines: 0, malformed: 0 });
  });
});
