/** `aamlog analyze`: wires the pipeline to the terminal. */
import { reportFromAnalysis } from '../analysis-report.js';
import { AamlogError } from '../errors.js';
import { renderJson, renderNdjsonEvent } from '../render/json.js';
import { assertTimeZone, machineTimeZone, parseTimeBound } from '../time.js';
import { analyze } from '../analyze.js';
import { InputMessages, inputReporting } from './messages.js';
import { ProgressLine } from './progress.js';

export interface AnalyzeFlags {
  format: 'table' | 'json' | 'ndjson' | 'html';
  snapshots?: string;
  user?: string;
  timezone?: string;
  since?: string;
  until?: string;
  date?: string;
  strict?: boolean;
  quiet?: boolean;
  failOnOpen?: boolean;
  /** Also write the report as a folder of files (summary.json, failures.csv, Markdown). */
  out?: string;
}

export async function runAnalyze(inputs: string[], flags: AnalyzeFlags): Promise<void> {
  const zone = assertTimeZone(flags.timezone ?? machineTimeZone());
  const now = Date.now();
  const sinceMs = flags.since === undefined ? undefined : parseTimeBound(flags.since, zone, 'since', now);
  const untilMs = flags.until === undefined ? undefined : parseTimeBound(flags.until, zone, 'until', now);
  const date = flags.date === undefined ? null : parseDateFlag(flags.date);
  // Snapshots are checked before any input is read: a bad one stops the run (exit 2).
  // Renderers, the snapshot loader and the report writer load only when asked for: a
  // nightly `--format json` run should not pay for YAML, zod and table drawing at start.
  const snapshots = flags.snapshots === undefined ? [] : await (await import('../snapshots/load.js')).loadSnapshots(flags.snapshots);
  const machineReadable = flags.format !== 'table';
  const messages = new InputMessages((text) => process.stderr.write(text));
  const progress = !flags.quiet && !machineReadable && process.stderr.isTTY ? new ProgressLine(process.stderr) : null;
  const analysis = await analyze(
    { inputs, zone, sinceMs, untilMs, date, strict: flags.strict, stdin: process.stdin },
    {
      onEvent: flags.format === 'ndjson' ? (event) => process.stdout.write(renderNdjsonEvent(event)) : undefined,
      ...inputReporting(messages, progress),
    },
  ).finally(() => progress?.stop());
  messages.finish();

  const report = reportFromAnalysis({ ...analysis, snapshots, generatedAtMs: now, sinceMs, untilMs });
  if (flags.out !== undefined) await (await import('../out/report-folder.js')).writeReportFolder(flags.out, report);
  if (flags.format === 'json') process.stdout.write(renderJson(report));
  if (flags.format === 'html') process.stdout.write((await import('../render/html.js')).renderHtml(report));
  if (flags.format === 'table') {
    if (flags.user === undefined) process.stdout.write((await import('../render/table.js')).renderTable(report));
    else {
      const user = report.users.find((u) => u.userId.toLowerCase() === flags.user!.toLowerCase());
      if (!user) throw new AamlogError(`no offline download failures for user '${flags.user}' in these inputs`);
      process.stdout.write((await import('../render/user-detail.js')).renderUserDetail(user));
    }
  }

  if (analysis.inputs.some((input) => input.errors.length > 0)) process.exitCode = 2;
  else if (flags.failOnOpen && report.totals.openUsers > 0) process.exitCode = 1;
}

function parseDateFlag(text: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new AamlogError(`--date '${text}' is not a date: use YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}
