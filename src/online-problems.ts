/**
 * The latest online-authentication problems of one user (failed logins, lockouts, expired
 * tokens), which rule 7 reads. A busy log holds hundreds of thousands of failed logins:
 * kept as event objects, each lived just long enough for the garbage collector to copy it
 * into the old generation, which cost a fifth of a run. Here they are held column-wise, so
 * keeping one allocates nothing; events are built again when they are read.
 */
import type { AmEvent, EventKind } from './model.js';
import type { ZonePlacer } from './time.js';

/** Online problems kept per user: rule 7 looks only minutes before a group's last failure. */
export const PROBLEMS_PER_USER = 32;

/** One event as a row of the columns below, written into a scratch row (no allocation). */
function writeRow(event: AmEvent, row: unknown[]): void {
  row[0] = event.epochMs;
  row[1] = event.kind;
  row[2] = event.serverNode;
  row[3] = event.userId;
  row[4] = event.userDomain;
  row[5] = event.agentName;
  row[6] = event.agentIp;
  row[7] = event.clientIp;
  row[8] = event.tokenSerial;
  row[9] = event.errorMessage;
  row[10] = event.actionKey;
  row[11] = event.actionId;
  row[12] = event.result;
  row[13] = event.reason;
  // Online problems rarely have targets: an empty array per event would be kept too.
  row[14] = event.targets.length > 0 ? event.targets : null;
  row[15] = event.source.file;
  row[16] = event.source.line;
}

const COLUMNS = 17;
const scratchRow: unknown[] = new Array(COLUMNS);

export class UserProblems {
  /** Column i holds field i of `writeRow`, one slot per kept event; a slot is reused once its event goes. */
  private readonly columns: unknown[][] = Array.from({ length: COLUMNS }, () => []);
  /** The slots of the kept events, oldest first: an older event (inputs out of order) moves only these. */
  private readonly order: number[] = [];

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    const times = this.columns[0] as number[];
    const order = this.order;
    let slot = order.length;
    if (order.length === PROBLEMS_PER_USER) {
      // Full: an event older than every kept one would go in and out again.
      if (event.epochMs < times[order[0]]) return;
      slot = order.shift()!;
    }
    writeRow(event, scratchRow);
    for (let c = 0; c < COLUMNS; c++) this.columns[c][slot] = scratchRow[c];
    let at = order.length;
    while (at > 0 && times[order[at - 1]] > event.epochMs) at--;
    if (at === order.length) order.push(slot);
    else order.splice(at, 0, slot);
  }

  /** The problems as events, oldest first; `time` is placed again by `placer` as `toEvent` did. */
  events(placer: ZonePlacer): AmEvent[] {
    const [times, kinds, serverNode, userId, userDomain, agentName, agentIp, clientIp, tokenSerial, errorMessage, actionKey, actionId, result, reason, targets, files, lines] =
      this.columns;
    return this.order.map((n) => ({
      time: placer.iso(times[n] as number),
      epochMs: times[n] as number,
      kind: kinds[n] as EventKind,
      serverNode: serverNode[n] as string | null,
      userId: userId[n] as string | null,
      userDomain: userDomain[n] as string | null,
      agentName: agentName[n] as string | null,
      agentIp: agentIp[n] as string | null,
      clientIp: clientIp[n] as string | null,
      tokenSerial: tokenSerial[n] as string | null,
      errorMessage: errorMessage[n] as string | null,
      actionKey: actionKey[n] as string | null,
      actionId: actionId[n] as string | null,
      result: result[n] as string | null,
      reason: reason[n] as string | null,
      targets: (targets[n] as string[] | null) ?? [],
      source: { file: files[n] as string, line: lines[n] as number },
    }));
  }
}
