/** `aamlog nightly`: settings from config and flags, the job, one line on what it did. */
import { access, writeFile } from 'node:fs/promises';
import { AamlogError } from '../errors.js';
import { exampleConfigText, loadConfig, settingsFrom, type NightlyConfig } from '../nightly/config.js';
import { runNightlyJob } from '../nightly/job.js';
import { assertTimeZone, machineTimeZone } from '../time.js';
import { InputMessages, inputReporting } from './messages.js';
import { ProgressLine } from './progress.js';

export interface NightlyFlags {
  config?: string;
  init?: boolean;
  snapshots?: string;
  out?: string;
  state?: string;
  timezone?: string;
  retainDays?: string;
  failOnNew?: boolean;
  quiet?: boolean;
}

export async function runNightly(inputs: string[], flags: NightlyFlags): Promise<void> {
  if (flags.init) return writeExampleConfig(flags.config);
  const started = Date.now();
  const config = flags.config === undefined ? {} : await loadConfig(flags.config);
  const settings = settingsFrom(config, flagSettings(inputs, flags), machineTimeZone());
  assertTimeZone(settings.timezone);

  const messages = new InputMessages((text) => process.stderr.write(text));
  const progress = !flags.quiet && process.stderr.isTTY ? new ProgressLine(process.stderr) : null;
  const outcome = await runNightlyJob(settings, inputReporting(messages, progress)).finally(() => progress?.stop());
  messages.finish();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `aamlog: nightly: ${outcome.files} file(s), ${(outcome.bytesRead / 1e6).toFixed(1)} MB read, ` +
      `${outcome.newFailures} new failure(s), ${outcome.report.totals.openUsers} open user(s); ` +
      `reports in ${outcome.folder} (${seconds} s)\n`,
  );
  if (outcome.inputProblems) process.exitCode = 2;
  else if (flags.failOnNew && outcome.openUsersWithNew > 0) process.exitCode = 1;
}

function flagSettings(inputs: string[], flags: NightlyFlags): NightlyConfig {
  let retainDays: number | undefined;
  if (flags.retainDays !== undefined) {
    retainDays = Number(flags.retainDays);
    if (!/^\d+$/.test(flags.retainDays) || retainDays < 1 || retainDays > 3650) {
      throw new AamlogError(`--retain-days '${flags.retainDays}' is not a number of days from 1 to 3650`);
    }
  }
  return {
    inputs: inputs.length > 0 ? inputs : undefined,
    snapshots: flags.snapshots,
    out: flags.out,
    state: flags.state,
    timezone: flags.timezone,
    retainDays,
  };
}

/** `--init`: the example config, to --config FILE (never over an existing file) or standard output. */
async function writeExampleConfig(path: string | undefined): Promise<void> {
  if (path === undefined) {
    process.stdout.write(exampleConfigText());
    return;
  }
  if (await access(path).then(() => true, () => false)) {
    throw new AamlogError(`${path} exists already: aamlog nightly --init does not overwrite a config`);
  }
  await writeFile(path, exampleConfigText(), { flag: 'wx' });
  process.stderr.write(`aamlog: wrote an example config to ${path}; edit it, then run aamlog nightly --config ${path}\n`);
}
