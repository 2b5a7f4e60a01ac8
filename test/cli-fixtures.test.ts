/**
 * Every ingest quirk of issue 2, one fixture file each, through the real CLI.
 * The expected figures are those of test/fixtures/EXPECTED-fixtures.md.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { fixture, runCli } from './support/cli.js';

interface Expected {
  format: string;
  lines: number;
  records: number;
  otherLines: number;
  malformed: number;
  offlineFailures: number;
  exit?: number;
  args?: string[];
}

const cases: Record<string, Expected> = {
  'syslog/pri-no-header.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/pri-bsd-header.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/bsd-header.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/rfc3339-header.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/no-header.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/host-runs-into-date.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/header-stripped.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1, args: ['--date', '2026-11-27'] },
  'syslog/empty-server-node.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'syslog/quoted-dn-fields.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 2 },
  'syslog/missing-agent-type.log': { format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 2 },
  'syslog/masked-serials.log': { format: 'syslog', lines: 6, records: 6, otherLines: 0, malformed: 0, offlineFailures: 4 },
  'syslog/os-noise-stack-trace.log': { format: 'syslog', lines: 13, records: 2, otherLines: 11, malformed: 0, offlineFailures: 1 },
  'syslog/malformed.log': { format: 'syslog', lines: 5, records: 2, otherLines: 1, malformed: 2, offlineFailures: 1 },
  'audit/crlf.log': { format: 'audit-file', lines: 4, records: 4, otherLines: 0, malformed: 0, offlineFailures: 2 },
  'audit/utf8-bom.log': { format: 'audit-file', lines: 4, records: 4, otherLines: 0, malformed: 0, offlineFailures: 2 },
  'audit/utf16le-bom.log': { format: 'audit-file', lines: 4, records: 4, otherLines: 0, malformed: 0, offlineFailures: 2 },
  'audit/system-stack-trace.log': { format: 'audit-file', lines: 9, records: 4, otherLines: 5, malformed: 0, offlineFailures: 1 },
  'audit/malformed.log': { format: 'audit-file', lines: 4, records: 2, otherLines: 0, malformed: 2, offlineFailures: 1 },
  'audit/multi-member.log.gz': { format: 'audit-file', lines: 6, records: 6, otherLines: 0, malformed: 0, offlineFailures: 4 },
  'audit/truncated.log.gz': { format: 'audit-file', lines: 4, records: 4, otherLines: 0, malformed: 0, offlineFailures: 3, exit: 2 },
  'audit/corrupt.log.gz': { format: 'audit-file', lines: 2, records: 2, otherLines: 0, malformed: 0, offlineFailures: 1, exit: 2 },
  'csv/authentication-activity.csv': { format: 'report-csv', lines: 9, records: 8, otherLines: 0, malformed: 0, offlineFailures: 1 },
  'csv/unclosed-quote.csv': { format: 'report-csv', lines: 8, records: 5, otherLines: 1, malformed: 1, offlineFailures: 2 },
};

async function analyzeFixture(path: string, args: string[] = []) {
  const result = await runCli(['analyze', fixture(path), '--format', 'json', '--timezone', 'Europe/Berlin', ...args]);
  return { ...result, report: JSON.parse(result.stdout) as Report };
}

describe('each fixture through the CLI', () => {
  for (const [path, { exit = 0, args, ...counts }] of Object.entries(cases)) {
    it(`${path}: ${counts.records} records, ${counts.otherLines} other, ${counts.malformed} malformed, ${counts.offlineFailures} failures`, async () => {
      const { code, report } = await analyzeFixture(path, args);
      const [input] = report.inputs;
      expect({
        format: input.format,
        lines: input.lines,
        records: input.records,
        otherLines: input.otherLines,
        malformed: input.malformed,
        offlineFailures: input.offlineFailures,
      }).toEqual(counts);
      expect(code).toBe(exit);
    });
  }
});

const groupsOf = (report: Report) =>
  report.users.flatMap((u) => u.groups.map((g) => [u.userId, u.securityDomain, g.agent, g.token, g.failures, g.status, g.errors.map((e) => e.message).join('|'), g.lastFailure]));

describe('what the fixtures must show', () => {
  it('splits quoted LDAP DNs as one field, so the token and error stay in place', async () => {
    const { report } = await analyzeFixture('syslog/quoted-dn-fields.log');
    expect(groupsOf(report)).toEqual([
      ['fsommer', 'Field Sales', 'ws-012.corp.example.com', '000222333444', 1, 'open', 'Failed to send day data.', '2026-11-27T09:05:10+01:00'],
      ['jdoe', 'Field Sales', 'ws-042.corp.example.com', '000123456789', 1, 'open', 'Failed to send day data.', '2026-11-27T09:00:03+01:00'],
    ]);
  });

  it('reads records that miss the agent-type field', async () => {
    const { report } = await analyzeFixture('syslog/missing-agent-type.log');
    expect(report.users.map((u) => [u.userId, u.groups[0].agentIp, u.groups[0].token, u.groups[0].errors[0].message])).toEqual([
      ['jdoe', '10.20.4.42', '000123456789', 'Failed to send day data.'],
      ['tnguyen', '10.20.11.17', '000789012345', 'Invalid proof'],
    ]);
  });

  it('groups a fully masked serial by user and agent, and keeps partly masked serials apart', async () => {
    const { report } = await analyzeFixture('syslog/masked-serials.log');
    expect(report.users.map((u) => [u.userId, u.groups[0].token, u.groups[0].failures, u.status])).toEqual([
      ['pwagner', 'xxxxxxxx2776', 2, 'open'],
      ['ckrause', 'xxxxxxxxxxxx', 2, 'resolved'],
    ]);
  });

  it('names the malformed records with file, line and reason, and counts none of them as failures', async () => {
    const { stderr, report } = await analyzeFixture('syslog/malformed.log');
    const file = fixture('syslog/malformed.log');
    expect(stderr).toBe(
      `aamlog: ${file}:2: malformed record: no action key and id (KEY,NNNNN) in the record body\n` +
        `aamlog: ${file}:3: malformed record: impossible AM time 2026-13-45 08:17:00\n`,
    );
    expect(report.users.map((u) => u.userId)).toEqual(['jdoe']);
  });

  it('stops at the first malformed record with --strict', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', fixture('syslog/malformed.log'), '--strict']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('malformed.log:2: no action key and id (KEY,NNNNN) in the record body (--strict');
  });

  it('decodes UTF-16LE and keeps non-ASCII names', async () => {
    const { report } = await analyzeFixture('audit/utf16le-bom.log');
    expect(report.users.map((u) => [u.userId, u.securityDomain, u.groups[0].token])).toEqual([
      ['jgross', 'Entwicklung München', '000333444555'],
      ['tnguyen', 'SystemDomain', '000789012345'],
    ]);
    expect(report.inputs[0].notes).toEqual(['read as UTF-16LE (byte-order mark)']);
  });

  it('reads every member of a multi-member gzip file', async () => {
    const { report } = await analyzeFixture('audit/multi-member.log.gz');
    expect(report.users.map((u) => [u.userId, u.failures, u.status])).toEqual([
      ['tnguyen', 2, 'open'],
      ['jgross', 1, 'open'],
      ['jdoe', 1, 'resolved'],
    ]);
  });

  it('keeps what a truncated gzip file held, reports the damage after the report, exits 2', async () => {
    const { code, stderr, report } = await analyzeFixture('audit/truncated.log.gz');
    expect(code).toBe(2);
    expect(stderr).toBe(`aamlog: ${fixture('audit/truncated.log.gz')}: gzip data ends early (truncated file); the records before the damage were read\n`);
    expect(report.users.map((u) => u.userId)).toEqual(['jdoe', 'jgross', 'tnguyen']);
  });

  it('keeps every record inflated before corrupt gzip data, reports the damage after the report, exits 2', async () => {
    const { code, stderr, report } = await analyzeFixture('audit/corrupt.log.gz');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `aamlog: ${fixture('audit/corrupt.log.gz')}: corrupt gzip data (invalid block type); the records before the damage were read\n`,
    );
    expect(report.users.map((u) => [u.userId, u.failures])).toEqual([['jdoe', 1]]);
  });

  it('says where a header-stripped line took its date from', async () => {
    const { report } = await analyzeFixture('syslog/header-stripped.log', ['--date', '2026-11-27']);
    expect([report.inputs[0].notes, report.users[0].lastFailure]).toEqual([
      ['3 line(s) carried only a time of day; their date was taken from --date 2026-11-27'],
      '2026-11-27T08:15:04+01:00',
    ]);
  });
});
