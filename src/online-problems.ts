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

const TEXT_FIELDS = [
  'serverNode',
  'userId',
  'userDomain',
  'agentName',
  'agentIp',
  'clientIp',
  'tokenSerial',
  'errorMessage',
  'actionKey',
  'actionId',
  'result',
  'reason',
] as const;

export class UserProblems {
  private readonly epochMs: number[] = [];
  private readonly kinds: EventKind[] = [];
  private readonly texts: (string | null)[][] = TEXT_FIELDS.map(() => []);
  /** Targets where a record has any (online problems rarely do): an empty array per event would be kept too. */
  private readonly targets: (string[] | null)[] = [];
  private readonly files: string[] = [];
  private readonly lines: number[] = [];

  get size(): number {
    return this.epochMs.length;
  }

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    let at = this.epochMs.length;
    while (at > 0 && this.epochMs[at - 1] > event.epochMs) at--;
    const place = <T>(column: T[], value: T) => {
      if (at === column.length) column.push(value);
      else column.splice(at, 0, value);
      if (column.length > PROBLEMS_PER_USER) column.shift();
    };
    place(this.epochMs, event.epochMs);
    place(this.kinds, event.kind);
    TEXT_FIELDS.forEach((field, i) => place(this.texts[i], event[field]));
    place(this.targets, event.targets.length > 0 ? event.targets : null);
    place(this.files, event.source.file);
    place(this.lines, event.source.line);
  }

  /** The problems as events, oldest first; `time` is placed again by `placer` as `toEvent` did. */
  events(placer: ZonePlacer): AmEvent[] {
    return this.epochMs.map((epochMs, n) => {
      const text = (field: (typeof TEXT_FIELDS)[number]) => this.texts[TEXT_FIELDS.indexOf(field)][n];
      return {
        time: placer.iso(epochMs),
        epochMs,
        kind: this.kinds[n],
        serverNode: text('serverNode'),
        userId: text('userId'),
        userDomain: text('userDomain'),
        agentName: text('agentName'),
        agentIp: text('agentIp'),
        clientIp: text('clientIp'),
        tokenSerial: text('tokenSerial'),
        errorMessage: text('errorMessage'),
        actionKey: text('actionKey'),
        actionId: text('actionId'),
        result: text('result'),
        reason: text('reason'),
        targets: this.targets[n] ?? [],
        source: { file: this.files[n], line: this.lines[n] },
      };
    });
  }
}
