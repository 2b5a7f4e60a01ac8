/**
 * The ingest pipeline over every input: read -> detect -> parse -> normalise -> aggregate.
 * It reports through callbacks and knows nothing of terminals.
 */
import type { Readable } from 'node:stream';
import { Aggregator } from './aggregate.js';
import { AamlogError } from './errors.js';
import { ingestInput, type IngestedInput, type ResumeOptions } from './ingest.js';
import type { AmEvent, AmRecord, EventKind, Malformed } from './model.js';
import { toEvent } from './normalise.js';
import type { DeferredProblem } from './parse/types.js';
import { expandInputs } from './read/inputs.js';
import type { ReportInput } from './report.js';
import { ZonePlacer } from './time.js';

export interface AnalyzeOptions {
  inputs: string[];
  zone: string;
  /** Inclusive window bounds in epoch ms. */
  sinceMs?: number;
  untilMs?: number;
  date?: { year: number; month: number; day: number } | null;
  /** Any malformed record stops the run. */
  strict?: boolean;
  stdin: Readable;
  /** Continue from an earlier run's groups (the nightly job). */
  aggregator?: Aggregator;
  /** Read each input only past what earlier runs read (the nightly job). */
  resume?: ResumeOptions;
}

export interface AnalyzeHooks {
  /** Every event kept, in reading order (for `--format ndjson`). */
  onEvent?(event: AmEvent): void;
  onMalformed?(problem: Malformed): void;
  onInputStart?(path: string, index: number, total: number): void;
  /** `position`: how far the input is now read, when reading resumes (`resume`). */
  onInputDone?(summary: ReportInput, position?: IngestedInput['position']): void;
  onBytes?(bytes: number): void;
}

export interface Analysis {
  inputs: ReportInput[];
  aggregator: Aggregator;
  placer: ZonePlacer;
  /** Raw bytes read over all inputs. */
  bytesRead: number;
}

export async function analyze(options: AnalyzeOptions, hooks: AnalyzeHooks = {}): Promise<Analysis> {
  const placer = new ZonePlacer(options.zone);
  const aggregator = options.aggregator ?? new Aggregator(placer);
  const { inputs, problems } = await expandInputs(options.inputs);
  const summaries: ReportInput[] = problems.map((problem) => ({
    path: problem.path,
    format: null,
    lines: 0,
    records: 0,
    otherLines: 0,
    malformed: 0,
    offlineFailures: 0,
    errors: [problem.reason],
    notes: [],
  }));
  summaries.forEach((summary) => hooks.onInputDone?.(summary));
  let bytesRead = 0;
  const inWindow = (epochMs: number) =>
    (options.sinceMs === undefined || epochMs >= options.sinceMs) && (options.untilMs === undefined || epochMs <= options.untilMs);
  for (const [index, ref] of inputs.entries()) {
    hooks.onInputStart?.(ref.path, index, inputs.length);
    let offlineFailures = 0;
    const { summary, bytesRead: bytes, position } = await ingestInput(
      ref,
      {
        record(record: AmRecord) {
          const event = toEvent(record as AmRecord & { kind: EventKind }, placer);
          if (!inWindow(event.epochMs)) return;
          if (event.kind === 'offline-download-failed') offlineFailures++;
          aggregator.add(event);
          hooks.onEvent?.(event);
        },
        // Every event is wanted when each one is handed on (ndjson).
        deferred: hooks.onEvent
          ? undefined
          : (problem: DeferredProblem) => {
              const epochMs = placer.epochMs(problem.localTime);
              return !inWindow(epochMs) || aggregator.addDeferred(problem, epochMs);
            },
        malformed(problem: Malformed) {
          if (options.strict) {
            throw new AamlogError(`${problem.source.file}:${problem.source.line}: ${problem.reason} (--strict stops at the first malformed record)`);
          }
          hooks.onMalformed?.(problem);
        },
      },
      { zone: options.zone, date: options.date ?? null, stdin: options.stdin, onBytes: hooks.onBytes, resume: options.resume },
    );
    summary.offlineFailures = offlineFailures;
    bytesRead += bytes;
    summaries.push(summary);
    hooks.onInputDone?.(summary, position);
  }
  return { inputs: summaries, aggregator, placer, bytesRead };
}
