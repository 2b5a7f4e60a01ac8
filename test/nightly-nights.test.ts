/**
 * The nightly job over three nights of growing and rotated exports, run as the real CLI:
 * its final summary must equal one analysis of all the data at once.
 */
import { existsSync, mkdirSync, readFileSync, readlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { comparable, nights } from './nightly-support.js';
import { tempDir } from './support/temp.js';

function setup() {
  const root = tempDir('aamlog-nightly-');
  const logs = join(root, 'logs');
  const all = join(root, 'all');
  mkdirSync(logs);
  mkdirSync(all);
  return { root, logs, all, steps: nights(logs, all) };
}

const nightlyArgs = (root: string, logs: string) => [
  'nightly',
  logs,
  '--out',
  join(root, 'reports'),
  '--state',
  join(root, 'state.json'),
  '--timezone',
  'Europe/Berlin',
  '--retain-days',
  '3650',
  '--quiet',
];

const summaryOf = (root: string) => JSON.parse(readFileSync(join(root, 'reports', 'latest', 'summary.json'), 'utf8'));

async function oneAnalysis(all: string) {
  const result = await runCli(['analyze', all, '--timezone', 'Europe/Berlin', '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('aamlog nightly over three nights', () => {
  it('counts every failure once across growth, a half-written line, gzip rotation and copy-truncate', async () => {
    const { root, logs, all, steps } = setup();
    const newPerNight: number[] = [];
    const linesRead: Record<string, number>[] = [];
    for (const step of steps) {
      step();
      const result = await runCli(nightlyArgs(root, logs));
      expect(result.stderr).toMatch(/^aamlog: nightly: \d+ file\(s\), [\d.]+ MB read, \d+ new failure\(s\), \d+ open user\(s\); reports in .+ \([\d.]+ s\)\n$/);
      expect(result.code).toBe(0);
      newPerNight.push(summaryOf(root).users.reduce((sum: number, u: { newFailures: number }) => sum + u.newFailures, 0));
      const inputs: { path: string; lines: number }[] = summaryOf(root).inputs;
      linesRead.push(Object.fromEntries(inputs.map((i) => [i.path.slice(logs.length + 1), i.lines])));
    }
    // Only new lines are read: the half line waits for night 2, the gzip'd rotation is read
    // from where am.log was left, the copy of the truncated audit.log not at all.
    expect(linesRead).toEqual([
      { 'am.log': 69, 'audit.log': 20, 'export.csv': 7 },
      { 'am.log': 1, 'audit.log': 15, 'export.csv': 5 },
      { 'am.log': 20, 'am.log.1.gz': 25, 'audit.log': 10, 'audit.log.1': 0, 'export.csv': 0 },
    ]);
    const expected = await oneAnalysis(all);
    const final = summaryOf(root);
    expect(comparable(final)).toEqual(comparable(expected));
    expect(final.totals.offlineFailures).toBe(expected.totals.offlineFailures);
    // Each night's new failures add up to the total: nothing counted twice, nothing lost.
    expect(newPerNight.reduce((a, b) => a + b, 0)).toBe(expected.totals.offlineFailures);
    expect(newPerNight.every((n) => n > 0)).toBe(true);

    // latest and the day's folder are links to one complete run folder.
    const out = join(root, 'reports');
    const day = readdirSync(out).find((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))!;
    expect(readlinkSync(join(out, 'latest'))).toBe(readlinkSync(join(out, day)));
    expect(readdirSync(join(out, '.runs'))).toHaveLength(1);
    expect(existsSync(join(out, 'latest', 'index.md'))).toBe(true);
    expect(existsSync(join(out, 'latest', 'failures.csv'))).toBe(true);
  });

  it('reads nothing again when nothing arrived, and --fail-on-new fails only on new failures', async () => {
    const { root, logs, steps } = setup();
    steps[0]();
    const first = await runCli([...nightlyArgs(root, logs), '--fail-on-new']);
    expect(first.code).toBe(1);
    const again = await runCli([...nightlyArgs(root, logs), '--fail-on-new']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(' 0 new failure(s)');
    const summary = summaryOf(root);
    expect(summary.users.every((u: { newFailures: number }) => u.newFailures === 0)).toBe(true);
    expect(summary.inputs.map((i: { lines: number }) => i.lines)).toEqual([0, 0, 0]);
  });
});

describe('aamlog nightly killed with SIGKILL', () => {
  const points = [
    'locked',
    'input-read:1',
    'input-read:3',
    'reports-written',
    'day-linked',
    'latest-linked',
    'reports-published',
    'state-saved',
  ];
  it.each(points)('at %s: the rerun gives the totals of an uninterrupted run, and the reports stay whole', async (point) => {
    const { root, logs, all, steps } = setup();
    steps[0]();
    expect((await runCli(nightlyArgs(root, logs))).code).toBe(0);
    const before = readFileSync(join(root, 'reports', 'latest', 'summary.json'), 'utf8');
    steps[1]();
    const killed = await runCli(nightlyArgs(root, logs), { env: { AAMLOG_CRASH_AT: point } });
    expect(killed.code).toBe(null);
    // The previous reports (or the new ones, once linked) are whole JSON documents.
    const seen = readFileSync(join(root, 'reports', 'latest', 'summary.json'), 'utf8');
    expect(() => JSON.parse(seen)).not.toThrow();
    if (['locked', 'input-read:1', 'input-read:3', 'reports-written', 'day-linked'].includes(point)) expect(seen).toBe(before);
    expect((await runCli(nightlyArgs(root, logs))).code).toBe(0);
    steps[2]();
    expect((await runCli(nightlyArgs(root, logs))).code).toBe(0);
    expect(comparable(summaryOf(root))).toEqual(comparable(await oneAnalysis(all)));
  });
});
