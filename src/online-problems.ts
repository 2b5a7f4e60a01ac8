/**
 * The latest online-authentication problems of one user (failed logins, lockouts, expired
 * tokens), which rule 7 reads. A busy log holds hundreds of thousands of failed logins,
 * and most are pushed out by later ones. Kept as event objects, each lived just long
 * enough for the garbage collector to copy it into the old generation, which cost a fifth
 * of a run. Here each user's events are rows of one flat array, so keeping one allocates
 * nothing and touches a few neighbouring cache lines (a column per field touched seventeen
 * scattered ones); events are built again when they are read.
 *
 * A problem the fast path deferred (`DeferredProblem`) is kept as its record's text in
 * its slot's own buffer, and its record is built only if it is still kept when the
 * events are read: building every record cost a tenth of a syslog run.
 */
import type { AmEvent, EventKind } from './model.js';
import { toEvent } from './normalise.js';
import type { BuildRecord, DeferredProblem } from './parse/types.js';
import type { ZonePlacer } from './time.js';

/** Online problems kept per user: rule 7 looks only minutes before a group's last failure. */
export const PROBLEMS_PER_USER = 32;

/** Fields of a row after its time (which lives in `UserProblems.times`). */
const FIELDS = 16;

/** The longest text `addDeferred` keeps: a longer record is built at once (a syslog record runs to a few hundred bytes). */
export const MAX_DEFERRED_BYTES = 4096;
/** The least room per text. */
const MIN_STRIDE = 512;

const EMPTY = Buffer.alloc(0);

export class UserProblems {
  /** The time of the event in each slot. */
  private readonly times = new Float64Array(PROBLEMS_PER_USER);
  /** Slot n's fields at `[n * FIELDS, (n + 1) * FIELDS)`, in the order `add` writes them; a slot is reused once its event goes. */
  private readonly rows: unknown[] = [];
  /** The slots of the kept events, oldest first (`order[0, kept)`): an older event (inputs out of order) moves only these. */
  private readonly order = new Uint8Array(PROBLEMS_PER_USER);
  private kept = 0;
  /** Per slot: how to build its deferred record, or undefined when its row holds the event. */
  private readonly builds: (BuildRecord | undefined)[] = [];
  /**
   * The texts of deferred records: slot n's at `[n * stride, n * stride + textBytes[n])`.
   * One buffer per user, grown as slots and texts need: a buffer per text cost more in
   * fresh memory than building the record.
   */
  private texts = EMPTY;
  private stride = 0;
  private readonly textBytes = new Int32Array(PROBLEMS_PER_USER);
  private readonly lines = new Float64Array(PROBLEMS_PER_USER);

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    const slot = this.place(event.epochMs);
    if (slot < 0) return;
    this.builds[slot] = undefined;
    const { rows } = this;
    const at = slot * FIELDS;
    rows[at] = event.kind;
    rows[at + 1] = event.serverNode;
    rows[at + 2] = event.userId;
    rows[at + 3] = event.userDomain;
    rows[at + 4] = event.agentName;
    rows[at + 5] = event.agentIp;
    rows[at + 6] = event.clientIp;
    rows[at + 7] = event.tokenSerial;
    rows[at + 8] = event.errorMessage;
    rows[at + 9] = event.actionKey;
    rows[at + 10] = event.actionId;
    rows[at + 11] = event.result;
    rows[at + 12] = event.reason;
    // Online problems rarely have targets: an empty array per event would be kept too.
    rows[at + 13] = event.targets.length > 0 ? event.targets : null;
    rows[at + 14] = event.source.file;
    rows[at + 15] = event.source.line;
  }

  /**
   * As `add`, for a problem whose record is built only if it is still kept when the events
   * are read. Its text is at most MAX_DEFERRED_BYTES long.
   */
  addDeferred(problem: DeferredProblem, epochMs: number): void {
    const slot = this.place(epochMs);
    if (slot < 0) return;
    const bytes = problem.end - problem.start;
    if (bytes > this.stride || (slot + 1) * this.stride > this.texts.length) this.makeRoom(slot, bytes);
    problem.text.copy(this.texts, slot * this.stride, problem.start, problem.end);
    this.textBytes[slot] = bytes;
    this.lines[slot] = problem.line;
    this.builds[slot] = problem.build;
  }

  /** Grows the text buffer to hold slot `slot` and a text of `bytes`, moving the texts it holds. */
  private makeRoom(slot: number, bytes: number): void {
    let stride = Math.max(this.stride, MIN_STRIDE);
    while (stride < bytes) stride *= 2;
    const held = this.stride === 0 ? 0 : this.texts.length / this.stride;
    // Room for four times as many: each growth is a fresh allocation, and fresh memory costs.
    const texts = Buffer.allocUnsafe(Math.min(PROBLEMS_PER_USER, Math.max(slot + 1, 4 * held, 4)) * stride);
    for (let s = 0; s < held; s++) {
      if (this.builds[s]) this.texts.copy(texts, s * stride, s * this.stride, s * this.stride + this.textBytes[s]);
    }
    this.texts = texts;
    this.stride = stride;
  }

  /**
   * Makes room for an event of this time: the slot it takes, or -1 when it is older than
   * every kept event and there is no room.
   */
  private place(epochMs: number): number {
    const { times, order } = this;
    let slot = this.kept;
    // Where the event goes: after every kept event of the same time or earlier.
    let place = this.kept;
    while (place > 0 && times[order[place - 1]] > epochMs) place--;
    if (this.kept === PROBLEMS_PER_USER) {
      // Full: an event older than every kept one would go in and out again.
      if (place === 0) return -1;
      // The oldest goes, and its slot takes the new event.
      slot = order[0];
      order.copyWithin(0, 1, place);
      place--;
    } else {
      order.copyWithin(place + 1, place, this.kept);
      this.kept++;
    }
    order[place] = slot;
    times[slot] = epochMs;
    return slot;
  }

  /** The problems as events, oldest first; `time` is placed again by `placer` as `toEvent` did. */
  events(placer: ZonePlacer): AmEvent[] {
    const { times, rows } = this;
    return Array.from(this.order.subarray(0, this.kept), (slot) => {
      const build = this.builds[slot];
      if (build) {
        const from = slot * this.stride;
        return toEvent(build(this.texts.subarray(from, from + this.textBytes[slot]), this.lines[slot]), placer);
      }
      const at = slot * FIELDS;
      return {
        time: placer.iso(times[slot]),
        epochMs: times[slot],
        kind: rows[at] as EventKind,
        serverNode: rows[at + 1] as string | null,
        userId: rows[at + 2] as string | null,
        userDomain: rows[at + 3] as string | null,
        agentName: rows[at + 4] as string | null,
        agentIp: rows[at + 5] as string | null,
        clientIp: rows[at + 6] as string | null,
        tokenSerial: rows[at + 7] as string | null,
        errorMessage: rows[at + 8] as string | null,
        actionKey: rows[at + 9] as string | null,
        actionId: rows[at + 10] as string | null,
        result: rows[at + 11] as string | null,
        reason: rows[at + 12] as string | null,
        targets: (rows[at + 13] as string[] | null) ?? [],
        source: { file: rows[at + 14] as string, line: rows[at + 15] as number },
      };
    });
  }
}
