/**
 * Issue 6, hostile input: bytes that are not the text they claim to be. Binary data is
 * refused as a whole; NUL bytes and bytes that are not UTF-8 cost at most the record they
 * sit in, and the user is told where.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHostile, countsOf, hostile, usersOf } from './hostile-support.js';
import { runCli } from './support/cli.js';

describe('binary garbage', () => {
  it('is refused as "not a text file" (exit 2), and the other inputs are still read', async () => {
    const { code, stderr, report } = await analyzeHostile([hostile('binary-garbage.bin'), hostile('nul-bytes.log')]);
    const reason = 'not a text file: 52% of its first bytes are control characters or not UTF-8; nothing was read from it';
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`aamlog: ${hostile('binary-garbage.bin')}: ${reason}`);
    expect(countsOf(report.inputs[0])).toEqual({
      format: null, lines: 0, records: 0, otherLines: 0, malformed: 0, offlineFailures: 0, errors: [reason], notes: [],
    });
    expect(usersOf(report)).toEqual([['after', 1, 'open'], ['padded', 1, 'open']]);
  });
});

describe('NUL bytes', () => {
  it('skips NUL padding before a record, reports a record with a NUL inside as malformed, reads what follows', async () => {
    const { code, stderr, report } = await analyzeHostile([hostile('nul-bytes.log')]);
    const file = hostile('nul-bytes.log');
    const padding =
      'warning: 2 line(s) began with NUL bytes (the first at line 3), as a log does after a crash or a copytruncate rotation; the NUL bytes were skipped';
    expect(code).toBe(0);
    expect(stderr).toBe(
      `aamlog: ${file}:2: malformed record: a NUL byte inside the record (column 325)\n` + `aamlog: ${file}: ${padding}\n`,
    );
    // Line 1 a login, 2 nadia's failure with a NUL in her user ID, 3 a failure after 300 NULs, 4 only NULs, 5 a failure.
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'audit-file', lines: 5, records: 3, otherLines: 1, malformed: 1, offlineFailures: 2, errors: [], notes: [padding],
    });
    expect(report.totals.malformed).toBe(1);
    expect(usersOf(report)).toEqual([['after', 1, 'open'], ['padded', 1, 'open']]);
  });

  it('stops at the NUL-damaged record with --strict (exit 2)', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', hostile('nul-bytes.log'), '--strict']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      `aamlog: ${hostile('nul-bytes.log')}:2: a NUL byte inside the record (column 325) (--strict stops at the first malformed record)\n`,
    );
  });
});

describe('invalid UTF-8', () => {
  it('reads a line that is not UTF-8 as Latin-1, so a Latin-1 user ID is the same user as its UTF-8 spelling', async () => {
    const { code, stderr, report } = await analyzeHostile([hostile('invalid-utf8.log')]);
    const note = 'warning: 2 line(s) are not UTF-8 (the first at line 1); they were read as Latin-1';
    expect(code).toBe(0);
    expect(stderr).toBe(`aamlog: ${hostile('invalid-utf8.log')}: ${note}\n`);
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'syslog', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 3, errors: [], notes: [note],
    });
    // Line 1 spells müller in Latin-1, line 2 in UTF-8; line 3 has a stray 0xFF in zoe's first name.
    expect(usersOf(report)).toEqual([['müller', 2, 'open'], ['zoe', 1, 'open']]);
  });
});

describe('UTF-16LE without a byte-order mark', () => {
  it('is recognised by its NUL bytes and read whole, with a note saying so', async () => {
    const { code, stderr, report } = await analyzeHostile([hostile('utf16le-no-bom.log')]);
    expect([code, stderr]).toEqual([0, '']);
    expect(countsOf(report.inputs[0])).toEqual({
      format: 'audit-file', lines: 3, records: 3, otherLines: 0, malformed: 0, offlineFailures: 2, errors: [],
      notes: ['read as UTF-16LE without a byte-order mark (recognised by its NUL bytes)'],
    });
    expect(report.users.map((u) => [u.userId, u.securityDomain, u.failures])).toEqual([
      ['lfox', 'Field Sales', 1],
      ['wchen', 'Entwicklung München', 1],
    ]);
  });
});
