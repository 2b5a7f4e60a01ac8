/**
 * The latest online-authentication problems of one user (failed logins, lockouts, expired
 * tokens), which rule 7 reads. A busy log holds hundreds of thousands of failed logins,
 * and most are pushed out by later ones. Kept as event objects, each lived just long
 * enough for the garbage collector to copy it into the old generation, which cost a fifth
 * of a run. Here each user's events are rows of one flat array, so keeping one allocates
 * nothing and touches a few neighbouring cache lines (a column per field touched seventeen
 * scattered ones); events are built again when they are read.
 *
 * A problem the fast path deferred (`DeferredProblem`) is kept as its record's text, in a
 * cell of `TextCells`, and its record is built only if it is still kept when the events
 * are read: once a user's slots are full, each new problem pushes an older one out, and
 * most never reach the diagnosis.
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

  /** `cells`: where deferred records' texts are kept (one store for every user). */
  constructor(private readonly cells: TextCells) {}

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    const slot = this.place(event.epochMs);
    if (slot >= 0) this.write(slot, event);
  }

  /** Whether every slot holds a problem: then each new one pushes an older one out. */
  get full(): boolean {
    return this.kept === PROBLEMS_PER_USER;
  }

  private write(slot: number, event: AmEvent): void {
    this.deferred?.clear(slot);
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
   * are read; false when its text finds no cell within `room` (see `TextCells.put`): it
   * must then be built and added now.
   */
  defer(problem: DeferredProblem, epochMs: number, room: number): boolean {
    const cell = this.cells.put(problem.text, problem.start, problem.end, room);
    if (cell < 0) return false;
    const slot = this.place(epochMs);
    if (slot < 0) this.cells.free(cell);
    else (this.deferred ??= new DeferredTexts(this.cells)).set(slot, cell, problem);
    return true;
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
 * Cell sizes, smallest first: a text takes the smallest it fits. Sizes in between (768
 * bytes) left cells of one size free while texts a little longer needed new ones: on the
 * benchmark's syslog, 14 MB of cells cut against 11 MB.
 */
const CELL_BYTES = [256, 512, 1024, 2048, MAX_DEFERRED_BYTES];
/** Cells are cut from slabs of this size, one size of cell to a slab (its memory is touched as its cells are). */
const SLAB_BYTES = 64 * 1024;

/**
 * The texts of deferred records, each in a cell, for every user. A cell whose problem is
 * pushed out or built is reused by the next text of its size, so a busy log's problems,
 * mostly pushed out by later ones, keep using the memory of the few kept at a time: on
 * this kind of machine, the first touch of fresh memory costs more than copying a text
 * into it (bench/README.md). A cell is given as a number: its index among the cells of its
 * size, times the number of sizes, plus its size's index.
 */
export class TextCells {
  private readonly slabs: Buffer[][] = CELL_BYTES.map(() => []);
  private readonly freeCells: number[][] = CELL_BYTES.map(() => []);
  /** Per size: cells cut so far. */
  private readonly cut: number[] = CELL_BYTES.map(() => 0);
  /** Bytes of every cell cut so far, free or not. */
  private cutBytes = 0;

  /**
   * Copies `text[start, end)` (at most MAX_DEFERRED_BYTES) into a free cell, or into a new
   * one while cells cut so far and it take at most `room` bytes: the cell, or -1.
   */
  put(text: Buffer, start: number, end: number, room: number): number {
    const size = sizeIndex(end - start);
    const cellBytes = CELL_BYTES[size];
    let cell = this.freeCells[size].pop();
    if (cell === undefined) {
      if (this.cutBytes + cellBytes > room) return -1;
      cell = this.cut[size]++ * CELL_BYTES.length + size;
      this.cutBytes += cellBytes;
    }
    const { slab, at } = this.place(cell);
    text.copy(slab, at, start, end);
    return cell;
  }

  free(cell: number): void {
    this.freeCells[cell % CELL_BYTES.length].push(cell);
  }

  /** The first `bytes` of a cell. */
  text(cell: number, bytes: number): Buffer {
    const { slab, at } = this.place(cell);
    return slab.subarray(at, at + bytes);
  }

  private place(cell: number): { slab: Buffer; at: number } {
    const size = cell % CELL_BYTES.length;
    const index = (cell - size) / CELL_BYTES.length;
    const perSlab = Math.floor(SLAB_BYTES / CELL_BYTES[size]);
    const slabs = this.slabs[size];
    const n = Math.floor(index / perSlab);
    while (slabs.length <= n) slabs.push(Buffer.allocUnsafe(SLAB_BYTES));
    return { slab: slabs[n], at: (index % perSlab) * CELL_BYTES[size] };
  }
}

/** The index of the smallest cell size a text of `bytes` fits. */
function sizeIndex(bytes: number): number {
  let size = 0;
  while (CELL_BYTES[size] < bytes) size++;
  return size;
}

/** The size of the cell a text of `bytes` takes (for tests that count cells). */
export function cellBytes(bytes: number): number {
  return CELL_BYTES[sizeIndex(bytes)];
}

/** The deferred records of one user's slots: each slot's text is in a cell of `TextCells`. */
class DeferredTexts {
  /** Per slot: how to build its record, or undefined when the slot's row holds the event. */
  readonly builds: (BuildRecord | undefined)[] = new Array(PROBLEMS_PER_USER).fill(undefined);
  /**
   * Per slot: its text's cell, how long the text is, and its line. Full length from the
   * start: a store past an array's end made V8 throw away the optimised code of the
   * callers, each time a new user's arrays grew. Cells and lengths are small integers:
   * read back from a Float64Array, cells came as doubles, the lists of free cells became
   * arrays of doubles, and V8 threw away the optimised code of `put` and `place`.
   */
  private readonly cells = new Int32Array(PROBLEMS_PER_USER);
  private readonly bytes = new Int32Array(PROBLEMS_PER_USER);
  private readonly lines = new Float64Array(PROBLEMS_PER_USER);

  constructor(private readonly store: TextCells) {}

  /** Gives a slot a deferred record, whose text is in `cell` (the slot's text before goes). */
  set(slot: number, cell: number, problem: DeferredProblem): void {
    this.clear(slot);
    this.cells[slot] = cell;
    this.bytes[slot] = problem.end - problem.start;
    this.lines[slot] = problem.line;
    this.builds[slot] = problem.build;
  }

  /** Lets go of a slot's deferred record, if it has one. */
  clear(slot: number): void {
    if (!this.builds[slot]) return;
    this.store.free(this.cells[slot]);
    this.builds[slot] = undefined;
  }

  /** The event of a slot holding a deferred record. */
  event(slot: number, placer: ZonePlacer): AmEvent {
    return toEvent(this.builds[slot]!(this.store.text(this.cells[slot], this.bytes[slot]), this.lines[slot]), placer);
  }
}
