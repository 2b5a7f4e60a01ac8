/** `aamlog analyze` run as a process, as users and cron jobs run it. */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { fixture, runCli } from './support/cli.js';
import { tempDir } from './support/temp.js';

const csv = fixture('csv/authentication-activity.csv');
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('aamlog analyze', () => {
  it('reads a report export and prints the JSON report', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', csv, '--format', 'json', '--timezone', 'Europe/Berlin']);
    expect([code, stderr]).toEqual([0, '']);
    const report = json(stdout);
    expect(report.inputs.map(({ path, ...counts }) => [path.endsWith('authentication-activity.csv'), counts])).toEqual([
      [true, { format: 'report-csv', lines: 9, records: 8, otherLines: 0, malformed: 0, offlineFailures: 1, errors: [], notes: [] }],
    ]);
    expect(report.totals).toEqual({ offlineFailures: 1, users: 1, openUsers: 0, malformed: 0 });
    expect(report.window).toEqual({ from: '2026-11-27T08:15:02+01:00', to: '2026-11-27T09:02:40+01:00' });
    expect(report.users.map((u) => [u.userId, u.securityDomain, u.status, u.failures, u.groups[0].agent, u.groups[0].token])).toEqual([
      ['jdoe', 'Sales', 'resolved', 1, 'ws-042.corp.example.com', '000123456789'],
    ]);
  });

  it('reads standard input with -, and the same file twice only once', async () => {
    const { code, stdout } = await runCli(['analyze', '-', csv, csv, '--format', 'json', '--timezone', 'UTC'], {
      stdin: readFileSync(csv),
    });
    const report = json(stdout);
    expect(code).toBe(0);
    expect(report.inputs.map((i) => [i.path.endsWith('.csv') ? 'file' : i.path, i.offlineFailures])).toEqual([
      ['-', 1],
      ['file', 1],
    ]);
    expect(report.totals.offlineFailures).toBe(2);
  });

  it('expands quoted glob patterns and folders, recursively, in name order', async () => {
    const dir = tempDir('aamlog-inputs-');
    mkdirSync(join(dir, 'archive/old'), { recursive: true });
    copyFileSync(csv, join(dir, 'archive/b.csv'));
    copyFileSync(csv, join(dir, 'archive/old/a.csv'));
    writeFileSync(join(dir, 'archive/.hidden.csv'), readFileSync(csv));
    const byFolder = json((await runCli(['analyze', join(dir, 'archive'), '--format', 'json'])).stdout);
    expect(byFolder.inputs.map((i) => i.path.slice(dir.length + 1))).toEqual(['archive/b.csv', 'archive/old/a.csv']);
    const byGlob = json((await runCli(['analyze', `${dir}/archive/**/*.csv`, '--format', 'json'])).stdout);
    expect(byGlob.inputs.map((i) => i.path.slice(dir.length + 1))).toEqual(['archive/b.csv', 'archive/old/a.csv']);
  });

  it('lists users with as many failures in the same order under every locale', async () => {
    // One failure each: the order falls to the names. A German collation puts "Öberg"
    // before "oscar", a Swedish one after "zlatan"; a nightly job and a shell must agree.
    const orders: string[][] = [];
    for (const locale of ['de_DE.UTF-8', 'sv_SE.UTF-8']) {
      const { code, stdout } = await runCli(['analyze', fixture('csv/user-order.csv'), '--format', 'json', '--timezone', 'UTC'], {
        env: { LANG: locale, LC_ALL: locale },
      });
      expect(code).toBe(0);
      orders.push(json(stdout).users.map((u) => u.userId));
    }
    expect(orders).toEqual([
      ['Anna', 'oscar', 'zlatan', 'Öberg'],
      ['Anna', 'oscar', 'zlatan', 'Öberg'],
    ]);
  });

  it('gives the same report where Node runs without WebAssembly (--jitless), only slower', async () => {
    const inputs = [csv, fixture('syslog/pri-bsd-header.log'), fixture('audit/crlf.log'), 'samples/exports'];
    const report = async (env: NodeJS.ProcessEnv) => {
      const { code, stdout } = await runCli(['analyze', ...inputs, '--format', 'json', '--timezone', 'UTC'], { env });
      const { generatedAt: _, ...rest } = json(stdout);
      return { code, report: rest };
    };
    const fast = await report({});
    expect(fast.report.totals.offlineFailures).toBeGreaterThan(0);
    expect(await report({ NODE_OPTIONS: '--jitless' })).toEqual(fast);
  });

  it('reports an input it cannot read, reads the others, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', 'no/such/file.log', csv, '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('aamlog: no/such/file.log: no such file or folder\n');
    expect(json(stdout).totals.offlineFailures).toBe(1);
  });

  it('says so when a glob pattern matches nothing', async () => {
    const { code, stderr } = await runCli(['analyze', 'nowhere/*.log.gz']);
    expect([code, stderr]).toEqual([2, 'aamlog: nowhere/*.log.gz: no file matches this pattern\n']);
  });

  it('limits the window with --since and --until', async () => {
    const inWindow = json((await runCli(['analyze', csv, '--format', 'json', '--timezone', 'Europe/Berlin', '--since', '2026-11-27T08:00', '--until', '2026-11-27T09:00'])).stdout);
    expect([inWindow.totals, inWindow.users[0].status]).toEqual([{ offlineFailures: 1, users: 1, openUsers: 1, malformed: 0 }, 'open']);
    const after = json((await runCli(['analyze', csv, '--format', 'json', '--timezone', 'Europe/Berlin', '--since', '2026-11-27T08:20'])).stdout);
    expect(after.totals).toEqual({ offlineFailures: 0, users: 0, openUsers: 0, malformed: 0 });
  });

  it('prints the normalised events as NDJSON', async () => {
    const { stdout } = await runCli(['analyze', csv, '--format', 'ndjson', '--timezone', 'UTC']);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => [e.kind, e.time, e.userId, e.source.line])).toEqual([
      ['offline-download-failed', '2026-11-27T08:15:02+00:00', 'jdoe', 2],
      ['offline-download-succeeded', '2026-11-27T09:02:40+00:00', 'jdoe', 3],
      ['login-failed', '2026-11-27T09:05:00+00:00', 'asmith', 4],
      ['lockout', '2026-11-27T09:07:30+00:00', 'asmith', 6],
      ['offline-policy-change', '2026-11-27T10:00:00+00:00', 'admin', 7],
      ['offline-policy-change', '2026-11-27T10:02:00+00:00', 'admin', 9],
    ]);
  });

  it('rejects a bad time zone, time or format with exit status 2', async () => {
    expect(await runCli(['analyze', csv, '--timezone', 'Mars/Olympus'])).toMatchObject({ code: 2, stdout: '' });
    expect((await runCli(['analyze', csv, '--since', 'soon'])).stderr).toContain("--since 'soon' is not a time");
    expect((await runCli(['analyze', csv, '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['analyze'])).code).toBe(2);
  });

  it('exits 1 with --fail-on-open only when some user still fails', async () => {
    expect((await runCli(['analyze', csv, '--fail-on-open'])).code).toBe(0);
    expect((await runCli(['analyze', csv, '--fail-on-open', '--until', '2026-11-27T09:00', '--timezone', 'Europe/Berlin'])).code).toBe(1);
  });

  it('shows examples in --help and the version with --version', async () => {
    const help = await runCli(['analyze', '--help']);
    expect([help.code, help.stdout.includes('Examples:'), help.stdout.includes('--timezone')]).toEqual([0, true, true]);
    const version = await runCli(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`, stderr: '' });
  });
});
