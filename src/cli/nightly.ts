/** `aamlog nightly`: the command's options; the work is loaded only when it runs. */
import type { Command } from 'commander';
import type { NightlyFlags } from './run-nightly.js';

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description('read what arrived since the last run, keep the history, and write the morning reports (for cron or systemd)')
    .argument('[inputs...]', "files, folders or quoted glob patterns such as 'exports/*.log*' (default: the config's inputs)")
    .option('-c, --config <file>', 'JSON config naming inputs, snapshots, out, state, timezone and retainDays')
    .option('--init', 'write an example config to --config FILE (or standard output) and stop')
    .option('--snapshots <path>', 'policy snapshot file or folder')
    .option('--out <dir>', 'report folder: each run writes OUT/YYYY-MM-DD and points OUT/latest at it')
    .option('--state <file>', 'where the job keeps what it has read and the failures it has counted')
    .option('-z, --timezone <zone>', "the AM server's IANA time zone (AM logs carry none)")
    .option('--retain-days <days>', 'days of history kept in the reports (default 30)')
    .option('--fail-on-new', 'exit with status 1 when this run found new failures of users still failing')
    .option('-q, --quiet', 'no progress display')
    .addHelpText(
      'after',
      `
Examples:
  $ aamlog nightly --config /etc/aamlog/aamlog.json --fail-on-new
  $ aamlog nightly 'exports/*.log*' --snapshots snaps/ --out reports/ --state aamlog-state.json --timezone Europe/Berlin
  $ aamlog nightly --init --config /etc/aamlog/aamlog.json

A flag wins over the config key of the same meaning. Exit status: 0 done; 1 new failures
with --fail-on-new; 2 bad config or an input not read fully; 3 another run holds the lock.`,
    )
    .action(async (inputs: string[], flags: NightlyFlags) => {
      const { runNightly } = await import('./run-nightly.js');
      await runNightly(inputs, flags);
    });
}
