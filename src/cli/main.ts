/**
 * The command line: parses options, wires the pipeline, maps errors to exit codes.
 * Exit status: 0 done; 1 a `--fail-on-...` finding; 2 bad usage or an input that could
 * not be read fully; 3 another nightly run holds the lock; 4 an internal error (a bug).
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { AamlogError } from '../errors.js';
import { toolVersion } from '../version.js';
import { registerAnalyze } from './analyze.js';
import { registerNightly } from './nightly.js';
import { registerSnapshot } from './snapshot.js';

// commander is CommonJS: required directly, it loads in half the time its ESM wrapper takes.
const { Command, CommanderError } = createRequire(import.meta.url)('commander') as typeof import('commander');

// Events the aggregator drops (it keeps the latest few per user) die in V8's old space;
// its default heap growth lets them pile up with the input's size. Growing by 20% keeps
// peak memory nearly flat from one to four times the input, for a few short collections.
setFlagsFromString('--heap-growing-percent=20');

const program = new Command('aamlog')
  .description(
    'Find RSA Authentication Manager "Offline Authentication Data Download Failed" events,\n' +
      'group them by user, agent and token, and name the likely cause and the fix.',
  )
  .version(toolVersion(), '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText(
    'after',
    `
Examples:
  $ aamlog analyze exports/ --timezone Europe/Berlin
  $ aamlog analyze exports/ 'archive/*.log.gz' - --format json > report.json

Exit status: 0 done; 1 findings with --fail-on-...; 2 bad usage or an input not read fully;
3 another nightly run holds the lock; 4 internal error.`,
  );

registerAnalyze(program);
registerNightly(program);
registerSnapshot(program);

// A reader that stops early (`| head`) is not an error: stop quietly as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof AamlogError) {
    process.stderr.write(`aamlog: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`aamlog: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 4;
}
