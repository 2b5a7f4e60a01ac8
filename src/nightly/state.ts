/**
 * The nightly job's memory between runs: the checkpoints and the accumulated failure
 * groups. It is replaced atomically, and only once a run's reports are complete: a run
 * killed earlier leaves the previous state, and the next run reads the same data again.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AggregatorState } from '../aggregate.js';
import { AamlogError, describeSystemError } from '../errors.js';
import { writeFileAtomic } from '../out/atomic.js';
import type { Checkpoint } from './checkpoints.js';

export interface NightlyState {
  format: 'aamlog-nightly-state';
  version: 1;
  /** Events were placed in this zone; a state is never continued in another. */
  timezone: string;
  updatedAt: string;
  checkpoints: Checkpoint[];
  aggregator: AggregatorState;
}

const count = z.number().int().min(0);
const event = z.looseObject({ epochMs: z.number(), kind: z.string() });
const stateSchema = z.object({
  format: z.literal('aamlog-nightly-state'),
  version: z.literal(1),
  timezone: z.string(),
  updatedAt: z.string(),
  checkpoints: z.array(
    z.object({
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      fingerprintBytes: count,
      bytes: count,
      lines: count,
      path: z.string(),
      lastSeenMs: z.number(),
    }),
  ),
  aggregator: z.object({
    version: z.literal(1),
    groups: z.array(
      z.object({
        key: z.string(),
        userId: z.string(),
        userDomain: z.string().nullable(),
        agent: z.string().nullable(),
        agentIp: z.string().nullable(),
        token: z.string().nullable(),
        failures: count,
        firstMs: z.number(),
        lastMs: z.number(),
        errors: z.record(z.string(), count),
        // States saved before the timeline have no hours: their failures so far stay off the
        // chart (they still count everywhere else), and the hours fill from the next run on.
        hours: z.record(z.string(), count).default({}),
      }),
    ),
    successes: z.record(z.string(), z.number()),
    onlineProblems: z.record(z.string(), z.array(event)),
    policyChanges: z.array(event),
  }),
});

/** The saved state, or null when there is none yet (the first run). */
export async function loadState(path: string): Promise<NightlyState | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AamlogError(`state ${path}: ${describeSystemError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AamlogError(`state ${path}: not valid JSON (${(error as Error).message}); move it aside to start afresh`);
  }
  const result = stateSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AamlogError(`state ${path}: not an aamlog state file (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  // Events are checked only for what pruning reads; the rest is as this tool wrote it.
  return result.data as unknown as NightlyState;
}

export async function saveState(path: string, state: NightlyState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state)}\n`);
}

/** Forgets what happened before `cutoffMs`: groups whose last failure is older, and older events. */
export function pruneAggregatorState(state: AggregatorState, cutoffMs: number): AggregatorState {
  return {
    version: 1,
    groups: state.groups.filter((g) => g.lastMs >= cutoffMs),
    successes: Object.fromEntries(Object.entries(state.successes).filter(([, ms]) => ms >= cutoffMs)),
    onlineProblems: Object.fromEntries(
      Object.entries(state.onlineProblems)
        .map(([user, events]): [string, typeof events] => [user, events.filter((e) => e.epochMs >= cutoffMs)])
        .filter(([, events]) => events.length > 0),
    ),
    policyChanges: state.policyChanges.filter((e) => e.epochMs >= cutoffMs),
  };
}
