/**
 * `npm run bench` (issue 5): times `aamlog analyze --format json` on generated inputs, checks
 * its failure counts against the generator's, times what a user would run instead on the
 * same files, and prints the issue's targets as MET / NOT MET.
 *
 *   node bench/run.mjs [--size 500MB] [--runs 3] [--dir D] [--keep] [--only syslog,csv] [--skip-4x]
 *
 * Exit status 1 when an aamlog run fails or its counts differ from the generator's; targets
 * that are not met are reported, not failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import {
  FAILURE_ACTIVITY_TEXT,
  FAILURE_KEY,
  INPUT_KINDS,
  USER_FIELD_FOR_AWK,
  generateInputs,
  parseSize,
  readManifest,
  writeManifest,
  writeSyslog,
} from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'aamlog.js');
const TIME = '/usr/bin/time';
const QUADRUPLE_NAME = 'am-syslog-4x.log';
const VERSION_RUNS = 10;
const MB = 1e6;

const NODE_STREAM = "require('fs').createReadStream(process.argv[1]).on('data', () => {})";
const NODE_GUNZIP = "require('fs').createReadStream(process.argv[1]).pipe(require('zlib').createGunzip()).on('data', () => {})";

// ---------------------------------------------------------------- measuring

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function commandExists(name) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

/** GNU time's `-v` reports the peak resident set size; BusyBox's `time` has no `-v`. */
function gnuTimeWorks() {
  if (!existsSync(TIME)) return false;
  const probe = spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stderr.includes('Maximum resident set size');
}

/** VmHWM (the peak resident set) of a running process, in bytes; null once it is gone. */
async function readVmHwm(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs a command and returns its wall time, exit code, output and (when `measureMemory`)
 * its peak resident memory: from `/usr/bin/time -v` when it works, else by polling
 * /proc/<pid>/status while it runs (a lower bound if it peaks in its last milliseconds).
 */
function runCommand(argv, { measureMemory = false, gnuTime = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = measureMemory && gnuTime ? join(tmpdir(), `aamlog-bench-time-${process.pid}-${Date.now()}.txt`) : null;
    const command = timeFile ? [TIME, '-v', '-o', timeFile, ...argv] : argv;
    const started = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    let polledPeak = null;
    const poller =
      measureMemory && !timeFile
        ? setInterval(async () => {
            const peak = await readVmHwm(child.pid);
            if (peak !== null) polledPeak = Math.max(polledPeak ?? 0, peak);
          }, 10)
        : null;
    child.on('error', reject);
    child.on('close', async (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (poller) clearInterval(poller);
      let peakBytes = polledPeak;
      if (timeFile) {
        const report = await readFile(timeFile, 'utf8').catch(() => '');
        await rm(timeFile, { force: true });
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        peakBytes = m ? Number(m[1]) * 1024 : null;
      }
      resolvePromise({
        wallMs,
        code: code ?? (signal ? 128 : 1),
        signal,
        peakBytes,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Reads a file once, untimed, so every timed run finds it in the page cache. */
async function warmPageCache(path) {
  await pipeline(createReadStream(path), new Writable({ write: (_chunk, _encoding, done) => done() }));
}

// ---------------------------------------------------------------- formatting

const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const rate = (bytes, ms) => (bytes / MB) / (ms / 1000);
const count = (n) => n.toLocaleString('en-US');
const ratio = (value) => `${value.toFixed(2)}x`;
const plainTable = (head) => new Table({ head, style: { head: [], border: [] } });

function lastLines(text, n) {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-n).map((line) => `      | ${line}`).join('\n');
}

// ---------------------------------------------------------------- inputs

async function fileMatches(summary) {
  return Boolean(summary) && existsSync(summary.path) && statSync(summary.path).size === summary.bytes;
}

/** Generates what `dir` lacks (or holds for another size or seed) and returns the manifest. */
async function ensureInputs(dir, size, seed, kinds, withQuadruple) {
  const previous = await readManifest(dir);
  const manifest = previous && previous.size === size && previous.seed === seed ? previous : { size, seed, files: {} };
  const missing = [];
  for (const kind of kinds) if (!(await fileMatches(manifest.files[kind]))) missing.push(kind);
  const started = performance.now();
  if (missing.length > 0) {
    console.log(`Generating ${missing.join(', ')} (${megabytes(size)}${missing.length > 1 ? ' each' : ''}) in ${dir} ...`);
    Object.assign(manifest.files, (await generateInputs({ dir, size, seed, kinds: missing })).files);
  }
  if (withQuadruple && !(await fileMatches(manifest.files['syslog-4x']))) {
    console.log(`Generating the 4x syslog stream (${megabytes(4 * size)}) ...`);
    const { syslog } = await writeSyslog(resolve(join(dir, QUADRUPLE_NAME)), { size: 4 * size, seed });
    manifest.files['syslog-4x'] = { ...syslog, kind: 'syslog-4x' };
  }
  await writeManifest(dir, manifest);
  const generatedMs = performance.now() - started;
  if (generatedMs > 1000) console.log(`Generated in ${seconds(generatedMs)}.`);
  return manifest;
}

// ---------------------------------------------------------------- aamlog

/** The JSON report of a finished aamlog run, or why there is none. */
function readReport(result) {
  if (result.code !== 0) return { report: null, why: `exit status ${result.code}` };
  try {
    return { report: JSON.parse(result.stdout), why: null };
  } catch (error) {
    return { report: null, why: `its output is not JSON (${error.message})` };
  }
}

/** One `aamlog analyze` run on one input: its time, memory and counts, or why it failed. */
async function runAamlog(summary, gnuTime) {
  const argv = [process.execPath, CLI, 'analyze', summary.path, '--format', 'json', '--timezone', 'UTC'];
  const result = await runCommand(argv, { measureMemory: true, gnuTime });
  const { report, why } = readReport(result);
  if (!report) return { failed: why, stderr: result.stderr };
  return {
    wallMs: result.wallMs,
    peakBytes: result.peakBytes,
    records: report.inputs.reduce((sum, input) => sum + input.records, 0),
    offlineFailures: report.totals.offlineFailures,
  };
}

/** The median of aamlog's runs on one input, its counts checked against the generator's. */
function summarizeAamlog(summary, results, problems) {
  const failureCounts = [...new Set(results.map((r) => r.offlineFailures))];
  if (failureCounts.length !== 1 || failureCounts[0] !== summary.offlineFailures) {
    const message =
      `aamlog counted ${results.map((r) => r.offlineFailures).join(', ')} offline failures in the ${results.length} runs on ` +
      `${summary.kind}; the generator wrote ${summary.offlineFailures}`;
    problems.push(message);
    console.log(`\n  !!!!!!!! MISMATCH !!!!!!!!\n  !!! ${message}\n`);
  }
  const peaks = results.map((r) => r.peakBytes).filter((p) => p !== null);
  return {
    medianMs: median(results.map((r) => r.wallMs)),
    records: results[0].records,
    offlineFailures: results[0].offlineFailures,
    countsMatch: failureCounts.length === 1 && failureCounts[0] === summary.offlineFailures,
    peakBytes: peaks.length > 0 ? Math.max(...peaks) : null,
  };
}

// ---------------------------------------------------------------- what users run instead

/** Sums `uniq -c` / Miller count lines ("  12 jsmith", "jsmith 12"), for the sanity check. */
function sumCounts(output, countFirst) {
  let total = 0;
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const value = Number(countFirst ? fields[0] : fields.at(-1));
    if (line.trim() !== '' && Number.isInteger(value)) total += value;
  }
  return total;
}

const shell = (script, ...args) => ['sh', '-c', script, 'sh', ...args];

/** The comparisons for one input kind: what each runs, what it needs and what it counts. */
function comparisonsFor(kind, path) {
  const perUser = (field) => `grep -F "$1" "$2" | awk -F, '{print $${field}}' | sort | uniq -c`;
  switch (kind) {
    case 'syslog':
    case 'audit':
      return [
        { id: 'node', label: 'node: stream the file, discard', tools: [], argv: [process.execPath, '-e', NODE_STREAM, path] },
        {
          id: 'grep',
          label: `grep -cF ${FAILURE_KEY}`,
          tools: ['grep'],
          argv: shell('grep -cF "$1" "$2"', FAILURE_KEY, path),
          okCodes: [0, 1],
          counted: (out) => Number(out.trim()),
        },
        {
          id: 'per-user',
          label: 'grep | awk | sort | uniq -c (failures per user)',
          tools: ['grep', 'awk', 'sort', 'uniq'],
          argv: shell(perUser(USER_FIELD_FOR_AWK[kind]), FAILURE_KEY, path),
          counted: (out) => sumCounts(out, true),
        },
      ];
    case 'csv':
      return [
        { id: 'node', label: 'node: stream the file, discard', tools: [], argv: [process.execPath, '-e', NODE_STREAM, path] },
        {
          id: 'grep',
          label: `grep -cF '${FAILURE_ACTIVITY_TEXT}'`,
          tools: ['grep'],
          argv: shell('grep -cF "$1" "$2"', FAILURE_ACTIVITY_TEXT, path),
          okCodes: [0, 1],
          counted: (out) => Number(out.trim()),
        },
        {
          id: 'mlr',
          label: 'mlr filter then count-distinct -f "User ID" (failures per user)',
          tools: ['mlr'],
          argv: shell(
            'mlr --icsv --opprint filter "\\${Activity Key} == \\"$1\\"" then count-distinct -f "User ID" then sort -nr count "$2"',
            FAILURE_ACTIVITY_TEXT,
            path,
          ),
          counted: (out) => sumCounts(out, false),
        },
      ];
    case 'gzip':
      return [
        { id: 'node', label: 'node: gunzip stream, discard', tools: [], argv: [process.execPath, '-e', NODE_GUNZIP, path] },
        { id: 'zcat', label: 'zcat > /dev/null', tools: ['zcat'], argv: shell('zcat "$1" > /dev/null', path) },
        {
          id: 'per-user',
          label: 'zcat | grep | awk | sort | uniq -c (failures per user)',
          tools: ['zcat', 'grep', 'awk', 'sort', 'uniq'],
          argv: shell(`zcat "$2" | grep -F "$1" | awk -F, '{print $${USER_FIELD_FOR_AWK.syslog}}' | sort | uniq -c`, FAILURE_KEY, path),
          counted: (out) => sumCounts(out, true),
        },
      ];
    default:
      return [];
  }
}

/** One run of a comparison: its time and output, or why it is skipped. */
async function runComparison(comparison) {
  const result = await runCommand(comparison.argv);
  if (!(comparison.okCodes ?? [0]).includes(result.code)) {
    return { skipped: `failed with exit status ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}` };
  }
  return { wallMs: result.wallMs, output: result.stdout };
}

/**
 * aamlog and the comparisons, `runs` rounds of each once: this host's speed drifts by tens
 * of percent from one minute to the next, and rounds expose every command to the same drift.
 * aamlog's summary is null once a run fails; a comparison that fails or is not installed is
 * skipped.
 */
async function benchRounds(summary, comparisonList, runs, gnuTime, problems) {
  const tallies = comparisonList.map((comparison) => {
    const missing = comparison.tools.filter((tool) => !commandExists(tool));
    return { comparison, skipped: missing.length > 0 ? `${missing.join(', ')} not installed` : null, times: [], output: '' };
  });
  const aamlogRuns = [];
  let aamlogFailed = false;
  for (let run = 1; run <= runs; run++) {
    if (!aamlogFailed) {
      const result = await runAamlog(summary, gnuTime);
      if (result.failed) {
        aamlogFailed = true;
        problems.push(`aamlog failed on ${summary.kind}: ${result.failed}`);
        console.log(`  !!! aamlog run ${run} on ${summary.kind} FAILED: ${result.failed}. Its stderr ends:\n${lastLines(result.stderr, 20)}`);
      } else {
        aamlogRuns.push(result);
      }
    }
    for (const tally of tallies) {
      if (tally.skipped) continue;
      const result = await runComparison(tally.comparison);
      if (result.skipped) {
        tally.skipped = result.skipped;
        continue;
      }
      tally.times.push(result.wallMs);
      tally.output = result.output;
    }
  }
  const comparisons = Object.fromEntries(
    tallies.map(({ comparison, skipped, times, output }) => [
      comparison.id,
      skipped ? { skipped } : { medianMs: median(times), counted: comparison.counted ? comparison.counted(output) : null },
    ]),
  );
  return { aamlog: aamlogFailed ? null : summarizeAamlog(summary, aamlogRuns, problems), comparisons };
}

// ---------------------------------------------------------------- one input

const DESCRIPTIONS = {
  syslog: 'syslog stream, every envelope mixed',
  audit: 'appliance audit file with stack traces',
  csv: 'report CSV, quoted multi-line descriptions',
  gzip: "gzip'd syslog stream",
};

async function benchInput(summary, runs, gnuTime, problems) {
  const bytes = summary.uncompressedBytes ?? summary.bytes;
  console.log(`\n== ${summary.kind}: ${DESCRIPTIONS[summary.kind]} (${summary.path})`);
  console.log(
    `   ${megabytes(bytes)}${summary.uncompressedBytes ? ` uncompressed, ${megabytes(summary.bytes)} compressed` : ''}, ` +
      `${count(summary.records)} records, ${count(summary.offlineFailures)} offline failures written`,
  );
  await warmPageCache(summary.path);
  const comparisonList = comparisonsFor(summary.kind, summary.path);
  const { aamlog, comparisons } = await benchRounds(summary, comparisonList, runs, gnuTime, problems);
  const rateNote = summary.uncompressedBytes ? ' (uncompressed)' : '';
  const table = plainTable(['command', 'median time', `MB/s${rateNote}`, 'failures counted', 'aamlog speed ÷ its speed']);
  if (aamlog) {
    console.log(
      `   aamlog: ${count(aamlog.records)} records (${count(Math.round(aamlog.records / (aamlog.medianMs / 1000)))}/s), ` +
        `peak memory ${aamlog.peakBytes === null ? 'unknown' : megabytes(aamlog.peakBytes)}, ` +
        `offline failures ${aamlog.countsMatch ? `${count(aamlog.offlineFailures)} in every run, as written` : 'MISMATCH (see above)'}`,
    );
    table.push(['aamlog analyze --format json', seconds(aamlog.medianMs), rate(bytes, aamlog.medianMs).toFixed(0), count(aamlog.offlineFailures), '']);
  }
  for (const comparison of comparisonList) {
    const result = comparisons[comparison.id];
    if (result.skipped) {
      table.push([comparison.label, { colSpan: 4, content: `skipped: ${result.skipped}` }]);
      continue;
    }
    const counted = result.counted === null ? '' : `${count(result.counted)}${result.counted === summary.offlineFailures ? '' : ' (differs from the generator!)'}`;
    table.push([
      comparison.label,
      seconds(result.medianMs),
      rate(bytes, result.medianMs).toFixed(0),
      counted,
      aamlog ? ratio(result.medianMs / aamlog.medianMs) : '',
    ]);
  }
  console.log(table.toString());
  return { summary, bytes, aamlog, comparisons };
}

// ---------------------------------------------------------------- targets

const target = (name, figure, met) => [name, met ? 'MET' : 'NOT MET', figure];
const skipped = (name, reason) => [name, 'SKIPPED', reason];

/** The issue's targets, each MET / NOT MET with its figure, or SKIPPED with the reason. */
function targetRows(byKind, quadruple, versionMs) {
  const rows = [];
  const aamlogOf = (kind) => byKind[kind]?.aamlog ?? null;
  const timeOf = (kind, id) => byKind[kind]?.comparisons[id]?.medianMs ?? null;
  const absent = (kind) => (byKind[kind] ? 'aamlog failed' : `${kind} not run (--only)`);

  const syslog = aamlogOf('syslog');
  if (syslog) {
    const speed = rate(byKind.syslog.bytes, syslog.medianMs);
    rows.push(target('syslog >= 400 MB/s', `${speed.toFixed(0)} MB/s`, speed >= 400));
    const node = timeOf('syslog', 'node');
    rows.push(
      node === null
        ? skipped('syslog <= 3x the time of Node streaming the file', 'node baseline failed')
        : target('syslog <= 3x the time of Node streaming the file', `${ratio(syslog.medianMs / node)} Node's time`, syslog.medianMs <= 3 * node),
    );
  } else {
    rows.push(skipped('syslog >= 400 MB/s', absent('syslog')), skipped('syslog <= 3x the time of Node streaming the file', absent('syslog')));
  }

  const csv = aamlogOf('csv');
  if (csv) {
    const speed = rate(byKind.csv.bytes, csv.medianMs);
    rows.push(target('report CSV >= 150 MB/s', `${speed.toFixed(0)} MB/s`, speed >= 150));
    const miller = byKind.csv.comparisons.mlr;
    rows.push(
      miller?.medianMs === undefined
        ? skipped("report CSV >= 4x Miller's speed", `Miller: ${miller?.skipped ?? 'not run'}`)
        : target("report CSV >= 4x Miller's speed", `${ratio(miller.medianMs / csv.medianMs)} Miller's speed`, miller.medianMs >= 4 * csv.medianMs),
    );
  } else {
    rows.push(skipped('report CSV >= 150 MB/s', absent('csv')), skipped("report CSV >= 4x Miller's speed", absent('csv')));
  }

  const gzip = aamlogOf('gzip');
  const zcat = byKind.gzip?.comparisons.zcat;
  if (gzip && zcat?.medianMs !== undefined) {
    rows.push(target("gzip'd syslog >= 80% of zcat's speed", `${(100 * zcat.medianMs / gzip.medianMs).toFixed(0)}% of zcat's speed`, zcat.medianMs >= 0.8 * gzip.medianMs));
  } else {
    rows.push(skipped("gzip'd syslog >= 80% of zcat's speed", gzip ? `zcat ${zcat?.skipped ?? 'not run'}` : absent('gzip')));
  }

  const peaks = [...Object.values(byKind).map((r) => r.aamlog?.peakBytes), quadruple?.peakBytes].filter((p) => typeof p === 'number');
  rows.push(
    peaks.length === 0
      ? skipped('peak memory < 150 MB', 'no aamlog run measured')
      : target('peak memory < 150 MB', `${megabytes(Math.max(...peaks))} (largest of all runs)`, Math.max(...peaks) < 150 * MB),
  );
  if (syslog?.peakBytes && quadruple?.peakBytes) {
    const growth = quadruple.peakBytes / syslog.peakBytes - 1;
    rows.push(
      target(
        '4x input peak memory within 10% of 1x',
        `${megabytes(quadruple.peakBytes)} vs ${megabytes(syslog.peakBytes)} (${growth >= 0 ? '+' : ''}${(100 * growth).toFixed(1)}%)`,
        growth <= 0.1,
      ),
    );
  } else {
    rows.push(skipped('4x input peak memory within 10% of 1x', quadruple === undefined ? '--skip-4x or syslog not run' : 'a run failed or memory unknown'));
  }

  rows.push(
    versionMs === null
      ? skipped('aamlog --version < 150 ms', '--version failed')
      : target('aamlog --version < 150 ms', `${versionMs.toFixed(0)} ms (median of ${VERSION_RUNS})`, versionMs < 150),
  );
  return rows;
}

// ---------------------------------------------------------------- main

/**
 * Medians of `aamlog --version` and, run in turn with it, of Node starting and exiting: this
 * host's start-up drifts by tens of milliseconds, and the pair shows what aamlog adds.
 */
async function timeVersion(problems) {
  const times = [];
  const nodeTimes = [];
  for (let run = 0; run < VERSION_RUNS; run++) {
    const result = await runCommand([process.execPath, CLI, '--version']);
    if (result.code !== 0) {
      problems.push(`aamlog --version failed with exit status ${result.code}`);
      console.log(`  !!! aamlog --version FAILED (exit status ${result.code}). Its stderr ends:\n${lastLines(result.stderr, 20)}`);
      return null;
    }
    times.push(result.wallMs);
    nodeTimes.push((await runCommand([process.execPath, '-e', ''])).wallMs);
  }
  return { ms: median(times), nodeMs: median(nodeTimes) };
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '500MB' },
      runs: { type: 'string', default: '3' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      'skip-4x': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
    },
  });
  const kinds = values.only ? values.only.split(',').map((k) => k.trim()).filter(Boolean) : INPUT_KINDS;
  const unknown = kinds.filter((k) => !INPUT_KINDS.includes(k));
  if (unknown.length > 0) throw new Error(`--only: unknown input(s) ${unknown.join(', ')}; known: ${INPUT_KINDS.join(', ')}`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs '${values.runs}' is not a positive whole number`);
  return { size: parseSize(values.size), runs, dir: values.dir, keep: values.keep, kinds, skipQuadruple: values['skip-4x'], seed: Number(values.seed) };
}

async function main() {
  const options = parseOptions();
  const dir = options.dir ? resolve(options.dir) : await mkdtemp(join(tmpdir(), 'aamlog-bench-'));
  const problems = [];
  try {
    const withQuadruple = !options.skipQuadruple && options.kinds.includes('syslog');
    const manifest = await ensureInputs(dir, options.size, options.seed, options.kinds, withQuadruple);
    const gnuTime = gnuTimeWorks();
    console.log(`Peak memory from ${gnuTime ? `${TIME} -v` : 'polling /proc/<pid>/status VmHWM'}; ${options.runs} run(s) each, median shown; MB = 10^6 bytes.`);

    const byKind = {};
    for (const kind of options.kinds) byKind[kind] = await benchInput(manifest.files[kind], options.runs, gnuTime, problems);

    let quadruple;
    if (withQuadruple) {
      const summary = manifest.files['syslog-4x'];
      console.log(`\n== syslog at 4x the size (${summary.path}): ${megabytes(summary.bytes)}, ${count(summary.offlineFailures)} offline failures written`);
      await warmPageCache(summary.path);
      quadruple = (await benchRounds(summary, [], options.runs, gnuTime, problems)).aamlog;
      const oneX = byKind.syslog.aamlog;
      if (quadruple) {
        console.log(
          `   median ${seconds(quadruple.medianMs)}, ${rate(summary.bytes, quadruple.medianMs).toFixed(0)} MB/s, ` +
            `peak memory ${quadruple.peakBytes === null ? 'unknown' : megabytes(quadruple.peakBytes)} ` +
            `(1x: ${oneX?.peakBytes ? megabytes(oneX.peakBytes) : 'unknown'})`,
        );
      }
    }

    console.log('\n== aamlog --version');
    const version = await timeVersion(problems);
    const versionMs = version?.ms ?? null;
    if (version !== null) {
      console.log(`   median of ${VERSION_RUNS}: ${version.ms.toFixed(0)} ms (Node starting and exiting, run in turn: ${version.nodeMs.toFixed(0)} ms)`);
    }

    const targets = plainTable(['target (issue 5)', 'result', 'figure']);
    for (const row of targetRows(byKind, quadruple, versionMs)) targets.push(row);
    console.log(`\n== Targets (${megabytes(options.size)} inputs)\n${targets.toString()}`);
  } finally {
    if (options.keep || options.dir) console.log(`\nInputs kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.log(`\nFAILED: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
