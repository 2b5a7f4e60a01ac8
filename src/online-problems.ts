/**
 * The latest online-authentication problems of one user (failed logins, lockouts, expired
 * tokens), which rule 7 reads. A busy log holds hundreds of thousands of failed logins,
 * and most are pushed out by later ones. Kept as event objects, each lived just long
 * enough for the garbage collector to copy it into the old generation, which cost a fifth
 * of a run. Here each user's events are rows of one flat array, so keeping one allocates
 * nothing and touches a few neighbouring cache lines (a column per field touched seventeen
 * scattered ones); events are built again when they are read.
 *
 * Once a user's slots are full, each new problem pushes an older one out, and most never
 * reach the diagnosis: a problem the fast path deferred (`DeferredProblem`) is then kept
 * as its record's text, in the user's text buffer, and its record is built only if it is
 * still kept when the events are read.
 */
import type { AmEvent, EventKind } from './model.js';
import { toEvent } from './normalise.js';
import type { BuildRecord, DeferredProblem } from './parse/types.js';
import type { ZonePlacer } from './time.js';

/** Online problems kept per user: rule 7 looks only minutes before a group's last failure. */
export const PROBLEMS_PER_USER = 32;

/** Fields of a row after its time (which lives in `UserProblems.times`). */
const FIELDS = 16;

/** The longest text `Aggregator.addDeferred` keeps (a syslog record runs to a few hundred bytes). */
export const MAX_DEFERRED_BYTES = 4096;
/** The least room per text. */
const MIN_STRIDE = 512;

export class UserProblems {
  /** The time of the event in each slot. */
  private readonly times = new Float64Array(PROBLEMS_PER_USER);
  /** Slot n's fields at `[n * FIELDS, (n + 1) * FIELDS)`, in the order `add` writes them; a slot is reused once its event goes. */
  private readonly rows: unknown[] = [];
  /** The slots of the kept events, oldest first (`order[0, kept)`): an older event (inputs out of order) moves only these. */
  private readonly order = new Uint8Array(PROBLEMS_PER_USER);
  private kept = 0;
  /** The deferred records, once there are any (most users of a big log have none). */
  private deferred: DeferredTexts | null = null;

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    const slot = this.place(event.epochMs);
    if (slot >= 0) this.write(slot, event);
  }

  /** Whether every slot holds a problem: then each new one pushes an older one out. */
  get full(): boolean {
    return this.kept === PROBLEMS_PER_USER;
  }

  /** Bytes of the user's own buffer for deferred records' texts. */
  get ownTextBytes(): number {
    return this.deferred?.own?.length ?? 0;
  }

  /** Builds every deferred record now, and lets go of their texts. */
  buildDeferred(placer: ZonePlacer): void {
    const deferred = this.deferred;
    if (!deferred) return;
    for (let slot = 0; slot < PROBLEMS_PER_USER; slot++) {
      if (deferred.builds[slot]) this.write(slot, deferred.event(slot, placer));
    }
    this.deferred = null;
  }

  private write(slot: number, event: AmEvent): void {
    if (this.deferred) this.deferred.builds[slot] = undefined;
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
   * are read, while the user has room: its text goes to `young` (the caller made sure it fits).
   */
  deferYoung(problem: DeferredProblem, epochMs: number, young: YoungTexts): void {
    const slot = this.place(epochMs);
    if (slot >= 0) (this.deferred ??= new DeferredTexts()).putYoung(slot, problem, young);
  }

  /** The same once the user's slots are full: its text goes to the user's own buffer. */
  deferOwn(problem: DeferredProblem, epochMs: number): void {
    const slot = this.place(epochMs);
    if (slot >= 0) (this.deferred ??= new DeferredTexts()).putOwn(slot, problem);
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
      if (this.deferred?.builds[slot]) return this.deferred.event(slot, placer);
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

/**
 * Texts of deferred records of users whose slots are not full yet, one after another in one
 * buffer (a buffer per user cost more in fresh memory than building their records where
 * many users fail a few times). It is filled once, never emptied.
 */
export class YoungTexts {
  private buffer: Buffer | null = null;
  private used = 0;

  constructor(readonly capacity: number) {}

  fits(bytes: number): boolean {
    return this.used + bytes <= this.capacity;
  }

  /** Appends a problem's text (it fits): the buffer and where in it. */
  append(problem: DeferredProblem): { buffer: Buffer; at: number } {
    const buffer = (this.buffer ??= Buffer.allocUnsafe(this.capacity));
    const at = this.used;
    this.used += problem.text.copy(buffer, at, problem.start, problem.end);
    return { buffer, at };
  }
}

/**
 * The deferred records of one user's slots: each slot's text is in YoungTexts while the
 * user has room, then in the user's own buffer, slot n's at `n * stride` (grown as texts
 * need: each slot is reused in turn).
 */
class DeferredTexts {
  /** Per slot: how to build its record, or undefined when the slot's row holds the event. */
  readonly builds: (BuildRecord | undefined)[] = [];
  /** Per slot: the buffer holding its text, where, how long, and its line (arrays: most users defer a few). */
  private readonly buffers: Buffer[] = [];
  private readonly at: number[] = [];
  private readonly bytes: number[] = [];
  private readonly lines: number[] = [];
  own: Buffer | null = null;
  private stride = 0;

  putYoung(slot: number, problem: DeferredProblem, young: YoungTexts): void {
    const { buffer, at } = young.append(problem);
    this.set(slot, problem, buffer, at);
  }

  putOwn(slot: number, problem: DeferredProblem): void {
    const bytes = problem.end - problem.start;
    if (bytes > this.stride) this.makeRoom(bytes);
    const own = this.own!;
    problem.text.copy(own, slot * this.stride, problem.start, problem.end);
    this.set(slot, problem, own, slot * this.stride);
  }

  /** The event of a slot holding a deferred record. */
  event(slot: number, placer: ZonePlacer): AmEvent {
    const from = this.at[slot];
    return toEvent(this.builds[slot]!(this.buffers[slot].subarray(from, from + this.bytes[slot]), this.lines[slot]), placer);
  }

  private set(slot: number, problem: DeferredProblem, buffer: Buffer, at: number): void {
    this.buffers[slot] = buffer;
    this.at[slot] = at;
    this.bytes[slot] = problem.end - problem.start;
    this.lines[slot] = problem.line;
    this.builds[slot] = problem.build;
  }

  /** Makes the own buffer's room per text hold `bytes`, moving every deferred text into it. */
  private makeRoom(bytes: number): void {
    let stride = Math.max(this.stride, MIN_STRIDE);
    while (stride < bytes) stride *= 2;
    const own = Buffer.allocUnsafe(PROBLEMS_PER_USER * stride);
    for (let s = 0; s < PROBLEMS_PER_USER; s++) {
      if (!this.builds[s]) continue;
      this.buffers[s].copy(own, s * stride, this.at[s], this.at[s] + this.bytes[s]);
      this.buffers[s] = own;
      this.at[s] = s * stride;
    }
    this.own = own;
    this.stride = stride;
  }
}
