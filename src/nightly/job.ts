/**
 * One nightly run: lock, read what earlier runs have not, add it to the kept history,
 * diagnose, publish the reports, and only then save the new state. Terminal-free: the CLI
 * shows progress through the hooks and prints the outcome.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { Aggregator } from '../aggregate.js';
import { AamlogError } from '../errors.js';
import { analyze, type AnalyzeHooks } from '../analyze.js';
import { reportFromAnalysis } from '../analysis-report.js';
import type { Report } from '../report.js';
import { loadSnapshots } from '../snapshots/load.js';
import { ZonePlacer } from '../time.js';
import { CheckpointBook } from './checkpoints.js';
import type { NightlySettings } from './config.js';
import { crashPoint, pausePoint } from './crash-points.js';
import { acquireLock } from './lock.js';
import { publishReports } from './publish.js';
import { loadState, pruneAggregatorState, saveState } from './state.js';


export interface NightlyOutcome {
  report: Report;
  /** OUT/YYYY-MM-DD of this run. */
  folder: string;
  files: number;
  bytesRead: number;
  /** Failures first seen in this run, over all users. */
  newFailures: number;
  /** Open users with failures first seen in this run (`--fail-on-new`). */
  openUsersWithNew: number;
  /** Some input could not be read fully. */
  inputProblems: boolean;
}

export async function runNightlyJob(settings: NightlySettings, hooks: AnalyzeHooks, nowMs = Date.now()): Promise<NightlyOutcome> {
  const placer = new ZonePlacer(settings.timezone);
  await mkdir(dirname(settings.state), { recursive: true });
  const lock = await acquireLock(`${settings.state}.lock`, placer.iso(nowMs));
  try {
    crashPoint('locked');
    await pausePoint('locked');
    return await locked(settings, hooks, nowMs, placer);
  } finally {
    await lock.release();
  }
}

async function locked(settings: NightlySettings, hooks: AnalyzeHooks, nowMs: number, placer: ZonePlacer): Promise<NightlyOutcome> {
  const previous = await loadState(settings.state);
  if (previous && previous.timezone !== settings.timezone) {
    throw new AamlogError(
      `state ${settings.state} was kept in time zone ${previous.timezone}, not ${settings.timezone}: ` +
        'keep the zone, or start a new state file',
    );
  }
  const snapshots = settings.snapshots === null ? [] : await loadSnapshots(settings.snapshots);
  const { cutoffMs, firstKeptDay } = keptHistory(nowMs, settings.retainDays, placer);
  const kept = previous ? pruneAggregatorState(previous.aggregator, cutoffMs) : null;
  const aggregator = kept ? Aggregator.fromState(kept, placer) : new Aggregator(placer);
  const failuresBefore = failuresByUser(kept?.groups ?? []);
  const book = new CheckpointBook(previous?.checkpoints ?? []);

  const analysis = await analyze(
    { inputs: settings.inputs, zone: settings.timezone, sinceMs: cutoffMs, stdin: process.stdin, aggregator, resume: book },
    {
      ...hooks,
      onInputDone(summary, position) {
        if (position) book.finish(summary.path, position, nowMs);
        hooks.onInputDone?.(summary, position);
        crashPoint('input-read');
      },
    },
  );

  const report = reportFromAnalysis({ aggregator, placer, inputs: analysis.inputs, snapshots, generatedAtMs: nowMs });
  let newFailures = 0;
  let openUsersWithNew = 0;
  for (const user of report.users) {
    user.newFailures = Math.max(0, user.failures - (failuresBefore.get(user.userId.toLowerCase()) ?? 0));
    newFailures += user.newFailures;
    if (user.newFailures > 0 && user.status === 'open') openUsersWithNew++;
  }
  const folder = await publishReports(settings.out, placer.day(nowMs), report, firstKeptDay);
  crashPoint('reports-published');
  await saveState(settings.state, {
    format: 'aamlog-nightly-state',
    version: 1,
    timezone: settings.timezone,
    updatedAt: placer.iso(nowMs),
    checkpoints: book.toList(cutoffMs),
    aggregator: pruneAggregatorState(aggregator.toState(), cutoffMs),
  });
  crashPoint('state-saved');
  return {
    report,
    folder,
    files: analysis.inputs.length,
    bytesRead: analysis.bytesRead,
    newFailures,
    openUsersWithNew,
    inputProblems: analysis.inputs.some((input) => input.errors.length > 0),
  };
}

/** The run's day and the `retainDays - 1` days before it are kept; this is where that begins. */
export function keptHistory(nowMs: number, retainDays: number, placer: ZonePlacer): { cutoffMs: number; firstKeptDay: string } {
  const [year, month, day] = placer.day(nowMs).split('-').map(Number);
  const cutoffMs = new TZDate(year, month - 1, day - (retainDays - 1), 0, 0, 0, 0, placer.zone).getTime();
  return { cutoffMs, firstKeptDay: placer.day(cutoffMs) };
}

function failuresByUser(groups: { userId: string; failures: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const group of groups) {
    const user = group.userId.toLowerCase();
    totals.set(user, (totals.get(user) ?? 0) + group.failures);
  }
  return totals;
}
