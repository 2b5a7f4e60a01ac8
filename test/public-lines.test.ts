/**
 * Every line of the public AM samples (shared/samples/public) is read as the spec says:
 * an AM record with the right action key, user, agent and token, or other traffic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAmLine } from '../src/parse/am-line.js';

const file = new URL('./fixtures/public/rsa-am-public-lines.txt', import.meta.url);
const lines = readFileSync(file, 'utf8').split('\n');

type Expected =
  | ['other']
  | ['malformed', string]
  | ['syslog' | 'audit-file', string, string | null, string | null, string | null];

// line number: [shape, action key, user ID, agent name, token serial]
const expected: Record<number, Expected> = {
  3: ['syslog', 'AUTHN_LOGIN_EVENT', 'U328187', 'mn-sv2-jp-sped-c6-sm2.securitydynamics.com', 'xxxxxxxx2776'],
  // Splunk's test comment holds only the syslog header and category: an AM record with no body.
  6: ['malformed', 'no action key and id (KEY,NNNNN) in the record body'],
  8: ['syslog', 'CONF_READ', null, null, null],
  10: ['syslog', 'AUTHN_LOGIN_EVENT', 'xxx', 'hst-xxxxx.example.net', 'xxxxxxxx8632'],
  13: ['syslog', 'AUTHN_LOGIN_EVENT', 'jsmith', 'HOSTFW01', 'xxxxxxxx1022'],
  16: ['syslog', 'AUTHN_LOGIN_EVENT', 'xxx', 'REMOTEACCESSV3', 'xxx'],
  19: ['syslog', 'AUTHN_LOGIN_EVENT', 'ADMTEST', 'ASA-SSL', '000450060262'],
  21: ['syslog', 'AUTHN_LOGIN_EVENT', 'TESTADM', 'test.test.test', '000450060262'],
  23: ['syslog', 'AUTH_PRINCIPAL_RESOLUTION', 'admin', 'source.hostname', null],
  25: ['syslog', 'AUTHN_LOGIN_EVENT', 'HDTCO04', 'source.hostname', '000523656192'],
  27: ['syslog', 'AUTHN_LOGOUT_EVENT', 'admin', null, null],
  29: ['syslog', 'UPDATE_PRINCIPAL', 'admin', null, null],
  31: ['syslog', 'AM_UNLINK_TOKEN_PRINCIPAL', 'admin', null, null],
  33: ['syslog', 'AUTHN_LOGIN_EVENT', 'admin', 'source.hostname', null],
  35: ['syslog', 'AUTHN_LOGIN_EVENT', 'admin', 'source.hostname', null],
  37: ['syslog', 'CONF_VALUE_UPDATED', null, null, null],
  39: ['other'],
  42: ['audit-file', 'DELETE_PRINCIPAL', 'Sheetal', null, null],
  44: ['audit-file', 'AM_LINK_TOKEN_PRINCIPAL', 'Sheetal', null, null],
  46: ['audit-file', 'EXPORT_SOFT_TOKEN', 'Sheetal', null, null],
  48: ['audit-file', 'AUTHN_LOGOUT_EVENT', 'Sheetal', null, null],
  50: ['audit-file', 'AUTHN_LOGIN_EVENT', 'Sheetal', null, null],
  52: ['audit-file', 'AUTHN_LOGIN_EVENT', 'unknown user', null, null],
  54: ['audit-file', 'AUTHN_LOGIN_EVENT', 'Sheetal', null, null],
  56: ['audit-file', 'ADJUDICATOR_CLOCK_SETBACK', null, null, null],
  58: ['audit-file', 'UDP_SERVER_SHUTDOWN', null, null, null],
  60: ['audit-file', 'EVENT_DISPATCH', null, null, null],
  62: ['audit-file', 'OC_ADMIN_LOGIN_EVENT', 'moses', null, null],
  64: ['syslog', 'CREATE_SECURITY_DOMAIN', 'govtechsc', null, null],
  66: ['syslog', 'AUTHMGR_TOKEN_POLICY_CREATE', 'govtechsc', null, null],
  68: ['syslog', 'CREATE_LOCKOUT_POLICY', 'govtechsc', null, null],
  70: ['syslog', 'AUTHMGR_OFFLINE_AUTHN_POLICY_CREATE', 'govtechsc', null, null],
  72: ['syslog', 'UPDATE_PWD_POLICY', 'govtechsc', null, null],
};

const context = (lineNo: number) => ({ file: 'public', lineNo, fallbackDate: { year: 2026, month: 11, day: 27 } });

function classify(line: string, lineNo: number): Expected {
  const result = parseAmLine(line, context(lineNo));
  if (result.type === 'other') return ['other'];
  if (result.type === 'malformed') return ['malformed', result.reason];
  const r = result.record;
  return [result.shape, r.actionKey!, r.userId, r.agentName, r.tokenSerial];
}

describe('the public AM lines', () => {
  it('classifies every line as the spec says', () => {
    const actual: Record<number, Expected> = {};
    lines.forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return; // the file's own comments
      actual[index + 1] = classify(line, index + 1);
    });
    expect(actual).toEqual(expected);
  });

  it('reads the security domain where login records carry it (Argument5)', () => {
    const domains = [3, 16, 21].map((n) => {
      const r = parseAmLine(lines[n - 1], context(n));
      return r.type === 'record' ? r.record.userDomain : r.type;
    });
    expect(domains).toEqual(['SystemDomain', 'RemoteAccess', 'SystemDomain']);
  });

  it('takes the AM time, not the syslog header time, and reads "02: 40:45" as 02:40:45', () => {
    const r = parseAmLine(lines[12], context(13));
    expect(r.type === 'record' && r.record.localTime).toEqual({
      year: 2016, month: 8, day: 8, hour: 2, minute: 40, second: 45, millisecond: 950,
    });
  });

  it('finds the AM date where the host name runs into it', () => {
    const r = parseAmLine(lines[69], context(70));
    expect(r.type === 'record' && [r.record.localTime.day, r.record.localTime.hour, r.record.localTime.minute]).toEqual([16, 9, 23]);
  });

  it('gives header-stripped lines the fallback date', () => {
    const r = parseAmLine(lines[18], context(19));
    expect(r.type === 'record' && r.usedFallbackDate && r.record.localTime).toEqual({
      year: 2026, month: 11, day: 27, hour: 22, minute: 12, second: 54, millisecond: 239,
    });
  });

  it('keeps failed logins as events and only counts the rest', () => {
    const kinds = [3, 33, 50, 70].map((n) => {
      const r = parseAmLine(lines[n - 1], context(n));
      return r.type === 'record' ? r.record.kind : r.type;
    });
    expect(kinds).toEqual([null, 'login-failed', 'login-failed', null]);
  });
});
