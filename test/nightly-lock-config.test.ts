/** The nightly job's lock and config, through the real CLI. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, parseConfig } from '../src/nightly/config.js';
import { repoRoot, runCli } from './support/cli.js';
import { syslogLine } from './nightly-support.js';
import { tempDir } from './support/temp.js';

function workspace() {
  const root = tempDir('aamlog-lock-');
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'am.log'), syslogLine({ minute: 60, user: 'jdoe', agent: 'ws-1', token: '000123456789' }));
  const args = ['nightly', join(root, 'logs'), '--out', join(root, 'out'), '--state', join(root, 'state.json'), '--timezone', 'UTC', '--retain-days', '3650', '-q'];
  return { root, args };
}

describe('aamlog nightly lock', () => {
  it('lets one of two concurrent runs work and stops the other with status 3, naming the first', async () => {
    const { root, args } = workspace();
    const first = runCli(args, { env: { AAMLOG_PAUSE_AT: 'locked', AAMLOG_PAUSE_MS: '3000' } });
    const lock = join(root, 'state.json.lock');
    for (let i = 0; i < 100 && !existsSync(lock); i++) await sleep(50);
    const holder = JSON.parse(readFileSync(lock, 'utf8'));
    const second = await runCli(args);
    expect(second.code).toBe(3);
    expect(second.stderr).toBe(
      `aamlog: nightly: another run is in progress: process ${holder.pid}, started ${holder.startedAt} (lock ${lock})\n`,
    );
    expect((await first).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a process that is gone', async () => {
    const { root, args } = workspace();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(root, 'state.json.lock'), JSON.stringify({ pid: dead.pid, startedAt: '2026-11-28T02:00:00+00:00', host: '' }));
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(existsSync(join(root, 'out', 'latest', 'summary.json'))).toBe(true);
  });
});

describe('aamlog nightly config', () => {
  it('names the key that is wrong', () => {
    expect(() => parseConfig('{"inputs":["a"],"retainDays":"30"}', '/etc/aamlog/aamlog.json')).toThrow(
      'config /etc/aamlog/aamlog.json: retainDays: Invalid input: expected number, received string',
    );
    expect(() => parseConfig('{"inputs":[],"outDir":"x"}', 'c.json')).toThrow(/config c\.json: inputs: .*; outDir: unknown key/);
  });

  it('takes paths relative to the config file, and flags win over keys', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'aamlog.json'), JSON.stringify({ inputs: ['logs'], out: 'out', state: 'state.json', timezone: 'UTC', retainDays: 3650 }));
    const viaConfig = await runCli(['nightly', '--config', join(root, 'aamlog.json'), '-q'], { cwd: tmpdir() });
    expect(viaConfig.code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'out', 'latest', 'summary.json'), 'utf8')).totals.offlineFailures).toBe(1);
    const flagged = await runCli(['nightly', '--config', join(root, 'aamlog.json'), '--out', join(root, 'other'), '--timezone', 'UTC', '-q'], { cwd: repoRoot });
    expect(flagged.code).toBe(0);
    expect(existsSync(join(root, 'other', 'latest', 'summary.json'))).toBe(true);
  });

  it('exits 2 on a bad config and writes the example with --init, never over a file', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'bad.json'), '{"inputs":"logs"}');
    const bad = await runCli(['nightly', '--config', join(root, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('inputs: Invalid input: expected array, received string');
    const init = await runCli(['nightly', '--init', '--config', join(root, 'new.json')]);
    expect(init.code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'new.json'), 'utf8'))).toEqual(EXAMPLE_CONFIG);
    expect(readFileSync(join(repoRoot, 'samples', 'nightly', 'aamlog.json'), 'utf8')).toBe(readFileSync(join(root, 'new.json'), 'utf8'));
    expect((await runCli(['nightly', '--init', '--config', join(root, 'new.json')])).code).toBe(2);
  });
});
