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

  /** Adds in time order (after events of the same time); the oldest goes beyond PROBLEMS_PER_USER. */
  add(event: AmEvent): void {
    const times = this.epochMs;
    let at = times.length;
    while (at > 0 && times[at - 1] > event.epochMs) at--;
    const targets = event.targets.length > 0 ? event.targets : null;
    if (at === times.length) {
      times.push(event.epochMs);
      this.kinds.push(event.kind);
      for (let f = 0; f < TEXT_FIELDS.length; f++) this.texts[f].push(event[TEXT_FIELDS[f]]);
      this.targets.push(targets);
      this.files.push(event.source.file);
      this.lines.push(event.source.line);
    } else {
      times.splice(at, 0, event.epochMs);
      this.kinds.splice(at, 0, event.kind);
      for (let f = 0; f < TEXT_FIELDS.length; f++) this.texts[f].splice(at, 0, event[TEXT_FIELDS[f]]);
      this.targets.splice(at, 0, targets);
      this.files.splice(at, 0, event.source.file);
      this.lines.splice(at, 0, event.source.line);
    }
    if (times.length > PROBLEMS_PER_USER) {
      times.shift();
      this.kinds.shift();
      for (const column of this.texts) column.shift();
      this.targets.shift();
      this.files.shift();
      this.lines.shift();
    }
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
