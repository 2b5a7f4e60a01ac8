/** `aamlog analyze`: the command's options; the work is loaded only when it runs. */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import type { AnalyzeFlags } from './run-analyze.js';

// Required as CommonJS, as main.ts does (the module is loaded once).
const { Option } = createRequire(import.meta.url)('commander') as typeof import('commander');

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('read AM activity exports and report the users whose offline data does not download')
    .argument('<inputs...>', "files, folders (read recursively), quoted glob patterns such as 'archive/*.gz', or - for standard input")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'ndjson', 'html']).default('table'))
    .option('-z, --timezone <zone>', "the AM server's IANA time zone (AM logs carry none)", undefined)
    .option('--since <time>', 'only events at or after: YYYY-MM-DD, YYYY-MM-DDTHH:MM, ISO time, today, yesterday, Nd')
    .option('--until <time>', 'only events at or before (a bare date includes that whole day)')
    .option('--date <YYYY-MM-DD>', 'the day of syslog lines whose header and date were stripped (default: the file\'s modification day)')
    .option('-s, --snapshots <path>', 'policy snapshot file or folder (.json, .yaml) to diagnose the cause')
    .option('-u, --user <id>', "print one user's groups, every cause, evidence and remediation")
    .option('--strict', 'stop with exit status 2 at the first malformed record')
    .option('-q, --quiet', 'no progress display')
    .option('--fail-on-open', 'exit with status 1 when any user still fails (for scripts)')
    .option('--out <dir>', 'also write the reports as files: summary.json, failures.csv, index.md, users/<name>.md|json')
    .addHelpText(
      'after',
      `
Examples:
  $ aamlog analyze exports/ --timezone Europe/Berlin
  $ aamlog analyze exports/ 'archive/*.log.gz' - --since 7d
  $ aamlog analyze exports/ --format json > report.json
  $ aamlog analyze stripped.log --date 2026-11-27 --format ndjson | jq .userId

Inputs may be gzip-compressed (detected by content), UTF-8 or UTF-16 with a byte-order mark.`,
    )
    .action(async (inputs: string[], flags: AnalyzeFlags) => {
      const { runAnalyze } = await import('./run-analyze.js');
      await runAnalyze(inputs, flags);
    });
}
