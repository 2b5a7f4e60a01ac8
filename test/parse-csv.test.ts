import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amRecord, fixturePath, parseCsv, parseCsvFixture } from './parse-csv-helpers.js';

const file = 'authentication-activity.csv';

describe('report-csv: an Authentication Activity export', () => {
  it('keeps the records aamlog is about, with every field from its column', () => {
    const { records, malformed, counts, notes, errors } = parseCsvFixture(file);
    expect(records).toEqual([
      amRecord({
        file, line: 2, time: '2026-11-27 08:15:02.114', kind: 'offline-download-failed',
        serverNode: 'am-primary', userId: 'jdoe', userDomain: 'Sales', agentName: 'ws-042.corp.example.com',
        clientIp: '10.1.2.42', tokenSerial: '000123456789', errorMessage: 'Failed to send day data.',
        actionKey: 'OA_DATA_DOWNLOAD_FAILED', actionId: '23017', result: 'FAIL', reason: 'OA_DATA_DOWNLOAD_FAILED',
      }),
      // `,mmm` milliseconds
      amRecord({
        file, line: 3, time: '2026-11-27 09:02:40.417', kind: 'offline-download-succeeded',
        serverNode: 'am-replica-1', userId: 'jdoe', userDomain: 'Sales', agentName: 'ws-042.corp.example.com',
        clientIp: '10.1.2.42', tokenSerial: '000123456789',
        actionKey: 'OA_DATA_DOWNLOAD', actionId: '23016', result: 'SUCCESS', reason: 'OA_DATA_DOWNLOAD',
      }),
      // no milliseconds; a failed login is kept, the successful one on line 5 only counted
      amRecord({
        file, line: 4, time: '2026-11-27 09:05:00.000', kind: 'login-failed',
        serverNode: 'am-primary', userId: 'asmith', userDomain: 'Finance', clientIp: '10.1.7.15',
        actionKey: 'AUTHN_LOGIN_EVENT', actionId: '13002', result: 'FAIL', reason: 'AUTHN_METHOD_FAILED',
      }),
      amRecord({
        file, line: 6, time: '2026-11-27 09:07:30.250', kind: 'lockout',
        serverNode: 'am-primary', userId: 'asmith', userDomain: 'Finance', clientIp: '10.1.7.15',
        actionKey: 'AUTHN_LOCKOUT_EVENT', actionId: '13003', result: 'FAIL', reason: 'AUTHN_LOCKOUT',
      }),
      // Activity Key with a trailing period; the Arguments name what the policy change touched
      amRecord({
        file, line: 7, time: '2026-11-27 10:00:00.000', kind: 'offline-policy-change',
        serverNode: 'am-primary', userId: 'admin', userDomain: 'SystemDomain', clientIp: '10.1.0.5',
        actionKey: 'AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE', actionId: '20051', result: 'SUCCESS',
        targets: ['Offline Policy Sales', 'SystemDomain'],
      }),
      // Activity Key in lower case
      amRecord({
        file, line: 9, time: '2026-11-27 10:02:00.000', kind: 'offline-policy-change',
        serverNode: 'am-primary', userId: 'admin', userDomain: 'SystemDomain', clientIp: '10.1.0.5',
        actionKey: 'SD_OAPOL_ASSOC', actionId: '20099', result: 'SUCCESS', targets: ['Sales', 'Offline Policy Sales'],
      }),
    ]);
    expect(counts).toEqual({ lines: 9, records: 8, otherLines: 0, malformed: 0 });
    expect(malformed).toEqual([]);
    expect(notes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('gives the same result however the input is cut into chunks', () => {
    for (const name of readdirSync(fixturePath('.'))) {
      const bytes = readFileSync(fixturePath(name));
      const whole = parseCsv(bytes, name);
      for (const size of [1, 2, 7, 64]) expect(parseCsv(bytes, name, size), `${name} in ${size}-byte chunks`).toEqual(whole);
    }
  });
});
