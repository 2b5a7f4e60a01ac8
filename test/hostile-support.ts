/** Runs the real CLI on hostile inputs and reads what a user sees: stderr, exit status, JSON report. */
import { spawn, type SpawnOptions } from 'node:child_process';
import type { Report } from '../src/report.js';
import { fixture, repoRoot } from './support/cli.js';

export const hostile = (name: string) => fixture(`hostile/${name}`);

export interface HostileRun {
  code: number | null;
  stderr: string;
  report: Report;
  /** Peak resident memory of the aamlog process in MB. */
  peakMb: number;
}

/** A preload that reports the process's peak memory on stderr as it exits (pipes write synchronously). */
const REPORT_PEAK = "data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kb='+process.resourceUsage().maxRSS+'\\n'))";

/** `aamlog analyze <inputs> --format json --timezone UTC`, optionally as another user. */
export function analyzeHostile(inputs: string[], extra: string[] = [], options: SpawnOptions = {}): Promise<HostileRun> {
  return new Promise((resolve, reject) => {
    const args = [`--import=${REPORT_PEAK}`, `${repoRoot}bin/aamlog.js`, 'analyze', ...inputs, '--format', 'json', '--timezone', 'UTC', ...extra];
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, TZ: 'UTC' }, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderrAll = Buffer.concat(err).toString('utf8');
      const peak = /peak-rss-kb=(\d+)\n$/.exec(stderrAll);
      resolve({
        code,
        stderr: peak ? stderrAll.slice(0, peak.index) : stderrAll,
        report: JSON.parse(Buffer.concat(out).toString('utf8')) as Report,
        peakMb: peak ? Number(peak[1]) / 1024 : NaN,
      });
    });
  });
}

/** The counts of one input as the JSON report gives them. */
export function countsOf(input: Report['inputs'][number]) {
  const { format, lines, records, otherLines, malformed, offlineFailures, errors, notes } = input;
  return { format, lines, records, otherLines, malformed, offlineFailures, errors, notes };
}

/** Each user with failures: id, failures, open or resolved. */
export const usersOf = (report: Report) => report.users.map((u) => [u.userId, u.failures, u.status]);
