/**
 * Issue 6, hostile input: file-system traps, made at test time (test/fixtures/hostile/make.mjs).
 * A symbolic-link loop is walked once, a file aamlog may not open fails alone (exit 2),
 * and a file that grows while it is read is read as far as it went when opened.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPrivileges, makeSymlinkLoop, makeUnreadable, startGrowingFile } from './fixtures/hostile/make.mjs';
import { analyzeHostile, countsOf, usersOf } from './hostile-support.js';

const dir = mkdtempSync(join(tmpdir(), 'aamlog-hostile-files-'));
chmodSync(dir, 0o755); // for the runs as another user
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder with symbolic-link loops', () => {
  it('reads each file once and ends', async () => {
    const logs = makeSymlinkLoop(join(dir, 'loop'));
    const { code, stderr, report } = await analyzeHostile([logs]);
    expect([code, stderr]).toEqual([0, '']);
    expect(report.inputs.map((input) => [input.path, input.records])).toEqual([
      [join(logs, 'a.log'), 1],
      [join(logs, 'nested', 'b.log'), 1],
    ]);
    expect(usersOf(report)).toEqual([['alice', 1, 'open'], ['bob', 1, 'open']]);
  });
});

describe('a file aamlog may not read', () => {
  it('is reported as permission denied with exit 2; the file next to it is read', async () => {
    const folder = join(dir, 'perm');
    mkdirSync(folder);
    const { locked, open } = makeUnreadable(folder);
    // Root reads any file: the CLI then runs as nobody, as a cron job under a service account would.
    const { code, stderr, report } = await analyzeHostile([locked, open], [], { ...dropPrivileges(), cwd: '/' });
    expect(code).toBe(2);
    expect(stderr).toBe(`aamlog: ${locked}: permission denied\n`);
    expect(countsOf(report.inputs[0])).toEqual({
      format: null, lines: 0, records: 0, otherLines: 0, malformed: 0, offlineFailures: 0, errors: ['permission denied'], notes: [],
    });
    expect(usersOf(report)).toEqual([['dave', 1, 'open']]);
  });

  it('inside a folder: the same', async () => {
    const folder = join(dir, 'perm-folder');
    mkdirSync(folder);
    const { locked } = makeUnreadable(folder);
    const { code, stderr, report } = await analyzeHostile([folder], [], { ...dropPrivileges(), cwd: '/' });
    expect([code, stderr]).toEqual([2, `aamlog: ${locked}: permission denied\n`]);
    expect(usersOf(report)).toEqual([['dave', 1, 'open']]);
  });
});

describe('a file that grows while it is read', () => {
  it('ends, having read at least what was there when it started, every line whole', async () => {
    const file = join(dir, 'growing.log');
    const writer = startGrowingFile(file, 1000);
    try {
      await new Promise((resolve) => writer.stdout!.once('data', resolve)); // the writer is appending
      const { code, stderr, report } = await analyzeHostile([file]);
      const { lines, records, malformed, otherLines } = report.inputs[0];
      expect([code, stderr]).toEqual([0, '']);
      expect(lines).toBeGreaterThanOrEqual(1000);
      expect([records, malformed, otherLines]).toEqual([lines, 0, 0]);
      expect(report.users.find((u) => u.userId === 'early')?.failures).toBe(1000);
    } finally {
      writer.kill();
    }
    expect(statSync(file).size).toBeGreaterThan(0);
  });
});
